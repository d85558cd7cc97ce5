import type { EditCase, PreparedCase } from "../contract/edit-case.js";
import type { DecodedImage, ImageInput } from "../contract/image.js";
import { InputError } from "../errors/input-error.js";
import { checkMaskSize } from "./check-mask.js";
import { decodeImage } from "./decode-image.js";
import { DEFAULT_IMAGE_LIMITS, type ImageLimits } from "./image-limits.js";

export interface PrepareOptions {
  /** False: drop each image's encoded bytes once decoded (see `DecodeHooks.keepEncoded`). Default true. */
  keepEncoded?: boolean;
}

/** Validates an edit case and decodes each of its images exactly once. */
export async function prepareCase(
  edit: EditCase<ImageInput>,
  limits: ImageLimits = DEFAULT_IMAGE_LIMITS,
  options: PrepareOptions = {},
): Promise<PreparedCase> {
  const instruction = edit.instruction.trim();
  if (instruction.length === 0) {
    throw new InputError(
      "instruction",
      'instruction is empty; say what the edit should do, e.g. "make it brighter"',
      {
        code: "empty_instruction",
      },
    );
  }
  if (edit.candidates.length === 0) {
    throw new InputError("candidates", "no candidates given; pass at least one edited image", {
      code: "no_candidates",
    });
  }
  const hooks = options.keepEncoded === false ? { keepEncoded: false } : {};
  const decode = (input: ImageInput): Promise<DecodedImage> => decodeImage(input, limits, hooks);
  const inputs: Array<ImageInput | undefined> = [edit.source, edit.mask, ...edit.candidates];
  const [source, mask, ...candidates] = await decodeBounded(inputs, decode);
  if (!source) throw new InputError("source", "source image missing");
  const prepared: PreparedCase = { source, instruction, candidates: candidates as DecodedImage[] };
  if (mask) {
    checkMaskSize(mask, source);
    prepared.mask = mask;
  }
  if (edit.principles && edit.principles.length > 0) prepared.principles = edit.principles;
  if (edit.metadata) prepared.metadata = edit.metadata;
  return prepared;
}

/**
 * Images decoded at once: two keep both cores busy (libvips decodes each image in one thread) without a case of
 * large images holding many half-decoded images at once.
 */
const DECODES_AT_ONCE = 2;

/** Decodes the inputs in order, at most DECODES_AT_ONCE at a time; an absent input stays absent. */
async function decodeBounded(
  inputs: ReadonlyArray<ImageInput | undefined>,
  decode: (input: ImageInput) => Promise<DecodedImage>,
): Promise<Array<DecodedImage | undefined>> {
  const out: Array<DecodedImage | undefined> = new Array(inputs.length).fill(undefined);
  let next = 0;
  const lane = async (): Promise<void> => {
    while (next < inputs.length) {
      const at = next++;
      const input = inputs[at];
      if (input) out[at] = await decode(input);
    }
  };
  await Promise.all(Array.from({ length: Math.min(DECODES_AT_ONCE, inputs.length) }, lane));
  return out;
}
