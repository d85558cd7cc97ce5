import type { EditCase, PreparedCase } from "../contract/edit-case.js";
import type { DecodedImage, ImageInput } from "../contract/image.js";
import { InputError } from "../errors/input-error.js";
import { checkMaskSize } from "./check-mask.js";
import { decodeImage } from "./decode-image.js";
import { DEFAULT_IMAGE_LIMITS, type ImageLimits } from "./image-limits.js";

/** Validates an edit case and decodes each of its images exactly once. */
export async function prepareCase(
  edit: EditCase<ImageInput>,
  limits: ImageLimits = DEFAULT_IMAGE_LIMITS,
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
  const decode = (input: ImageInput): Promise<DecodedImage> => decodeImage(input, limits);
  const [source, mask, ...candidates] = await Promise.all([
    decode(edit.source),
    edit.mask ? decode(edit.mask) : Promise.resolve(undefined),
    ...edit.candidates.map(decode),
  ]);
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
