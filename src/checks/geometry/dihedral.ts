import type { Plane, RgbImage } from "../pixels/rgb-image.js";

/** The 8 rotations and flips of a rectangle. Rotations are clockwise. */
export type Dihedral =
  | "identity"
  | "rotate90"
  | "rotate180"
  | "rotate270"
  | "flipH"
  | "flipV"
  | "transpose"
  | "transverse";

export const DIHEDRALS: readonly Dihedral[] = [
  "identity",
  "rotate90",
  "rotate180",
  "rotate270",
  "flipH",
  "flipV",
  "transpose",
  "transverse",
];

export function swapsAxes(t: Dihedral): boolean {
  return t === "rotate90" || t === "rotate270" || t === "transpose" || t === "transverse";
}

/** For output pixel (x, y) of T(input), the input pixel it comes from. `w`,`h` are the input size. */
function sourceIndex(t: Dihedral, x: number, y: number, w: number, h: number): number {
  switch (t) {
    case "identity":
      return y * w + x;
    case "rotate90":
      return (h - 1 - x) * w + y;
    case "rotate180":
      return (h - 1 - y) * w + (w - 1 - x);
    case "rotate270":
      return x * w + (w - 1 - y);
    case "flipH":
      return y * w + (w - 1 - x);
    case "flipV":
      return (h - 1 - y) * w + x;
    case "transpose":
      return x * w + y;
    case "transverse":
      return (h - 1 - x) * w + (w - 1 - y);
  }
}

export function transformPlane(plane: Plane, t: Dihedral): Plane {
  if (t === "identity") return plane;
  const { width: w, height: h } = plane;
  const [ow, oh] = swapsAxes(t) ? [h, w] : [w, h];
  const data = new Float32Array(ow * oh);
  for (let y = 0; y < oh; y++)
    for (let x = 0; x < ow; x++) data[y * ow + x] = plane.data[sourceIndex(t, x, y, w, h)] as number;
  return { width: ow, height: oh, data };
}

export function transformRgb(image: RgbImage, t: Dihedral): RgbImage {
  if (t === "identity") return image;
  const { width: w, height: h } = image;
  const [ow, oh] = swapsAxes(t) ? [h, w] : [w, h];
  const rgb = new Uint8Array(ow * oh * 3);
  for (let y = 0; y < oh; y++) {
    for (let x = 0; x < ow; x++) {
      const s = sourceIndex(t, x, y, w, h) * 3;
      const o = (y * ow + x) * 3;
      rgb[o] = image.rgb[s] as number;
      rgb[o + 1] = image.rgb[s + 1] as number;
      rgb[o + 2] = image.rgb[s + 2] as number;
    }
  }
  return { width: ow, height: oh, rgb };
}
