/** When and how long to wait before retrying a backend call (openai-node style). */
export interface RetryPolicy {
  /** Retries after the first try. */
  maxRetries: number;
  /** First backoff in ms; doubles each retry. Default 500. */
  initialDelayMs: number;
  /** Backoff cap in ms. Default 8000. */
  maxDelayMs: number;
}

export const DEFAULT_RETRY_POLICY: RetryPolicy = Object.freeze({
  maxRetries: 3,
  initialDelayMs: 500,
  maxDelayMs: 8000,
});

/** The server's `retry-after` and `retry-after-ms` headers, as sent. */
export interface RetryHeaders {
  retryAfter: string | null;
  retryAfterMs: string | null;
}

/** 408, 409, 429 and 5xx are worth retrying; other statuses are the caller's mistake. */
export function isRetryableStatus(status: number): boolean {
  return status === 408 || status === 409 || status === 429 || status >= 500;
}

/**
 * Delay before retry number `retry` (0-based). A `retry-after` header (seconds or HTTP date, or
 * `retry-after-ms`) is honoured up to 60 s; otherwise exponential backoff with up to 25% jitter.
 */
export function retryDelayMs(
  policy: RetryPolicy,
  retry: number,
  headers: RetryHeaders | null,
  random: () => number,
  now: number,
): number {
  const fromHeader = headerDelay(headers, now);
  if (fromHeader !== null && fromHeader >= 0 && fromHeader <= 60_000) return fromHeader;
  const base = Math.min(policy.initialDelayMs * 2 ** retry, policy.maxDelayMs);
  return Math.round(base * (1 - 0.25 * random()));
}

function headerDelay(headers: RetryHeaders | null, now: number): number | null {
  if (!headers) return null;
  if (headers.retryAfterMs !== null) {
    const ms = Number(headers.retryAfterMs);
    if (Number.isFinite(ms)) return ms;
  }
  if (headers.retryAfter !== null) {
    const seconds = Number(headers.retryAfter);
    if (Number.isFinite(seconds)) return seconds * 1000;
    const date = Date.parse(headers.retryAfter);
    if (Number.isFinite(date)) return date - now;
  }
  return null;
}
