import type { ChatResponse } from "../contract/backend.js";
import { BackendCallError } from "../errors/backend-call-error.js";
import { chatCompletionSchema, fromWire } from "./openai-wire.js";
import { matchOutputError } from "./output-error-signatures.js";
import { isRetryableStatus, type RetryHeaders } from "./retry-policy.js";

/** What one HTTP exchange gave: a validated response, or an error and the server's retry hints. */
export type ReplyOutcome =
  | { ok: true; response: ChatResponse }
  | { ok: false; error: BackendCallError; retryHeaders: RetryHeaders | null };

/** Reads a finished HTTP exchange: status, JSON, then the chat-completion shape (zod). */
export function readReply(
  url: string,
  res: Response,
  text: string,
  model: string,
  servedBy: string,
): ReplyOutcome {
  if (!res.ok) {
    return {
      ok: false,
      error: httpError(url, res.status, text),
      retryHeaders: {
        retryAfter: res.headers.get("retry-after"),
        retryAfterMs: res.headers.get("retry-after-ms"),
      },
    };
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    const error = new BackendCallError(
      `${url}: reply is not JSON (${text.slice(0, 80)}…); is --base-url an OpenAI-compatible /v1 endpoint?`,
      { status: 200, isRetryable: false, url },
    );
    return { ok: false, error, retryHeaders: null };
  }
  const parsed = chatCompletionSchema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const error = new BackendCallError(
      `${url}: reply is not a chat completion (${issue?.message ?? "invalid"} at ${issue?.path.join(".") ?? "?"}); check --base-url`,
      { status: 200, isRetryable: false, url },
    );
    return { ok: false, error, retryHeaders: null };
  }
  return { ok: true, response: fromWire(parsed.data, model, servedBy) };
}

function httpError(url: string, status: number, text: string): BackendCallError {
  const body = text.slice(0, 160).replace(/\s+/g, " ");
  const output = matchOutputError(status, text);
  if (output) {
    return new BackendCallError(
      `${url}: HTTP ${status} ${body}; the model's answer failed ${output.server}'s own parsing (${output.id}), which repeats for the same request, so it is not retried`,
      { status, isRetryable: false, url, outputRejected: output.id },
    );
  }
  const hint =
    status === 401 || status === 403
      ? "check --api-key or EDITJUDGE_API_KEY"
      : status === 404
        ? "check --base-url (it usually ends in /v1) and --model"
        : status === 429
          ? "the server is rate-limiting; lower --concurrency"
          : status >= 500
            ? "the server failed; check its logs"
            : "the server rejected the request";
  return new BackendCallError(`${url}: HTTP ${status} ${body}; ${hint}`, {
    status,
    isRetryable: isRetryableStatus(status),
    url,
  });
}
