import type {
  BackendCapabilities,
  BackendUsage,
  ChatBackend,
  ChatRequest,
  ChatResponse,
} from "../contract/backend.js";
import { BackendCallError } from "../errors/backend-call-error.js";
import { optionalSamplingSent, toWireBody } from "./openai-wire.js";
import { probeCapabilities } from "./probe-capabilities.js";
import { type ReplyOutcome, readReply } from "./read-reply.js";
import { ReplicaPool } from "./replica-pool.js";
import { DEFAULT_RETRY_POLICY, type RetryPolicy, retryDelayMs } from "./retry-policy.js";
import { nameRejectedSampling } from "./sampling-rejection.js";
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

  usage(): BackendUsage {
    const { calls, failures, retries } = this.stats;
    return { calls, failures, retries, cacheHits: 0, cacheMisses: 0 };
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
    const reply = this.#semaphore.run(() => this.#withRetries(body, signal), signal);
    const sent = optionalSamplingSent(request);
    return sent.length === 0
      ? reply
      : reply.catch((error: unknown) => {
          throw nameRejectedSampling(error, sent);
        });
  }

  async #withRetries(body: string, signal?: AbortSignal): Promise<ChatResponse> {
    for (let attempt = 0; ; attempt++) {
      signal?.throwIfAborted();
      const url = this.#pool.acquire();
      this.stats.tries++;
      const outcome = await this.#once(url, body, signal).catch((error: unknown) => {
        this.#pool.release(url, "neutral");
        throw error;
      });
      if (outcome.ok) {
        this.#pool.release(url, "ok");
        return outcome.response;
      }
      const { error } = outcome;
      this.#pool.release(url, replicaOutcome(error));
      if (!error.isRetryable || attempt >= this.#retry.maxRetries) {
        this.stats.failures++;
        if (attempt === 0) throw error;
        throw new BackendCallError(`${error.message} (gave up after ${attempt + 1} tries)`, {
          status: error.status,
          isRetryable: error.isRetryable,
          url: error.url,
          cause: error,
        });
      }
      this.stats.retries++;
      await this.#sleep(
        retryDelayMs(this.#retry, attempt, outcome.retryHeaders, this.#random, this.#now()),
        signal,
      );
    }
  }

  /** One try. Resolves with the outcome; rejects only when the caller aborted. */
  async #once(baseUrl: string, body: string, signal?: AbortSignal): Promise<ReplyOutcome> {
    const url = `${baseUrl}/chat/completions`;
    const timeout = new AbortController();
    const timer = setTimeout(() => timeout.abort(), this.#timeoutMs);
    const combined = signal ? AbortSignal.any([signal, timeout.signal]) : timeout.signal;
    const headers: Record<string, string> = { "content-type": "application/json" };
    if (this.#apiKey) headers.authorization = `Bearer ${this.#apiKey}`;
    try {
      const res = await this.#fetch(url, { method: "POST", headers, body, signal: combined });
      const text = await res.text();
      return readReply(url, res, text, this.model, baseUrl);
    } catch (error) {
      if (signal?.aborted) throw signal.reason;
      const message = timeout.signal.aborted
        ? `${url}: no reply within ${this.#timeoutMs} ms; raise --timeout-ms or check the server`
        : `${url}: cannot connect (${causeText(error)}); check --base-url and that the server is running`;
      const failure = new BackendCallError(message, { status: null, isRetryable: true, url, cause: error });
      return { ok: false, error: failure, retryHeaders: null };
    } finally {
      clearTimeout(timer);
    }
  }
}

/** A connection error or 5xx cools the replica down; an answer the server rejected as output says nothing of its health. */
function replicaOutcome(error: BackendCallError): "unhealthy" | "neutral" {
  if (error.outputRejected) return "neutral";
  return error.status === null || error.status >= 500 ? "unhealthy" : "neutral";
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
