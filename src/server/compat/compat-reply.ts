import type { Context } from "hono";
import type { ContentfulStatusCode } from "hono/utils/http-status";
import { errorResponse } from "../error-response.js";
import { writePickle } from "../pickle/write-pickle.js";
import type { ServerTiming } from "../server-timing.js";
import { isTransientCode } from "./compat-null.js";

/** How a compat route writes its answers: pickles (Edit-R1, flow_grpo, verl-omni) or JSON (UniRL, Flow-Factory). */
export type WireFormat = "pickle" | "json";

const UNREAD_BODY = new Set(["body_too_large", "body_timeout", "unsupported_media_type"]);

export const PICKLE_TYPE = "application/octet-stream";

/** Code of a request failed by `--compat-null error`: a null that may pass (500) or one about the input (422). */
export const NULL_CODES = { transient: "reward_unavailable", permanent: "no_reward" } as const;

/**
 * An error answer in the route's format: a pickled `{"error": message, "code": …}` (which verl-omni's client
 * prints) or the server's JSON error shape, plus `null_mask` when known. Transient failures are HTTP 500 on every
 * compat route, the status these clients retry (Edit-R1's only retries 500).
 */
export function compatError(
  format: WireFormat,
  code: string,
  message: string,
  extra: { nullMask?: boolean[]; status?: ContentfulStatusCode } = {},
): Response {
  const status = extra.status ?? (isTransientCode(code) || code === NULL_CODES.transient ? 500 : 400);
  const mask = extra.nullMask ? { null_mask: extra.nullMask } : {};
  // As on /v1/*: busy passes (Retry-After), and an unread body leaves the connection unusable (close it).
  const headers: Record<string, string> =
    code === "server_busy" ? { "retry-after": "1" } : UNREAD_BODY.has(code) ? { connection: "close" } : {};
  if (format === "pickle")
    return new Response(new Uint8Array(writePickle({ error: message, code, ...mask })), {
      status,
      headers: { "content-type": PICKLE_TYPE, ...headers },
    });
  return Response.json({ error: { code, message }, ...mask }, { status, headers });
}

/** The compat answer for anything a handler throws: its status, but 500 for the transient ones. */
export function compatThrown(format: WireFormat, error: unknown): Response {
  const { status, body } = errorResponse(error);
  if (status >= 500 && body.error.code === "internal_error")
    process.stderr.write(
      `editjudge serve: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
    );
  const transient = isTransientCode(body.error.code);
  return compatError(format, body.error.code, body.error.message, { status: transient ? 500 : status });
}

/** A pickled answer with the Server-Timing header. */
export function pickleAnswer(
  c: Context,
  timing: ServerTiming,
  value: Parameters<typeof writePickle>[0],
): Response {
  return timing.send(c, new Uint8Array(writePickle(value)), 200, PICKLE_TYPE);
}

/** Numbers as JSON, NaN written as the `NaN` token Python's json module reads (JSON.stringify would write null). */
export function jsonNumbers(values: readonly number[]): string {
  return `[${values.map((v) => (Number.isNaN(v) ? "NaN" : JSON.stringify(v))).join(",")}]`;
}
