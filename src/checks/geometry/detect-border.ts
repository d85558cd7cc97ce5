import type { PixelRect, RgbImage } from "../pixels/rgb-image.js";

export interface BorderResult {
  /** Thickness in pixels of the uniform band on each side. */
  top: number;
  right: number;
  bottom: number;
  left: number;
  /** Mean colour of the band, when one was found. */
  color: [number, number, number] | null;
  /** The image inside the band. */
  inner: PixelRect;
  found: boolean;
}

const LINE_STD_MAX = 7;
const COLOR_TOLERANCE = 18;

/** Mean and spread of one row or column of pixels. */
function lineStats(
  image: RgbImage,
  horizontal: boolean,
  index: number,
): { mean: [number, number, number]; spread: number } {
  const n = horizontal ? image.width : image.height;
  const sum = [0, 0, 0];
  const sq = [0, 0, 0];
  for (let i = 0; i < n; i++) {
    const p = horizontal ? (index * image.width + i) * 3 : (i * image.width + index) * 3;
    for (let c = 0; c < 3; c++) {
      const v = image.rgb[p + c] as number;
      sum[c] = (sum[c] as number) + v;
      sq[c] = (sq[c] as number) + v * v;
    }
  }
  const mean = sum.map((s) => s / n) as [number, number, number];
  const spread = Math.max(...mean.map((m, c) => Math.sqrt(Math.max(0, (sq[c] as number) / n - m * m))));
  return { mean, spread };
}

const dist = (a: readonly number[], b: readonly number[]) =>
  Math.max(...a.map((v, i) => Math.abs(v - (b[i] as number))));

function bandThickness(
  image: RgbImage,
  side: "top" | "bottom" | "left" | "right",
  limit: number,
): { thickness: number; color: [number, number, number] } {
  const horizontal = side === "top" || side === "bottom";
  const count = horizontal ? image.height : image.width;
  const indexAt = (k: number) => (side === "top" || side === "left" ? k : count - 1 - k);
  const first = lineStats(image, horizontal, indexAt(0));
  if (first.spread > LINE_STD_MAX) return { thickness: 0, color: first.mean };
  let k = 1;
  while (k < limit) {
    const s = lineStats(image, horizontal, indexAt(k));
    if (s.spread > LINE_STD_MAX || dist(s.mean, first.mean) > COLOR_TOLERANCE) break;
    k++;
  }
  return { thickness: k, color: first.mean };
}

/**
 * Finds a uniform band of one colour around the image (an added border or frame).
 * A border needs all four sides, at least 2 px thick, in matching colours.
 */
export function detectBorder(image: RgbImage): BorderResult {
  const limitV = Math.floor(image.height * 0.35);
  const limitH = Math.floor(image.width * 0.35);
  const top = bandThickness(image, "top", limitV);
  const bottom = bandThickness(image, "bottom", limitV);
  const left = bandThickness(image, "left", limitH);
  const right = bandThickness(image, "right", limitH);
  const sides = [top, right, bottom, left];
  const found =
    sides.every((s) => s.thickness >= 2) &&
    sides.every((s) => dist(s.color, top.color) <= COLOR_TOLERANCE * 1.5);
  if (!found) {
    return {
      top: 0,
      right: 0,
      bottom: 0,
      left: 0,
      color: null,
      inner: { x0: 0, y0: 0, x1: image.width, y1: image.height },
      found,
    };
  }
  const color = [0, 1, 2].map((c) =>
    Math.round(sides.reduce((s, side) => s + (side.color[c] as number), 0) / 4),
  ) as [number, number, number];
  return {
    top: top.thickness,
    right: right.thickness,
    bottom: bottom.thickness,
    left: left.thickness,
    color,
    inner: {
      x0: left.thickness,
      y0: top.thickness,
      x1: image.width - right.thickness,
      y1: image.height - bottom.thickness,
    },
    found,
  };
}
