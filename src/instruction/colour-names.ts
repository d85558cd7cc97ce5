import type { RgbColor } from "../contract/edit-op.js";

/** Colour words → sRGB. Words arrive normalised ("grey" → "gray"). */
export const COLOUR_NAMES: Readonly<Record<string, RgbColor>> = {
  red: [220, 20, 20],
  white: [255, 255, 255],
  black: [0, 0, 0],
  blue: [30, 80, 220],
  green: [30, 160, 50],
  yellow: [250, 220, 30],
  gray: [128, 128, 128],
  silver: [192, 192, 192],
  orange: [255, 140, 0],
  purple: [128, 40, 160],
  violet: [143, 0, 255],
  pink: [255, 150, 190],
  magenta: [255, 0, 255],
  brown: [120, 70, 30],
  gold: [212, 175, 55],
  golden: [212, 175, 55],
  navy: [0, 0, 128],
  teal: [0, 128, 128],
  cyan: [0, 200, 220],
  turquoise: [64, 224, 208],
  maroon: [128, 0, 0],
  beige: [225, 205, 170],
  cream: [255, 250, 220],
  ivory: [255, 255, 240],
  tan: [210, 180, 140],
  olive: [128, 128, 0],
  lime: [120, 220, 40],
  crimson: [200, 20, 60],
  scarlet: [255, 36, 0],
  burgundy: [128, 0, 32],
  lavender: [200, 180, 240],
  indigo: [75, 0, 130],
  charcoal: [54, 69, 79],
};

const SHADE_MODIFIERS: Readonly<Record<string, number>> = { light: 0.5, pale: 0.6, dark: -0.45, deep: -0.35 };

export interface ColourMatch {
  name: string;
  rgb: RgbColor;
  start: number;
  end: number;
}

function shade(rgb: RgbColor, amount: number): RgbColor {
  const mix = (c: number) => Math.round(amount >= 0 ? c + (255 - c) * amount : c * (1 + amount));
  return [mix(rgb[0]), mix(rgb[1]), mix(rgb[2])];
}

function hexColour(value: string): RgbColor | null {
  const m = /^(?:#|hex)([0-9a-f]{6}|[0-9a-f]{3})$/.exec(value);
  if (!m?.[1]) return null;
  const hex = m[1].length === 3 ? [...m[1]].map((c) => c + c).join("") : m[1];
  return [0, 2, 4].map((i) => Number.parseInt(hex.slice(i, i + 2), 16)) as unknown as RgbColor;
}

/** The colour named at word i ("red", "light blue", "navy blue", "#ff0000"), or null. */
export function colourAt(values: readonly string[], i: number): ColourMatch | null {
  const v = values[i] ?? "";
  const hex = hexColour(v);
  if (hex) return { name: `#${v.replace(/^(#|hex)/, "")}`, rgb: hex, start: i, end: i + 1 };
  const base = COLOUR_NAMES[v];
  const modifier = SHADE_MODIFIERS[v];
  const next = values[i + 1] ?? "";
  if (modifier !== undefined && COLOUR_NAMES[next]) {
    return { name: `${v} ${next}`, rgb: shade(COLOUR_NAMES[next], modifier), start: i, end: i + 2 };
  }
  if (!base) return null;
  if (COLOUR_NAMES[next] && next !== v) {
    return { name: `${v} ${next}`, rgb: base, start: i, end: i + 2 };
  }
  return { name: v, rgb: base, start: i, end: i + 1 };
}

/** The first colour named in the words, or null. */
export function findColour(values: readonly string[]): ColourMatch | null {
  for (let i = 0; i < values.length; i++) {
    const m = colourAt(values, i);
    if (m) return m;
  }
  return null;
}
