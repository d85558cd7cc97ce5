import type { BackendCapabilities, ChatBackend, ChatRequest, ChatResponse } from "../contract/backend.js";
import { BackendCallError } from "../errors/backend-call-error.js";
import { chatCompletionSchema, fromWire, toWireBody } from "./openai-wire.js";
import { probeCapabilities } from "./probe-capabilities.js";
import { ReplicaPool } from "./replica-pool.js";
import { DEFAULT_RETRY_POLICY, isRetryableStatus, type RetryPolicy, retryDelayMs } from "./retry-policy.js";
import { Semaphore } from "./semaphore.js";

export interface OpenAiChatClientOptions {
  /** One or more base URLs ending in /v1; several are replicas. */
  baseUrls: readonly string[];
  model: string;
  apiKey?: string;
  /** Per-try timeout. Default 120000 ms. */
  timeoutMs?: number;
  retry?: Partial<RetryPolicy>;
  /** Calls in flight at once, across replicas. Default 8. */
  concurrency?: number;
  /** Cool-down of a failing replica. Default 30000 ms. */
  cooldownMs?: number;
  /** Injected for tests. */
  fetch?: typeof fetch;
  sleep?: (ms: number, signal?: AbortSignal) => Promise<void>;
  now?: () => number;
  random?: () => number;
}

/** Counters a run can report. */
export interface ClientStats {
  calls: number;
  tries: number;
  retries: number;
  failures: number;
}

/** A chat-completions client for any OpenAI-compatible server (vLLM, SGLang, llama.cpp, Ollama /v1, OpenAI). */
export class OpenAiChatClient implements ChatBackend {
  readonly model: string;
  readonly stats: ClientStats = { calls: 0, tries: 0, retries: 0, failures: 0 };
  readonly #pool: ReplicaPool;
  readonly #semaphore: Semaphore;
  readonly #apiKey: string | undefined;
  readonly #timeoutMs: number;
  readonly #retry: RetryPolicy;
  readonly #fetch: typeof fetch;
  readonly #sleep: (ms: number, signal?: AbortSignal) => Promise<void>;
  readonly #now: () => number;
  readonly #random: () => number;
  #capabilities: Promise<BackendCapabilities> | undefined;

  constructor(options: OpenAiChatClientOptions) {
    if (options.baseUrls.length === 0) throw new Error("OpenAiChatClient needs at least one base URL");
    this.model = options.model;
    this.#apiKey = options.apiKey;
    this.#timeoutMs = options.timeoutMs ?? 120_000;
    this.#retry = { ...DEFAULT_RETRY_POLICY, ...options.retry };
    this.#fetch = options.fetch ?? fetch;
    this.#sleep = options.sleep ?? abortableSleep;
    this.#now = options.now ?? Date.now;
    this.#random = options.random ?? Math.random;
    this.#pool = new ReplicaPool(options.baseUrls, options.cooldownMs ?? 30_000, this.#now);
    this.#semaphore = new Semaphore(options.concurrency ?? 8);
  }

  replicas(): Array<{ url: string; healthy: boolean; failures: number }> {
    return this.#pool.status();
  }

  capabilities(signal?: AbortSignal): Promise<BackendCapabilities> {
    this.#capabilities ??= probeCapabilities(this, signal);
    this.#capabilities.catch(() => {
      this.#capabilities = undefined;
    });
    return this.#capabilities;
  }

  complete(request: ChatRequest, signal?: AbortSignal): Promise<ChatResponse> {
    this.stats.calls++;
    const body = JSON.stringify(toWireBody(request, this.model));
    return this.#semaphore.run(() => this.#withRetries(body, signal), signal);
  }

  async #withRetries(body: string, signal?: AbortSignal): Promise<ChatResponse> {
    for (let attempt = 0; ; attempt++) {
      signal?.throwIfAborted();
      const url = this.#pool.acquire();
      this.stats.tries++;
      try {
        const response = await this.#once(url, body, signal);
        this.#pool.release(url, "ok");
        return response;
      } catch (error) {
        const failure = error instanceof BackendCallError ? error : null;
        const unhealthy = failure !== null && (failure.status === null || failure.status >= 500);
        this.#pool.release(url, unhealthy ? "unhealthy" : "neutral");
        if (!failure?.isRetryable || attempt >= this.#retry.maxRetries) {
          this.stats.failures++;
          if (failure && attempt > 0) {
            throw new BackendCallError(`${failure.message} (gave up after ${attempt + 1} tries)`, {
              status: failure.status,
              isRetryable: failure.isRetryable,
              url: failure.url,
              cause: failure,
            });
          }
          throw error;
        }
        this.stats.retries++;
        const delay = retryDelayMs(this.#retry, attempt, retryHeaders(failure), this.#random, this.#now());
        await this.#sleep(delay, signal);
      }
    }
  }

  async #once(baseUrl: string, body: string, signal?: AbortSignal): Promise<ChatResponse> {
    const url = `${baseUrl}/chat/completions`;
    const timeout = new AbortController();
    const timer = setTimeout(() => timeout.abort(), this.#timeoutMs);
    const combined = signal ? AbortSignal.any([signal, timeout.signal]) : timeout.signal;
    try {
      const headers: Record<string, string> = { "content-type": "application/json" };
      if (this.#apiKey) headers.authorization = `Bearer ${this.#apiKey}`;
      let res: Response;
      let text: string;
      try {
        res = await this.#fetch(url, { method: "POST", headers, body, signal: combined });
        text = await res.text();
      } catch (error) {
        if (signal?.aborted) throw signal.reason;
        const timedOut = timeout.signal.aborted;
        throw new BackendCallError(
          timedOut
            ? `${url}: no reply within ${this.#timeoutMs} ms; raise --timeout-ms or check the server`
            : `${url}: cannot connect (${causeText(error)}); check --base-url and that the server is running`,
          { status: null, isRetryable: true, url, cause: error },
        );
      }
      if (!res.ok) throw httpError(url, res, text);
      return parseReply(url, text, this.model, baseUrl);
    } finally {
      clearTimeout(timer);
    }
  }
}

function parseReply(url: string, text: string, model: string, servedBy: string): ChatResponse {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw new BackendCallError(
      `${url}: reply is not JSON (${text.slice(0, 80)}…); is --base-url an OpenAI-compatible /v1 endpoint?`,
      { status: 200, isRetryable: false, url },
    );
  }
  const parsed = chatCompletionSchema.safeParse(json);
  if (!parsed.success) {
    throw new BackendCallError(
      `${url}: reply is not a chat completion (${parsed.error.issues[0]?.message ?? "invalid"} at ${parsed.error.issues[0]?.path.join(".") ?? "?"}); check --base-url`,
      { status: 200, isRetryable: false, url },
    );
  }
  return fromWire(parsed.data, model, servedBy);
}

interface HttpFailure extends BackendCallError {
  retryAfter?: string | null;
  retryAfterMs?: string | null;
}

function httpError(url: string, res: Response, text: string): BackendCallError {
  const hint =
    res.status === 401 || res.status === 403
      ? "check --api-key or EDITJUDGE_API_KEY"
      : res.status === 404
        ? "check --base-url (it usually ends in /v1) and --model"
        : res.status === 429
          ? "the server is rate-limiting; lower --concurrency"
          : res.status >= 500
            ? "the server failed; check its logs"
            : "the server rejected the request";
  const error: HttpFailure = new BackendCallError(
    `${url}: HTTP ${res.status} ${text.slice(0, 160).replace(/\s+/g, " ")}; ${hint}`,
    { status: res.status, isRetryable: isRetryableStatus(res.status), url },
  );
  error.retryAfter = res.headers.get("retry-after");
  error.retryAfterMs = res.headers.get("retry-after-ms");
  return error;
}

function retryHeaders(error: HttpFailure): { retryAfter: string | null; retryAfterMs: string | null } | null {
  if (error.retryAfter === undefined && error.retryAfterMs === undefined) return null;
  return { retryAfter: error.retryAfter ?? null, retryAfterMs: error.retryAfterMs ?? null };
}

function causeText(error: unknown): string {
  const cause = error instanceof Error && error.cause instanceof Error ? error.cause : error;
  return cause instanceof Error ? cause.message : String(cause);
}

function abortableSleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    signal?.throwIfAborted();
    const timer = setTimeout(() => {
      signal?.removeEventListener("abort", onAbort);
      resolve();
    }, ms);
    const onAbort = (): void => {
      clearTimeout(timer);
      reject(signal?.reason);
    };
    signal?.addEventListener("abort", onAbort, { once: true });
  });
}
