import type { DecodedImage, ImageInput } from "./image.js";

/** What a caller asks to be judged. */
export interface EditCase<Image = ImageInput> {
  source: Image;
  instruction: string;
  candidates: Image[];
  /**
   * White = the region the edit may change (a pixel ≥ 50% white counts); everything else must stay. The source's
   * size, or its aspect ratio (then rescaled onto it). See docs/checks.md, "Mask-guided edits".
   */
  mask?: Image;
  /** User-supplied principles (RewardAnything style); judges that support them use these instead of parsing. */
  principles?: string[];
  /**
   * Free-form per-case metadata a trainer or dataset sends along (e.g. Edit-R1's `metadatas[i]`). Judges that use a
   * field read it by name and document it; `requirement` is the editing requirement the `logit` (UniWorld-V2)
   * prompt's `Requirements:` field is filled from.
   */
  metadata?: CaseMetadata;
}

/** Per-case metadata: JSON values by key. */
export interface CaseMetadata {
  readonly requirement?: string;
  readonly [key: string]: unknown;
}

/** An edit case whose images are decoded, ready for a judge. */
export type PreparedCase = EditCase<DecodedImage>;
