import type { CandidateError, Dimensions } from "../../contract/result.js";

/**
 * What the compat routes answer for a candidate with no reward, since their clients have no slot for null:
 * `error` (default) fails the request (HTTP 500 when the failure was transient, so the clients retry; 422 when it
 * was about the candidate, so the run stops); `zero` sends 0 and `nan` sends NaN in its place. Every answer also
 * carries `null_mask`.
 */
export type CompatNullMode = "error" | "zero" | "nan";

export const COMPAT_NULL_MODES: readonly CompatNullMode[] = ["error", "zero", "nan"];

/** One candidate's outcome on a compat route. */
export interface ItemResult {
  reward: number | null;
  dimensions: Dimensions;
  /** Why the reward is null: the candidate's error, or the judge's abstention. */
  error?: CandidateError;
  /** Set when the judge abstained (reward null, no error). */
  reason?: string;
}

/** Failures not about the candidate: the same request may well succeed later. */
const TRANSIENT_CODES = new Set([
  "backend_call_failed",
  "server_busy",
  "shutting_down",
  "timeout",
  "url_timeout",
  "url_fetch_failed",
]);

export function isTransient(error: CandidateError | undefined): boolean {
  return error !== undefined && (error.transient === true || TRANSIENT_CODES.has(error.code));
}

export function isTransientCode(code: string): boolean {
  return TRANSIENT_CODES.has(code);
}

/** The decision for a whole answer: rewards to send, or the request fails (transiently or not). */
export type NullOutcome =
  | { kind: "ok"; scores: number[]; nullMask: boolean[] }
  | { kind: "transient" | "permanent"; message: string; nullMask: boolean[] };

function why(item: ItemResult): string {
  if (item.error) return `${item.error.code}: ${item.error.message}`;
  return `the judge abstained: ${item.reason ?? "no reason given"}`;
}

/** Applies `mode` to the rewards of one answer (item `i` named `label(i)` in a failure message). */
export function resolveNulls(
  items: readonly ItemResult[],
  mode: CompatNullMode,
  label: (index: number) => string,
): NullOutcome {
  const nullMask = items.map((item) => item.reward === null);
  const nulls = items.flatMap((item, index) => (item.reward === null ? [{ item, index }] : []));
  if (mode === "error" && nulls.length > 0) {
    const transient = nulls.filter((n) => isTransient(n.item.error));
    const shown = transient.length > 0 ? transient : nulls;
    const first = shown[0] as { item: ItemResult; index: number };
    const more = shown.length > 1 ? ` (and ${shown.length - 1} more)` : "";
    const message =
      transient.length > 0
        ? `${label(first.index)} could not be judged for now, ${why(first.item)}${more}; retry the request`
        : `${label(first.index)} has no reward, ${why(first.item)}${more}; fix the input, or start the server with --compat-null zero|nan to send a placeholder and read null_mask`;
    return { kind: transient.length > 0 ? "transient" : "permanent", message, nullMask };
  }
  const fill = mode === "nan" ? Number.NaN : 0;
  return { kind: "ok", scores: items.map((item) => item.reward ?? fill), nullMask };
}
