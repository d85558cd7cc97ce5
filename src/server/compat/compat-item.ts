import type { CaseMetadata } from "../../contract/edit-case.js";
import type { Judge } from "../../contract/judge.js";
import type { ImageSpec } from "../request-schemas.js";

/** One (source, instruction, candidate) a compat client sent, in the server's image-spec terms. */
export interface CompatItem {
  judge: Judge;
  source: ImageSpec;
  instruction: string;
  candidate: ImageSpec;
  metadata?: CaseMetadata;
}

/** Image bytes from a pickle, as the base64 the image loader reads. */
export function bytesSpec(bytes: Uint8Array): ImageSpec {
  return { base64: Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString("base64") };
}
