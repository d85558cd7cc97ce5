import { CORE_FAMILIES } from "./core-families.js";
import type { EditSpec, Rect } from "./edit-spec.js";
import type { MagnitudeTable, Split } from "./magnitudes.js";
import type { PhrasingSet, PlainFamily } from "./phrasing-types.js";
import type { Rng } from "./rng.js";

export type Family =
  | PlainFamily
  | "rotate"
  | "flip"
  | "crop"
  | "border"
  | "resize"
  | "region"
  | "vignette-add"
  | "vignette-remove"
  | "posterize"
  | "tilt"
  | "hue-shift";

export const FAMILIES: readonly Family[] = [
  ...CORE_FAMILIES,
  "vignette-add",
  "vignette-remove",
  "posterize",
  "tilt",
  "hue-shift",
];

/** How a distractor differs from the correct edit. */
export type DistractorKind =
  | "opposite"
  | "wrong-angle"
  | "wrong-colour"
  | "inset"
  | "wrong-op"
  | "wrong-region"
  | "global"
  | "no-op"
  | "over-edit"
  | "extreme"
  | "jpeg"
  | "banded";

export interface Distractor {
  kind: DistractorKind;
  spec: EditSpec;
  /** Set for the heavy-JPEG distractor: the image is encoded at this quality. */
  jpegQuality?: number;
}

export interface CasePlan {
  id: string;
  family: Family;
  photo: string;
  instruction: string;
  correct: EditSpec;
  distractors: Distractor[];
}

export interface PhotoInfo {
  name: string;
  width: number;
  height: number;
}

/** What a family planner needs to draw one case. */
export interface PlanContext {
  rng: Rng;
  split: Split;
  mags: MagnitudeTable;
  phrasings: PhrasingSet;
  photo: PhotoInfo;
  /** Other photos, for pasted patches. */
  donors: readonly string[];
  /** Photo size relative to a 768-pixel long side, for blur and mosaic sizes. */
  scale: number;
}

/** What a family planner returns; the caller adds the no-op, over-edit and JPEG distractors. */
export interface FamilyDraw {
  instruction: string;
  correct: EditSpec;
  distractors: Distractor[];
  /** Rectangle the over-edit damage must avoid (a regional edit's region). */
  avoid?: Rect;
  /** Kinds of unrequested change that make sense for this family. */
  globalChange: "cast" | "tone";
  /** Smearing is invisible after a blur-like edit. */
  smearStyles: readonly ("blur" | "flat")[];
}
