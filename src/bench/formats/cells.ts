import { isAbsolute, resolve } from "node:path";
import type { ImageInput } from "../../contract/image.js";
import { InputError } from "../../errors/input-error.js";

const decoder = new TextDecoder();

/** A text cell: parquet read with `utf8:false` returns un-annotated strings as bytes. */
export function cellText(value: unknown): string | null {
  if (typeof value === "string") return value;
  if (value instanceof Uint8Array) return decoder.decode(value);
  if (typeof value === "number" || typeof value === "bigint") return String(value);
  return null;
}

/**
 * An optional `requirement` cell: `{requirement}` with its text, `{}` when absent, null or blank, or null when it is
 * not text.
 */
export function requirementCell(value: unknown): { requirement?: string } | null {
  if (value === undefined || value === null) return {};
  const text = typeof value === "string" ? value : value instanceof Uint8Array ? decoder.decode(value) : null;
  if (text === null) return null;
  return text.trim() ? { requirement: text.trim() } : {};
}

/**
 * An image cell: raw bytes, a Hugging Face `Image` struct `{bytes, path}`, or a path string
 * (resolved relative to `baseDir`). Returns null for an empty cell.
 */
export function cellImage(value: unknown, name: string, baseDir: string): ImageInput | null {
  if (value === null || value === undefined) return null;
  if (value instanceof Uint8Array) return { kind: "bytes", bytes: value, name };
  if (typeof value === "string")
    return { kind: "path", path: isAbsolute(value) ? value : resolve(baseDir, value) };
  if (typeof value === "object") {
    const struct = value as { bytes?: unknown; path?: unknown };
    if (struct.bytes instanceof Uint8Array && struct.bytes.length > 0) {
      const path = cellText(struct.path);
      return { kind: "bytes", bytes: struct.bytes, name: path || name };
    }
    const path = cellText(struct.path);
    if (path) return { kind: "path", path: isAbsolute(path) ? path : resolve(baseDir, path) };
  }
  return null;
}

/** Like `cellImage`, but a missing image is an input error naming the file, row and column. */
export function requireImage(
  value: unknown,
  where: { file: string; row: number; column: string },
  baseDir: string,
): ImageInput {
  const image = cellImage(value, `${where.column}-${where.row}`, baseDir);
  if (!image) {
    throw new InputError(
      where.file,
      `${where.file}: row ${where.row}: column "${where.column}" holds no image; expected bytes, {bytes, path} or a path`,
    );
  }
  return image;
}

/** The first of `names` present (non-null) in a row. */
export function pickColumn(row: Record<string, unknown>, names: readonly string[]): string | null {
  return names.find((n) => row[n] !== undefined && row[n] !== null) ?? null;
}
