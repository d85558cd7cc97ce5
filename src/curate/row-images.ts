import { dirname, isAbsolute, resolve } from "node:path";
import type { ImageInput } from "../contract/image.js";
import { InputError } from "../errors/input-error.js";

export interface EditRow {
  source: ImageInput;
  instruction: string;
  edited: ImageInput;
  /** The edit mask (white = may change), from an optional `mask` field or column. */
  mask?: ImageInput;
  /** The editing requirement, from an optional `requirement` field or column: the case's metadata.requirement. */
  requirement?: string;
}

const decoder = new TextDecoder();

/**
 * Reads an image field: a path (relative to the dataset file), a data URL, raw bytes, or a Hugging Face image
 * struct `{bytes, path}`.
 */
function imageField(value: unknown, field: string, datasetDir: string): ImageInput {
  if (value instanceof Uint8Array) return { kind: "bytes", bytes: value, name: field };
  if (typeof value === "string" && value.length > 0) {
    if (value.startsWith("data:")) {
      const comma = value.indexOf(",");
      return { kind: "bytes", bytes: Buffer.from(value.slice(comma + 1), "base64"), name: field };
    }
    if (/^[a-z][a-z0-9+.-]*:\/\//i.test(value))
      throw new InputError(
        field,
        `field "${field}" is a URL (${value.slice(0, 80)}); curate reads images from files or data URLs, so download them first and give their paths`,
        { code: "invalid_row" },
      );
    return { kind: "path", path: isAbsolute(value) ? value : resolve(datasetDir, value) };
  }
  if (typeof value === "object" && value !== null) {
    const struct = value as { bytes?: unknown; path?: unknown };
    // Bytes as curate's JSONL output writes them: a data URL.
    if (
      (struct.bytes instanceof Uint8Array && struct.bytes.byteLength > 0) ||
      (typeof struct.bytes === "string" && struct.bytes.startsWith("data:"))
    )
      return imageField(struct.bytes, field, datasetDir);
    if (struct.path instanceof Uint8Array) return imageField(decoder.decode(struct.path), field, datasetDir);
    if (typeof struct.path === "string") return imageField(struct.path, field, datasetDir);
  }
  throw new InputError(
    field,
    `field "${field}" is missing or not an image (path, data URL, bytes or {bytes, path})`,
    {
      code: "invalid_row",
    },
  );
}

/** An optional `requirement` field: its text; absent, null or blank = none; anything else is a bad row. */
function requirementField(value: unknown): string | undefined {
  if (value === undefined || value === null) return undefined;
  const text = value instanceof Uint8Array ? decoder.decode(value) : value;
  if (typeof text !== "string")
    throw new InputError(
      "requirement",
      'field "requirement" is not text; give the editing requirement as a string',
      {
        code: "invalid_row",
      },
    );
  return text.trim() || undefined;
}

/** Interprets a dataset record as (source, instruction, edited). */
export function toEditRow(record: Record<string, unknown>, datasetPath: string): EditRow {
  const dir = dirname(resolve(datasetPath));
  const rawInstruction = record.instruction;
  const instruction = rawInstruction instanceof Uint8Array ? decoder.decode(rawInstruction) : rawInstruction;
  if (instruction !== undefined && instruction !== null && typeof instruction !== "string")
    throw new InputError(
      "instruction",
      `field "instruction" is ${Array.isArray(instruction) ? "a list" : `a ${typeof instruction}`}, not text`,
      { code: "invalid_row" },
    );
  if (typeof instruction !== "string" || instruction.trim().length === 0)
    throw new InputError("instruction", 'field "instruction" is missing or empty', { code: "invalid_row" });
  const mask = record.mask;
  const requirement = requirementField(record.requirement);
  return {
    source: imageField(record.source, "source", dir),
    instruction,
    edited: imageField(record.edited, "edited", dir),
    // An absent, null or empty mask means no mask; anything else must be an image.
    ...(mask === undefined || mask === null || mask === "" ? {} : { mask: imageField(mask, "mask", dir) }),
    ...(requirement ? { requirement } : {}),
  };
}
