import type { DecodedImage } from "../contract/image.js";
import type { Detection, Face } from "./content-types.js";

/** Detects COCO objects and faces (with identity embeddings) in an image. */
export interface VisionEngine {
  objects(image: DecodedImage): Promise<Detection[]>;
  faces(image: DecodedImage): Promise<Face[]>;
  close?(): Promise<void>;
}
