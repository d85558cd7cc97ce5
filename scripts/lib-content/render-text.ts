import type { Img } from "./image-ops.js";

export type TextPosition =
  | "top"
  | "bottom"
  | "left"
  | "right"
  | "center"
  | "top-left corner"
  | "top-right corner"
  | "bottom-left corner"
  | "bottom-right corner";

export const POSITIONS: readonly TextPosition[] = [
  "top",
  "bottom",
  "left",
  "right",
  "center",
  "top-left corner",
  "top-right corner",
  "bottom-left corner",
  "bottom-right corner",
];

export const OPPOSITE: Record<TextPosition, TextPosition> = {
  top: "bottom",
  bottom: "top",
  left: "right",
  right: "left",
  center: "top-left corner",
  "top-left corner": "bottom-right corner",
  "top-right corner": "bottom-left corner",
  "bottom-left corner": "top-right corner",
  "bottom-right corner": "top-left corner",
};

export interface TextStyle {
  size: number;
  fill: string;
  stroke: string;
  /** Draw a plate behind the text, like a sign. */
  plate: string | null;
}

export const STYLES: readonly TextStyle[] = [
  { size: 60, fill: "white", stroke: "black", plate: null },
  { size: 52, fill: "black", stroke: "none", plate: "white" },
  { size: 56, fill: "#ffd400", stroke: "black", plate: null },
  { size: 48, fill: "white", stroke: "none", plate: "#c0392b" },
];

/** Where the text's anchor goes for a position, on a width×height image. */
function anchor(position: TextPosition, width: number, height: number, size: number) {
  const v = position.includes("top")
    ? 0.08 * height + size
    : position.includes("bottom")
      ? 0.92 * height
      : height / 2 + size / 3;
  if (position.includes("left")) return { x: 0.04 * width, y: v, align: "start" };
  if (position.includes("right")) return { x: 0.96 * width, y: v, align: "end" };
  return { x: width / 2, y: v, align: "middle" };
}

/** An SVG overlay with `text` at `position`, to composite over an image of the same size. */
export function textSvg(img: Img, text: string, position: TextPosition, style: TextStyle): Buffer {
  const { x, y, align } = anchor(position, img.width, img.height, style.size);
  const w = text.length * style.size * 0.68;
  const left = align === "start" ? x : align === "end" ? x - w : x - w / 2;
  const plate = style.plate
    ? `<rect x="${left - 12}" y="${y - style.size * 0.95}" width="${w + 24}" height="${style.size * 1.25}" fill="${style.plate}"/>`
    : "";
  const esc = text.replace(/&/g, "&amp;").replace(/</g, "&lt;");
  return Buffer.from(
    `<svg width="${img.width}" height="${img.height}">${plate}<text x="${x}" y="${y}" font-size="${style.size}" ` +
      `font-family="DejaVu Sans" font-weight="bold" fill="${style.fill}" stroke="${style.stroke}" stroke-width="2" ` +
      `text-anchor="${align}">${esc}</text></svg>`,
  );
}

/** A misspelling two edits away: two inner letters swapped, or one letter doubled and one dropped. */
export function misspell(text: string): string {
  const letters = [...text];
  const i = letters.findIndex(
    (c, k) => k > 0 && /\w/.test(c) && /\w/.test(letters[k + 1] ?? "") && c !== letters[k + 1],
  );
  if (i < 0) return `${text}X`;
  [letters[i], letters[i + 1]] = [letters[i + 1] as string, letters[i] as string];
  return letters.join("");
}
