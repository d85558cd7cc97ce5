/** The ImageMagick benchmark's families and the shape of a planned case (what gen-dev-bench-im renders). */
import { CORE_FAMILIES } from "../lib/core-families.js";
import type { Rng } from "../lib/rng.js";

/** Families the checks judge documents today (docs/checks.md), shared with the first benchmark. */
export { CORE_FAMILIES };

/** Families of issue 14 item 3 (vignette, posterize, small angles, hue), generated for when their checks exist. */
export const NEW_FAMILIES = [
  "vignette-add",
  "vignette-remove",
  "posterize",
  "small-rotate",
  "straighten",
  "hue-shift",
] as const;

export type ImFamily = (typeof CORE_FAMILIES)[number] | (typeof NEW_FAMILIES)[number];
export const IM_FAMILIES: readonly ImFamily[] = [...CORE_FAMILIES, ...NEW_FAMILIES];

export type ImDistractorKind =
  | "opposite"
  | "wrong-op"
  | "partial"
  | "wrong-colour"
  | "inset"
  | "wrong-region"
  | "global"
  | "extreme"
  | "no-op"
  | "over-edit"
  | "jpeg";

/** ImageMagick operators, applied to the case's source; `damage` (over-edit) runs on the result, in its frame. */
export interface ImEdit {
  args: string[];
  damage?: Damage;
}

export type Damage =
  | { kind: "cast"; colour: string; percent: number }
  | { kind: "tone"; brightness: number }
  | { kind: "patch"; style: "negate" | "flat" | "smear"; x: number; y: number; w: number; h: number };

export interface ImDistractor {
  kind: ImDistractorKind;
  edit: ImEdit;
  /** Heavy JPEG instead of the delivery's encoding. */
  jpegQuality?: number;
}

export interface ImCase {
  family: ImFamily;
  instruction: string;
  /** Operators that make the case's source from the photo (vignette-remove, straighten), or none. */
  sourcePrep: string[];
  correct: ImEdit;
  distractors: ImDistractor[];
  /** Families whose request is a size do not get resizing deliveries. */
  keepsSize: boolean;
}

export interface ImPlanContext {
  rng: Rng;
  width: number;
  height: number;
}

/** As an edit's first argument: start from the unprepared photo instead of the case's source. */
export const ORIGINAL = "@original";
