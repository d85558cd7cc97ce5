import { availableParallelism } from "node:os";
import pLimit from "p-limit";
import type { EditCase, PreparedCase } from "../contract/edit-case.js";
import type { DecodedImage, ImageInput } from "../contract/image.js";
import type { Judge } from "../contract/judge.js";
import { InputError } from "../errors/input-error.js";
import { checkEditCase } from "./check-edit-case.js";
import { checkMaskSize } from "./check-mask.js";
import { decodeImage } from "./decode-image.js";
import { DEFAULT_IMAGE_LIMITS, type ImageLimits } from "./image-limits.js";

export interface PrepareOptions {
  /** False: drop each image's encoded bytes once decoded (see `DecodeHooks.keepEncoded`). Default true. */
  keepEncoded?: boolean;
  /** The judge's `compactImage`, applied to the source and each candidate as it decodes. */
  compact?: Judge["compactImage"];
  /**
   * Decodes shared by every case a caller prepares at once (`decodeSlots()`): each image's decode waits for a
   * slot, so cases in flight together hold at most that many full-resolution images being decoded.
   */
  slots?: DecodeSlots;
}

/** Runs a decode when a slot is free (a p-limit limiter). */
export type DecodeSlots = <T>(decode: () => Promise<T>) => Promise<T>;

/**
 * Slots for the decodes of many cases at once (curate, bench): as many as the cores, since a decode keeps one core
 * busy and more at once would only hold more full-resolution images.
 */
export function decodeSlots(size = availableParallelism()): DecodeSlots {
  return pLimit(Math.max(1, size));
}

/** How to decode a case for `judge`: without encoded bytes it never reads, compacted as it asks. */
export function prepareOptionsFor(judge: Pick<Judge, "usesEncodedImages" | "compactImage">): PrepareOptions {
  return {
    keepEncoded: judge.usesEncodedImages !== false,
    ...(judge.compactImage ? { compact: judge.compactImage.bind(judge) } : {}),
  };
}

/** Validates an edit case and decodes each of its images exactly once. */
export async function prepareCase(
  edit: EditCase<ImageInput>,
  limits: ImageLimits = DEFAULT_IMAGE_LIMITS,
  options: PrepareOptions = {},
): Promise<PreparedCase> {
  checkEditCase(edit);
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
  const inputs: Array<ImageInput | undefined> = [edit.source, edit.mask, ...edit.candidates];
  const slots = options.slots ?? ((decode) => decode());
  const [source, mask, ...candidates] = await decodeBounded(
    inputs,
    compacting(options.compact, (input) => slots(() => decodeImage(input, limits, hooks))),
  );
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

/** Index of the source and of the mask among the inputs `decodeBounded` is given. */
const SOURCE_AT = 0;
const MASK_AT = 1;

/**
 * Decoding with the judge's compaction: the source as soon as it is decoded, each candidate as soon as both it and
 * the source are (the source's size sets how a candidate is reduced); the mask is kept as decoded.
 */
function compacting(
  compact: PrepareOptions["compact"],
  decode: (input: ImageInput) => Promise<DecodedImage>,
): (input: ImageInput, at: number) => Promise<DecodedImage> {
  if (!compact) return decode;
  let sourceDecoded!: (size: { width: number; height: number }) => void;
  let sourceFailed!: (error: unknown) => void;
  // Its size only, so waiting candidates do not hold the source's pixels.
  const source = new Promise<{ width: number; height: number }>((resolve, reject) => {
    sourceDecoded = resolve;
    sourceFailed = reject;
  });
  // A failed source fails the case by itself; candidates still waiting for it just stop.
  source.catch(() => {});
  return async (input, at) => {
    if (at === SOURCE_AT) {
      const image = await decode(input).catch((error: unknown) => {
        sourceFailed(error);
        throw error;
      });
      sourceDecoded({ width: image.width, height: image.height });
      return compact(image, image);
    }
    const image = await decode(input);
    return at === MASK_AT ? image : compact(image, await source);
  };
}

/**
 * Images decoded at once: two keep both cores busy (libvips decodes each image in one thread) without a case of
 * large images holding many half-decoded images at once.
 */
const DECODES_AT_ONCE = 2;

/** Decodes the inputs in order, at most DECODES_AT_ONCE at a time; an absent input stays absent. */
async function decodeBounded(
  inputs: ReadonlyArray<ImageInput | undefined>,
  decode: (input: ImageInput, at: number) => Promise<DecodedImage>,
): Promise<Array<DecodedImage | undefined>> {
  const out: Array<DecodedImage | undefined> = new Array(inputs.length).fill(undefined);
  let next = 0;
  const lane = async (): Promise<void> => {
    while (next < inputs.length) {
      const at = next++;
      const input = inputs[at];
      if (input) out[at] = await decode(input, at);
    }
  };
  await Promise.all(Array.from({ length: Math.min(DECODES_AT_ONCE, inputs.length) }, lane));
  return out;
}
