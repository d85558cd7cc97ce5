import type { EditCase } from "../contract/edit-case.js";
import type { ImageInput } from "../contract/image.js";
import { InputError } from "../errors/input-error.js";

/**
 * Checks the shape of an edit case a library caller built (the CLI, server and curate build theirs from checked
 * input), so a wrong type is refused naming the field instead of failing later as a JavaScript TypeError.
 */
export function checkEditCase(edit: unknown): asserts edit is EditCase<ImageInput> {
  if (!isObject(edit))
    throw new InputError("edit", "the edit case is missing; pass { source, instruction, candidates }");
  if (typeof edit.instruction !== "string")
    throw new InputError(
      "instruction",
      `instruction must be text, got ${describe(edit.instruction)}; say what the edit should do, e.g. "make it brighter"`,
    );
  checkImage(edit.source, "source");
  if (!Array.isArray(edit.candidates))
    throw new InputError(
      "candidates",
      `candidates must be a list of images, got ${describe(edit.candidates)}; pass at least one edited image`,
    );
  for (const [i, c] of edit.candidates.entries()) checkImage(c, `candidates[${i}]`);
  if (edit.mask !== undefined) checkImage(edit.mask, "mask");
  if (
    edit.principles !== undefined &&
    !(Array.isArray(edit.principles) && edit.principles.every((p) => typeof p === "string"))
  )
    throw new InputError(
      "principles",
      `principles must be a list of texts, got ${describe(edit.principles)}; e.g. ["keep: the sky is unchanged"]`,
    );
  if (edit.metadata !== undefined && !isObject(edit.metadata))
    throw new InputError("metadata", `metadata must be an object, got ${describe(edit.metadata)}`);
}

const IMAGE_FORMS = '{ kind: "path", path } or { kind: "bytes", bytes: Uint8Array, name }';

function checkImage(image: unknown, field: string): void {
  if (!isObject(image))
    throw new InputError(field, `${field} must be an image input, ${IMAGE_FORMS}; got ${describe(image)}`);
  if (image.kind === "path") {
    if (typeof image.path === "string" && image.path.length > 0) return;
    throw new InputError(field, `${field}.path must be a file path, got ${describe(image.path)}`);
  }
  if (image.kind === "bytes") {
    if (!(image.bytes instanceof Uint8Array))
      throw new InputError(
        field,
        `${field}.bytes must be a Uint8Array (or Buffer), got ${describe(image.bytes)}`,
      );
    if (typeof image.name !== "string")
      throw new InputError(
        field,
        `${field}.name must be text (a label for messages), got ${describe(image.name)}`,
      );
    return;
  }
  throw new InputError(
    field,
    `${field} has kind ${describe(image.kind)}; an image input is ${IMAGE_FORMS} (download URLs first)`,
  );
}

function isObject(x: unknown): x is Record<string, unknown> {
  return typeof x === "object" && x !== null && !Array.isArray(x);
}

function describe(x: unknown): string {
  if (x === undefined) return "nothing";
  if (x === null) return "null";
  if (Array.isArray(x)) return "a list";
  if (typeof x === "string") return `the text ${JSON.stringify(x.length > 40 ? `${x.slice(0, 40)}…` : x)}`;
  return `a ${typeof x}`;
}
