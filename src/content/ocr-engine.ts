import type { DecodedImage } from "../contract/image.js";
import type { OcrLine } from "./content-types.js";

/** Reads text lines from an image. */
export interface OcrEngine {
  read(image: DecodedImage): Promise<OcrLine[]>;
}
