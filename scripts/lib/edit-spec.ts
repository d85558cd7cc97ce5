/** Plain-data descriptions of the edits the generator renders; `applyEdit` turns one into pixels. */
export type Rgb = readonly [number, number, number];

/** A rectangle in normalised coordinates of the image it applies to. */
export interface Rect {
  x0: number;
  y0: number;
  x1: number;
  y1: number;
}

export type EditSpec =
  | { op: "identity" }
  /** gamma/knee: midtone-weighted L* change without clipping; shift: additive L* (clips). */
  | { op: "brightness"; method: "gamma" | "knee" | "shift"; amount: number }
  | { op: "contrast"; method: "lab" | "rgb"; factor: number }
  | { op: "saturation"; method: "lch" | "rgb"; factor: number }
  | { op: "grayscale"; method: "lab" | "luma" }
  | { op: "sepia"; method: "matrix" | "tint"; strength: number }
  /** amount > 0 is warmer, < 0 cooler. */
  | { op: "temperature"; method: "gains" | "lab"; amount: number }
  | { op: "invert" }
  /** A global a*, b* colour cast (an unrequested change). */
  | { op: "cast"; da: number; db: number }
  | { op: "rotate"; degrees: 90 | 180 | 270 }
  | { op: "flip"; axis: "horizontal" | "vertical" }
  | { op: "crop"; rect: Rect }
  /** Added around the image: the image grows by `width` pixels on each side. */
  | { op: "border"; color: Rgb; width: number }
  /** Painted over the outer pixels: same size, edges lost. */
  | { op: "inset-frame"; color: Rgb; width: number }
  | { op: "resize"; scaleX: number; scaleY: number }
  | { op: "blur"; sigma: number }
  | { op: "sharpen"; sigma: number; amount: number }
  | { op: "noise"; sigma: number; mono: boolean; seed: number }
  | { op: "median"; size: number }
  | { op: "pixelate"; block: number }
  /** A rectangle pasted from another photo. */
  | { op: "patch"; donor: string; at: Rect; from: { x: number; y: number } }
  /** A blob smeared (heavily blurred) or filled flat. */
  | { op: "smear"; at: Rect; style: "blur" | "flat" }
  /** Edges darkened by `strength` (0–1) from `inner` of the half-diagonal outwards; < 0 brightens them. */
  | { op: "vignette"; strength: number; inner: number }
  | { op: "posterize"; levels: number }
  /** LCh hue rotation, chroma kept. */
  | { op: "hue"; degrees: number }
  /** Small rotation, degrees clockwise; corners filled black or white, or cropped and zoomed to fill. */
  | { op: "tilt"; degrees: number; fill: "black" | "white" | "zoom" }
  /** `inner` (a size-preserving edit) applied only inside `rect`, or only outside it when `invert`. */
  | { op: "region"; rect: Rect; invert: boolean; inner: EditSpec }
  | { op: "chain"; steps: readonly EditSpec[] };

export const IDENTITY: EditSpec = { op: "identity" };

export function chain(...steps: EditSpec[]): EditSpec {
  return { op: "chain", steps };
}

/** A short human-readable label for the jsonl metadata. */
export function describeEdit(spec: EditSpec): string {
  const r = (v: number) => Math.round(v * 1000) / 1000;
  switch (spec.op) {
    case "chain":
      return spec.steps.map(describeEdit).join(" + ");
    case "region":
      return `${describeEdit(spec.inner)} ${spec.invert ? "outside" : "in"} [${r(spec.rect.x0)},${r(spec.rect.y0)},${r(spec.rect.x1)},${r(spec.rect.y1)}]`;
    case "patch":
      return `patch from ${spec.donor}`;
    default: {
      const params = Object.entries(spec)
        .filter(([k]) => k !== "op" && k !== "seed")
        .map(([k, v]) => `${k}=${typeof v === "number" ? r(v) : JSON.stringify(v)}`);
      return params.length === 0 ? spec.op : `${spec.op}(${params.join(",")})`;
    }
  }
}
