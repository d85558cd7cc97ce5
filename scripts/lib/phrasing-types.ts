import type { LookPhrasings } from "./phrasings-looks.js";

/** Families whose instruction has no parameters. */
export type PlainFamily =
  | "brightness-up"
  | "brightness-down"
  | "contrast-up"
  | "contrast-down"
  | "saturation-up"
  | "saturation-down"
  | "grayscale"
  | "sepia"
  | "warmer"
  | "cooler"
  | "invert"
  | "blur"
  | "sharpen"
  | "noise"
  | "pixelate";

/** Rotation as asked: the angle and the direction the user names (270cw is the same as 90ccw). */
export type TurnKey = "90cw" | "90ccw" | "180" | "270cw" | "270ccw";

export type CropKey =
  | "half-left"
  | "half-right"
  | "half-top"
  | "half-bottom"
  | "third-left"
  | "third-right"
  | "third-top"
  | "third-bottom"
  | "square-center"
  | "square-left"
  | "square-right"
  | "square-top"
  | "square-bottom"
  | "centre";

export type RegionKey =
  | "top-half"
  | "bottom-half"
  | "left-side"
  | "right-side"
  | "top-third"
  | "bottom-third"
  | "centre";

export type RegionEdit =
  | "brightness-up"
  | "brightness-down"
  | "contrast-up"
  | "saturation-down"
  | "grayscale"
  | "sepia"
  | "warmer"
  | "cooler"
  | "blur"
  | "pixelate"
  | "invert";

/** Words for one regional edit: `verb` completes "please ___ the top half"; `complaint` completes "the top half is ___". */
export interface RegionEditWords {
  verb: readonly string[];
  complaint?: readonly string[];
}

/**
 * One split's phrasing tables. Templates use {placeholders}; a capitalised placeholder ({Region})
 * capitalises its value. A template whose placeholder has no value for a case is skipped.
 */
export interface PhrasingSet {
  plain: Readonly<Record<PlainFamily, readonly string[]>>;
  rotate: { templates: readonly string[]; turns: Readonly<Record<TurnKey, readonly string[]>> };
  flip: {
    templates: readonly string[];
    axes: Readonly<Record<"horizontal" | "vertical", readonly string[]>>;
  };
  crop: { templates: readonly string[]; targets: Readonly<Record<CropKey, readonly string[]>> };
  /** {color} and {width}: "thin ", "thick ", "20-pixel " or "" (note the trailing space). */
  border: {
    templates: readonly string[];
    thin: readonly string[];
    thick: readonly string[];
    /** A width in pixels, with {px}. */
    pixels: string;
  };
  /** {pct} "50%", {frac} "half", {factor} "2": not every factor has every word. */
  resize: {
    templates: readonly string[];
    words: Readonly<Record<string, { pct: string; frac?: string; factor?: string }>>;
  };
  /** Vignette, posterize, hue shift and tilt. */
  looks: LookPhrasings;
  region: {
    templates: readonly string[];
    regions: Readonly<Record<RegionKey, readonly string[]>>;
    edits: Readonly<Record<RegionEdit, RegionEditWords>>;
  };
}
