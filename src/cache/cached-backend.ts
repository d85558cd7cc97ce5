import type { BackendCapabilities, ChatBackend, ChatRequest, ChatResponse } from "../contract/backend.js";
import { cacheKey } from "./cache-key.js";
import type { ResponseCache } from "./response-cache.js";

/** A backend with a response cache in front. Only successful replies are stored; a thrown error is never cached. */
export class CachedBackend implements ChatBackend {
  readonly model: string;
  readonly stats = { hits: 0, misses: 0 };
  readonly #inner: ChatBackend;
  readonly #cache: ResponseCache;

  constructor(inner: ChatBackend, cache: ResponseCache) {
    this.#inner = inner;
    this.#cache = cache;
    this.model = inner.model;
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

  capabilities(signal?: AbortSignal): Promise<BackendCapabilities> {
    return this.#inner.capabilities(signal);
  }

  async close(): Promise<void> {
    this.#cache.close();
    await this.#inner.close?.();
  }
}
