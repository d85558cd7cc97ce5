import type { PixelRect } from "../pixels/rgb-image.js";

const COLUMNS = ["left", "centre", "right"] as const;
const ROWS = ["top", "middle", "bottom"] as const;

/**
 * A readable place for a box in a width×height frame, from where its centre falls on a 3×3 grid: "top-left",
 * "top", "centre", "bottom-right"…; a box spanning most of the frame is "across the whole picture".
 */
export function placeName(box: PixelRect, width: number, height: number): string {
  const bw = (box.x1 - box.x0) / width;
  const bh = (box.y1 - box.y0) / height;
  if (bw > 0.8 && bh > 0.8) return "across the whole picture";
  const cx = (box.x0 + box.x1) / 2 / width;
  const cy = (box.y0 + box.y1) / 2 / height;
  const column = COLUMNS[Math.min(2, Math.floor(cx * 3))] as (typeof COLUMNS)[number];
  const row = ROWS[Math.min(2, Math.floor(cy * 3))] as (typeof ROWS)[number];
  if (bw > 0.8) return row === "middle" ? "a band across the middle" : `along the ${row}`;
  if (bh > 0.8) return column === "centre" ? "a band down the centre" : `along the ${column} side`;
  if (row === "middle") return column === "centre" ? "centre" : column;
  return column === "centre" ? row : `${row}-${column}`;
}
