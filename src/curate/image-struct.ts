import { readFileSync } from "node:fs";
import { dirname, isAbsolute, resolve } from "node:path";

/** A Hugging Face `Image` feature's storage: the encoded image bytes and/or the path they came from. */
export interface ImageStruct {
  bytes: Uint8Array | null;
  path: string | null;
}

const decoder = new TextDecoder();

/**
 * A dataset image field as a `{bytes, path}` struct for Parquet output. A path (relative to the dataset file) is
 * kept as given and its file embedded, so the output stands alone; a data URL or raw bytes become the bytes. A
 * file that cannot be read (a rejected row's missing image) keeps only its path; a value that is no image is null.
 */
export function imageStruct(value: unknown, datasetPath: string): ImageStruct | null {
  if (value instanceof Uint8Array) return { bytes: value, path: null };
  if (typeof value === "string" && value.length > 0) {
    if (value.startsWith("data:")) {
      const comma = value.indexOf(",");
      return comma < 0 ? null : { bytes: Buffer.from(value.slice(comma + 1), "base64"), path: null };
    }
    if (/^[a-z][a-z0-9+.-]*:\/\//i.test(value)) return { bytes: null, path: value };
    const file = isAbsolute(value) ? value : resolve(dirname(resolve(datasetPath)), value);
    try {
      return { bytes: readFileSync(file), path: value };
    } catch {
      return { bytes: null, path: value };
    }
  }
  if (typeof value === "object" && value !== null) {
    const struct = value as { bytes?: unknown; path?: unknown };
    const path =
      struct.path instanceof Uint8Array
        ? decoder.decode(struct.path)
        : typeof struct.path === "string"
          ? struct.path
          : null;
    if (struct.bytes instanceof Uint8Array && struct.bytes.byteLength > 0)
      return { bytes: struct.bytes, path };
    // Bytes as curate's JSONL output writes them: a data URL.
    if (typeof struct.bytes === "string" && struct.bytes.startsWith("data:")) {
      const decoded = imageStruct(struct.bytes, datasetPath);
      if (decoded) return { bytes: decoded.bytes, path };
    }
    if (path !== null) return imageStruct(path, datasetPath);
  }
  return null;
}
