import { isAscii } from "node:buffer";
import { randomBytes } from "node:crypto";
import { LiftedStrings } from "./lifted-strings.js";

const QUOTE = 0x22;
const BACKSLASH = 0x5c;

/** String literals at least this many bytes long are lifted out of the text before JSON.parse (base64 images). */
export const DEFAULT_LIFT_BYTES = 8192;

/** How many earlier literals of the same length a new one is compared with to share a placeholder. */
const DEDUPE_WINDOW = 8;

/** True when the quote at `index` is escaped: preceded by an odd number of backslashes. */
function escapedAt(bytes: Buffer, index: number): boolean {
  let run = 0;
  for (let i = index - 1; i >= 0 && bytes[i] === BACKSLASH; i--) run++;
  return run % 2 === 1;
}

/** True when the literal closing at `close` is an object key (the next non-space byte is a colon). */
function isKey(bytes: Buffer, close: number): boolean {
  let i = close + 1;
  while (
    i < bytes.length &&
    (bytes[i] === 0x20 || bytes[i] === 0x0a || bytes[i] === 0x0d || bytes[i] === 0x09)
  )
    i++;
  return bytes[i] === 0x3a;
}

/** A body with its long literals cut out: `text` holds placeholders where they were. */
export interface LiftedBody {
  text: string;
  lifted: LiftedStrings;
}

/**
 * Cuts string literals of at least `liftBytes` bytes, made only of ASCII without escapes (base64 payloads, data
 * URLs), out of JSON bytes; object keys stay. Identical literals share one placeholder (the same image sent twice
 * decodes once). Returns null when there is nothing to lift.
 */
export function liftLongStrings(bytes: Buffer, liftBytes = DEFAULT_LIFT_BYTES): LiftedBody | null {
  const slices: Buffer[] = [];
  const byLength = new Map<number, number[]>();
  const kept: Buffer[] = [];
  let nonce: string | null = null; // drawn on the first lift: most small bodies never need one
  let copiedTo = 0;
  let position = 0;
  // Outside a string, JSON has no quote characters: every unescaped quote found from here opens or closes one.
  for (;;) {
    const open = bytes.indexOf(QUOTE, position);
    if (open < 0) break;
    let close = bytes.indexOf(QUOTE, open + 1);
    while (close > 0 && escapedAt(bytes, close)) close = bytes.indexOf(QUOTE, close + 1);
    if (close < 0) break; // unterminated: JSON.parse reports it
    if (close - open - 1 >= liftBytes && !isKey(bytes, close)) {
      const inner = bytes.subarray(open + 1, close);
      if (isAscii(inner) && inner.indexOf(BACKSLASH) < 0) {
        const same = byLength.get(inner.length) ?? [];
        // Compared with the last few of the same length only, so many distinct equal-length literals stay linear.
        let index = same.slice(-DEDUPE_WINDOW).find((i) => slices[i]?.equals(inner));
        if (index === undefined) {
          index = slices.push(inner) - 1;
          same.push(index);
          byLength.set(inner.length, same);
        }
        nonce ??= randomBytes(8).toString("hex");
        kept.push(bytes.subarray(copiedTo, open), Buffer.from(`"\\u0000${nonce}:${index}"`));
        copiedTo = close + 1;
      }
    }
    position = close + 1;
  }
  if (slices.length === 0 || nonce === null) return null;
  kept.push(bytes.subarray(copiedTo));
  return { text: Buffer.concat(kept).toString("utf8"), lifted: new LiftedStrings(`\u0000${nonce}:`, slices) };
}

/** A JSON path: object keys and array indices from the root. */
export type JsonPath = ReadonlyArray<string | number>;

/** Puts lifted strings back as strings, except at paths where `keep` says the consumer reads the bytes itself. */
function restore(
  value: unknown,
  path: JsonPath,
  lifted: LiftedStrings,
  keep: (path: JsonPath) => boolean,
): unknown {
  if (typeof value === "string") return keep(path) ? value : lifted.text(value);
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) value[i] = restore(value[i], [...path, i], lifted, keep);
  } else if (value !== null && typeof value === "object") {
    const record = value as Record<string, unknown>;
    for (const key of Object.keys(record)) record[key] = restore(record[key], [...path, key], lifted, keep);
  }
  return value;
}

export interface ParsedJsonBody {
  value: unknown;
  /** The lifted literals still standing as placeholders at `keepLifted` paths; null when none were lifted. */
  lifted: LiftedStrings | null;
}

/**
 * JSON.parse for request bodies that carry base64 images. Long literals are lifted out (`liftLongStrings`), so V8
 * never decodes them as UTF-8 and scans them again as JSON. At paths where `keepLifted` is true (image fields)
 * they stay placeholders, and the image loader decodes the base64 straight from the body bytes
 * (`decodeBase64Bytes`); everywhere else they are put back as ordinary strings.
 *
 * Same values as `JSON.parse(bytes.toString("utf8"))`, with one leniency: a lifted literal may hold raw control
 * characters, which JSON.parse rejects (image fields then fail base64 validation instead). Malformed JSON throws
 * JSON.parse's own SyntaxError, with positions in the original text.
 */
export function parseJsonBody(
  bytes: Buffer,
  keepLifted: (path: JsonPath) => boolean = () => false,
  liftBytes = DEFAULT_LIFT_BYTES,
): ParsedJsonBody {
  const body = liftLongStrings(bytes, liftBytes);
  if (!body) return { value: JSON.parse(bytes.toString("utf8")), lifted: null };
  let value: unknown;
  try {
    value = JSON.parse(body.text);
  } catch {
    // Re-parse the original so the error message and its positions describe what the client sent.
    return { value: JSON.parse(bytes.toString("utf8")), lifted: null };
  }
  return { value: restore(value, [], body.lifted, keepLifted), lifted: body.lifted };
}
