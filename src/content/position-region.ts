import type { Box } from "./content-types.js";

/**
 * The area a position phrase names ("top", "bottom-left corner", "centre"), as a normalised box.
 * A text's centre must fall inside it. Returns null for phrases it does not know.
 */
export function positionBox(position: string): Box | null {
  const p = position.toLowerCase();
  let [x0, y0, x1, y1] = [0, 0, 1, 1];
  let known = false;
  if (/\b(top|upper)\b/.test(p)) [y0, y1, known] = [0, 0.4, true];
  if (/\b(bottom|lower)\b/.test(p)) [y0, y1, known] = [0.6, 1, true];
  if (/\bleft\b/.test(p)) [x0, x1, known] = [0, 0.4, true];
  if (/\bright\b/.test(p)) [x0, x1, known] = [0.6, 1, true];
  if (/\b(middle|centre|center)\b/.test(p)) {
    if (!/\b(top|upper|bottom|lower)\b/.test(p)) [y0, y1] = [0.3, 0.7];
    if (!/\b(left|right)\b/.test(p)) [x0, x1] = [0.3, 0.7];
    known = true;
  }
  return known ? [x0, y0, x1, y1] : null;
}
