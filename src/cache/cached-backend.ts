import type {
  BackendCapabilities,
  BackendUsage,
  ChatBackend,
  ChatRequest,
  ChatResponse,
} from "../contract/backend.js";
import { cacheKey } from "./cache-key.js";
import type { ResponseCache } from "./response-cache.js";

/** A backend with a response cache in front. Only successful replies are stored; a thrown error is never cached. */
export class CachedBackend implements ChatBackend {
  readonly model: string;
  readonly stats = { hits: 0, misses: 0 };
  readonly #inner: ChatBackend;
  readonly #cache: ResponseCache;

  readonly #probe: ((backend: ChatBackend, signal?: AbortSignal) => Promise<BackendCapabilities>) | undefined;
  #capabilities: Promise<BackendCapabilities> | undefined;

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
      return hit;
    }
    this.stats.misses++;
    const response = await this.#inner.complete(request, signal);
    this.#cache.set(key, response);
    return response;
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
