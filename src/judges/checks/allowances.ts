import type { EditOpName } from "../../contract/edit-op.js";

/** Attributes the keep and quality principles watch for unrequested change. */
export type Attribute =
  | "deltaL"
  | "contrast"
  | "chroma"
  | "warmth"
  | "detail"
  | "noise"
  | "damage"
  | "clipping"
  | "blocking"
  | "pixelation"
  | "geometry"
  | "polarity"
  | "colourStructure"
  /** Histogram combing (posterization, banding), a quality defect unless posterizing was asked. */
  | "banding"
  | "halo";

/** Tolerance multiplier an op grants an attribute: Infinity = the op may change it freely. */
const GRANTS: Partial<Record<EditOpName, Partial<Record<Attribute, number>>>> = {
  brightness: {
    colourStructure: 2,
    damage: 1.5,
    deltaL: Infinity,
    contrast: 2,
    chroma: 2,
    detail: 1.5,
    clipping: 2,
  },
  contrast: {
    colourStructure: 2,
    damage: 2,
    contrast: Infinity,
    deltaL: 2,
    chroma: 3,
    detail: 1.5,
    clipping: 2,
  },
  saturation: {
    colourStructure: Infinity,
    chroma: Infinity,
    deltaL: 1.5,
    warmth: 2,
    contrast: 1.5,
    clipping: 2,
  },
  grayscale: {
    colourStructure: Infinity,
    damage: 2,
    chroma: Infinity,
    warmth: Infinity,
    deltaL: 1.5,
    contrast: 1.5,
  },
  sepia: {
    colourStructure: Infinity,
    damage: 2,
    chroma: Infinity,
    warmth: Infinity,
    // Toning runs the lightness through the tint's own curve (ImageMagick's -sepia-tone clearly moves it).
    deltaL: 3,
    contrast: 3,
    clipping: 3,
  },
  temperature: { colourStructure: 1.5, warmth: Infinity, chroma: 2, deltaL: 1.5 },
  invert: {
    colourStructure: Infinity,
    deltaL: Infinity,
    contrast: Infinity,
    warmth: Infinity,
    // A negative's mean Lab chroma differs from the source's (up to ×1.6 on real photos).
    chroma: 4,
    polarity: Infinity,
  },
  rotate: { geometry: Infinity },
  flip: { geometry: Infinity },
  crop: { geometry: Infinity },
  border: { geometry: Infinity },
  resize: { geometry: Infinity, detail: Infinity, noise: Infinity, halo: 2 },
  blur: { detail: Infinity, noise: Infinity, contrast: 1.5 },
  sharpen: { detail: Infinity, noise: 3, contrast: 2.5, clipping: 2, halo: 1.5 },
  noise: { noise: Infinity, detail: Infinity, chroma: 1.5, halo: Infinity },
  pixelate: {
    colourStructure: 3,
    warmth: 2,
    detail: Infinity,
    noise: Infinity,
    damage: 2,
    contrast: 1.5,
    pixelation: Infinity,
    blocking: Infinity,
    halo: Infinity,
  },
  // A tilt is aligned by the rotation found; its filled corners are compared with themselves.
  tilt: { geometry: Infinity, detail: 1.5, noise: 1.5, damage: 1.5, halo: 1.5 },
  // The radial part of a vignette is taken out before the local-damage check (keep-reference.ts).
  vignette: { deltaL: 3, contrast: 2, chroma: 2, colourStructure: 1.5, detail: 1.5, damage: 1.5, halo: 3 },
  posterize: {
    banding: Infinity,
    colourStructure: 3,
    deltaL: 1.5,
    contrast: 2,
    chroma: 2,
    warmth: 1.5,
    detail: Infinity,
    noise: Infinity,
    blocking: 3,
    clipping: Infinity,
    halo: Infinity,
  },
  "hue-shift": {
    colourStructure: Infinity,
    warmth: Infinity,
    chroma: 1.5,
    deltaL: 2,
    contrast: 1.5,
    damage: 2,
  },
  "text-add": { damage: Infinity },
  "text-replace": { damage: Infinity },
  "text-remove": { damage: Infinity },
  "object-add": { damage: Infinity },
  "object-remove": { damage: Infinity },
  "object-replace": { damage: Infinity },
  unknown: {
    colourStructure: Infinity,
    polarity: Infinity,
    deltaL: 2,
    contrast: 2,
    chroma: 2,
    warmth: 2,
    detail: 2,
    noise: 2,
    damage: Infinity,
    halo: Infinity,
  },
};

/** The largest tolerance multiplier any requested op grants (1 when none does). */
export function allowance(ops: readonly EditOpName[], attribute: Attribute): number {
  let best = 1;
  for (const op of ops) best = Math.max(best, GRANTS[op]?.[attribute] ?? 1);
  return best;
}
