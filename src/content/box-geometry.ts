import type { Region } from "../contract/region.js";
import type { Box } from "./content-types.js";

export function iou(a: Box, b: Box): number {
  const ix = Math.max(0, Math.min(a[2], b[2]) - Math.max(a[0], b[0]));
  const iy = Math.max(0, Math.min(a[3], b[3]) - Math.max(a[1], b[1]));
  const inter = ix * iy;
  const union = (a[2] - a[0]) * (a[3] - a[1]) + (b[2] - b[0]) * (b[3] - b[1]) - inter;
  return union <= 0 ? 0 : inter / union;
}

export function centre(box: Box): [number, number] {
  return [(box[0] + box[2]) / 2, (box[1] + box[3]) / 2];
}

/** Grows a box by `fraction` of its size on each side, at least `min`, clipped to the image. */
export function padBox(box: Box, fraction: number, min: number): Box {
  const px = Math.max(min, (box[2] - box[0]) * fraction);
  const py = Math.max(min, (box[3] - box[1]) * fraction);
  return [
    Math.max(0, box[0] - px),
    Math.max(0, box[1] - py),
    Math.min(1, box[2] + px),
    Math.min(1, box[3] + py),
  ];
}

export function contains(box: Box, point: readonly [number, number]): boolean {
  return point[0] >= box[0] && point[0] <= box[2] && point[1] >= box[1] && point[1] <= box[3];
}

export function unionBox(boxes: readonly Box[]): Box | null {
  if (boxes.length === 0) return null;
  return [
    Math.min(...boxes.map((b) => b[0])),
    Math.min(...boxes.map((b) => b[1])),
    Math.max(...boxes.map((b) => b[2])),
    Math.max(...boxes.map((b) => b[3])),
  ];
}

export function boxToRegion(box: Box, label: string): Region {
  const r = (v: number) => Math.round(v * 1000) / 1000;
  return { label, x0: r(box[0]), y0: r(box[1]), x1: r(box[2]), y1: r(box[3]) };
}

/** "x 0.38–0.63, y 0.05–0.17": a box in words for evidence summaries. */
export function describeBox(box: Box): string {
  const f = (v: number) => v.toFixed(2);
  return `x ${f(box[0])}–${f(box[2])}, y ${f(box[1])}–${f(box[3])}`;
}
