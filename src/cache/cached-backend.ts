import type {
  BackendCapabilities,
  BackendUsage,
  ChatBackend,
  ChatRequest,
  ChatResponse,
} from "../contract/backend.js";
import { cacheKey } from "./cache-key.js";
import type { ResponseCache } from "./response-cache.js";

/** Replies remembered (by text) so a judge can have them forgotten: enough for every call of a large batch. */
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
  /** Cache keys of recent replies (stored or served from the cache), by reply text. */
  readonly #recent = new Map<string, Set<string>>();

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

  forget(replyText: string): void {
    for (const key of this.#recent.get(replyText) ?? []) this.#cache.delete(key);
    this.#recent.delete(replyText);
  }

  #remember(key: string, response: ChatResponse): void {
    for (const choice of response.choices) {
      const keys = this.#recent.get(choice.text) ?? new Set<string>();
      keys.add(key);
      this.#recent.delete(choice.text);
      this.#recent.set(choice.text, keys);
    }
    while (this.#recent.size > RECENT_REPLIES)
      this.#recent.delete(this.#recent.keys().next().value as string);
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
