import type {
  BackendCapabilities,
  BackendUsage,
  ChatBackend,
  ChatRequest,
  ChatResponse,
} from "../contract/backend.js";
import { cacheKey } from "./cache-key.js";
import type { ResponseCache } from "./response-cache.js";

/** Recent replies remembered so a judge can have them forgotten: enough for every call of a large batch. */
const RECENT_REPLIES = 10_000;

/**
 * A backend with a response cache in front. Only successful replies are stored; a thrown error is never cached,
 * and a reply the judge could not use is dropped again when the judge says so (`forget`).
 */
export class CachedBackend implements ChatBackend {
  readonly model: string;
  readonly stats = { hits: 0, misses: 0 };
  readonly #inner: ChatBackend;
  readonly #cache: ResponseCache;

  readonly #probe: ((backend: ChatBackend, signal?: AbortSignal) => Promise<BackendCapabilities>) | undefined;
  #capabilities: Promise<BackendCapabilities> | undefined;
  /** The reply texts of the most recent cache keys (stored or served), oldest first; at most RECENT_REPLIES. */
  readonly #recent = new Map<string, readonly string[]>();

  /**
   * With `probe`, the capability probe runs through this backend, so its reply is cached too and a
   * fully cached run needs no server; without it, capabilities come from the inner backend.
   */
  constructor(
    inner: ChatBackend,
    cache: ResponseCache,
    options: { probe?: (backend: ChatBackend, signal?: AbortSignal) => Promise<BackendCapabilities> } = {},
  ) {
    this.#inner = inner;
    this.#cache = cache;
    this.model = inner.model;
    this.#probe = options.probe;
  }

  async complete(request: ChatRequest, signal?: AbortSignal): Promise<ChatResponse> {
    const key = cacheKey(this.model, request);
    const hit = this.#cache.get(key);
    if (hit) {
      this.stats.hits++;
      this.#remember(key, hit);
      return hit;
    }
    this.stats.misses++;
    const response = await this.#inner.complete(request, signal);
    this.#cache.set(key, response);
    this.#remember(key, response);
    return response;
  }

  /** Drops the recent replies with this text from the cache (a scan of the recent keys: forgetting is rare). */
  forget(replyText: string): void {
    for (const [key, texts] of this.#recent)
      if (texts.includes(replyText)) {
        this.#cache.delete(key);
        this.#recent.delete(key);
      }
  }

  #remember(key: string, response: ChatResponse): void {
    this.#recent.delete(key);
    this.#recent.set(
      key,
      response.choices.map((c) => c.text),
    );
    if (this.#recent.size > RECENT_REPLIES) this.#recent.delete(this.#recent.keys().next().value as string);
  }

  usage(): BackendUsage {
    const inner = this.#inner.usage?.();
    return {
      calls: inner?.calls ?? this.stats.misses,
      failures: inner?.failures ?? 0,
      retries: inner?.retries ?? 0,
      cacheHits: this.stats.hits,
      cacheMisses: this.stats.misses,
    };
  }

  capabilities(signal?: AbortSignal): Promise<BackendCapabilities> {
    if (!this.#probe) return this.#inner.capabilities(signal);
    this.#capabilities ??= this.#probe(this, signal);
    this.#capabilities.catch(() => {
      this.#capabilities = undefined;
    });
    return this.#capabilities;
  }

  async close(): Promise<void> {
    this.#cache.close();
    await this.#inner.close?.();
  }
}
