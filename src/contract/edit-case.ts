import type { DecodedImage, ImageInput } from "./image.js";

/** What a caller asks to be judged. */
export interface EditCase<Image = ImageInput> {
  source: Image;
  instruction: string;
  candidates: Image[];
  /** White = the region the edit may change. */
  mask?: Image;
  /** User-supplied principles (RewardAnything style); judges that support them use these instead of parsing. */
  principles?: string[];
}

/** An edit case whose images are decoded, ready for a judge. */
export type PreparedCase = EditCase<DecodedImage>;
