import type { Context } from "hono";
import type { CaseMetadata } from "../../contract/edit-case.js";
import { EditJudgeError } from "../../errors/editjudge-error.js";
import type { AppContext } from "../app-context.js";
import { isPickleDict, type PickleDict, type PickleValue } from "../pickle/pickle-value.js";
import { describe, readPickle } from "../pickle/read-pickle.js";
import { readBody } from "../read-json-body.js";

function invalid(message: string): EditJudgeError {
  return new EditJudgeError("invalid_request", message);
}

/** Reads the body (size and time limits of /v1/rewards) as a pickle whose top level must be a dict. */
export async function readPickleBody(c: Context, ctx: AppContext, expected: string): Promise<PickleDict> {
  const limits = ctx.bodyLimits();
  const bytes = await readBody(c, limits.maxBytes, limits.timeoutMs);
  const value = readPickle(bytes);
  if (!isPickleDict(value))
    throw invalid(`request pickle is a ${describe(value)}; send pickle.dumps of a dict ${expected}`);
  return value;
}

/** `body[field]` as a list of bytes (images), or undefined when absent and not `required`. */
export function bytesList(body: PickleDict, field: string, required: boolean): Uint8Array[] | undefined {
  const value = body.get(field);
  if (value === undefined || value === null) {
    if (required)
      throw invalid(`request pickle has no "${field}"; send a list of encoded images (JPEG/PNG bytes)`);
    return undefined;
  }
  if (!Array.isArray(value) || value.length === 0)
    throw invalid(
      `"${field}" is a ${describe(value)}${Array.isArray(value) ? " with no items" : ""}; send a non-empty list of encoded images (JPEG/PNG bytes)`,
    );
  return value.map((item, i) => {
    if (item instanceof Uint8Array) return item;
    throw invalid(
      `${field}[${i}] is a ${describe(item)}, not bytes; send each image as its encoded file bytes (e.g. buffer.getvalue() of a JPEG)`,
    );
  });
}

/** `body[field]` as a list of str (a single str counts as a list of one), or undefined when absent. */
export function stringList(body: PickleDict, field: string): string[] | undefined {
  const value = body.get(field);
  if (value === undefined || value === null) return undefined;
  const list = typeof value === "string" ? [value] : value;
  if (!Array.isArray(list)) throw invalid(`"${field}" is a ${describe(value)}; send a list of str`);
  return list.map((item, i) => {
    if (typeof item === "string") return item;
    throw invalid(`${field}[${i}] is a ${describe(item)}, not a str; send one instruction per image`);
  });
}

/**
 * A per-item list sent alongside `count` images. The same length is one per image; a longer or one-item list
 * whose entries are all equal stands for every image. A longer list of different entries is refused: Edit-R1's
 * client sends its whole prompts and metadatas lists with every chunk of 64 images, so which entries belong to
 * the chunk is unknown, and guessing would judge images against the wrong instruction.
 */
export function perItem<T>(
  list: readonly T[],
  count: number,
  field: string,
  same: (a: T, b: T) => boolean,
): T[] {
  if (list.length === count) return [...list];
  const first = list[0];
  if (first !== undefined && list.every((item) => same(item, first)))
    return Array.from({ length: count }, () => first);
  throw invalid(
    `"${field}" has ${list.length} entries for ${count} images; send one per image. (Edit-R1's mllm_score_continue sends the whole lists with each chunk of up to 64 images, so with more than 64 images per reward call, and different ${field}, the server cannot tell which belong to the chunk: call the reward function with at most 64 images at a time.)`,
  );
}

/** A pickled metadata dict as the case's JSON metadata (bytes left out, non-str keys written as str). */
export function metadataOf(value: PickleValue | undefined, field: string): CaseMetadata | undefined {
  if (value === undefined || value === null) return undefined;
  if (!isPickleDict(value)) throw invalid(`${field} is a ${describe(value)}; send a dict (or None)`);
  const meta = toJson(value) as Record<string, unknown>;
  if ("requirement" in meta && typeof meta.requirement !== "string")
    throw invalid(`${field}["requirement"] is not a str; send the editing requirement as text`);
  return meta as CaseMetadata;
}

function toJson(value: PickleValue): unknown {
  if (value instanceof Uint8Array) return undefined;
  if (typeof value === "bigint") return value.toString();
  if (Array.isArray(value)) return value.map(toJson);
  if (isPickleDict(value))
    return Object.fromEntries(
      [...value].flatMap(([k, v]) => {
        const json = toJson(v);
        return json === undefined ? [] : [[String(k), json]];
      }),
    );
  return value;
}

/** Deep equality of two pickled values (for the entries `perItem` compares). */
export function samePickle(a: PickleValue, b: PickleValue): boolean {
  if (a === b) return true;
  if (a instanceof Uint8Array && b instanceof Uint8Array) return Buffer.from(a).equals(Buffer.from(b));
  if (Array.isArray(a) && Array.isArray(b))
    return a.length === b.length && a.every((x, i) => samePickle(x, b[i] as PickleValue));
  if (isPickleDict(a) && isPickleDict(b))
    return a.size === b.size && [...a].every(([k, v]) => b.has(k) && samePickle(v, b.get(k) as PickleValue));
  return false;
}
