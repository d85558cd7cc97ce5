import { createHash } from "node:crypto";
import { readFile } from "node:fs/promises";
import type { ImageInput } from "../contract/image.js";

/** JSON with object keys sorted, so equal settings give equal keys. */
export function stableStringify(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(stableStringify).join(",")}]`;
  if (value && typeof value === "object") {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${stableStringify(v)}`).join(",")}}`;
  }
  return JSON.stringify(value) ?? "null";
}

/** SHA-256 of an image's encoded bytes (read, not decoded). */
export async function imageContentHash(image: ImageInput): Promise<string> {
  const bytes = image.kind === "bytes" ? image.bytes : await readFile(image.path);
  return createHash("sha256").update(bytes).digest("hex");
}

/** The judgment-store key: judge id, version and settings, the item id, and every image's hash. */
export function judgmentKey(parts: {
  judgeId: string;
  judgeVersion: string;
  settings: Readonly<Record<string, unknown>>;
  itemId: string;
  imageHashes: readonly string[];
  /** The item's editing requirement, when it has one (absent: the key is as before requirements existed). */
  requirement?: string;
}): string {
  return createHash("sha256").update(stableStringify(parts)).digest("hex");
}
