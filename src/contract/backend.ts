/**
 * The contract between judges and a chat model backend (an OpenAI-compatible server, a cache in
 * front of one, or a test double). Types only.
 */

export interface ChatTextPart {
  type: "text";
  text: string;
}

/** An image already encoded for the wire. `key` identifies its content (sha256 + encoding) for caching. */
export interface ChatImagePart {
  type: "image";
  key: string;
  dataUrl: string;
}

export type ChatPart = ChatTextPart | ChatImagePart;

export interface ChatMessage {
  role: "system" | "user" | "assistant";
  content: ChatPart[];
}

export interface ChatJsonSchema {
  name: string;
  schema: Record<string, unknown>;
}

export interface ChatRequest {
  /** Template id and version, e.g. "viescore-sc@1"; part of the cache key. */
  promptId: string;
  messages: ChatMessage[];
  temperature?: number;
  /** Nucleus sampling (top_p); sent only when set. */
  topP?: number;
  /** Top-k sampling (top_k, a vLLM/SGLang/llama.cpp extension); sent only when set. */
  topK?: number;
  /** Sampling seed; sent only when set. */
  seed?: number;
  maxTokens?: number;
  /** Samples per call (servers that ignore it return one). */
  n?: number;
  /** Ask for the top-k alternatives of every generated token (0 = no logprobs). */
  topLogprobs?: number;
  /** Ask for JSON matching this schema (response_format json_schema). */
  jsonSchema?: ChatJsonSchema;
  /** Distinguishes otherwise identical requests (e.g. pass 2 of 4) in the cache. */
  sample?: number;
}

export interface TopLogprob {
  token: string;
  logprob: number;
}

export interface TokenLogprob {
  token: string;
  logprob: number;
  top: TopLogprob[];
}

export interface ChatChoice {
  text: string;
  finishReason: string | null;
  /** Per generated token; null when the server returned none. */
  logprobs: TokenLogprob[] | null;
  /** The model's refusal message, when the server reports one. */
  refusal?: string;
}

export interface ChatResponse {
  model: string;
  choices: ChatChoice[];
  /** True when the response came from the response cache. */
  cached: boolean;
  /** Which base URL answered (for replica reporting). */
  servedBy?: string;
}

/** What a probe found the backend supports. */
export interface BackendCapabilities {
  logprobs: boolean;
  jsonSchema: boolean;
  /** Readable findings, reported in a result's notes. */
  notes: string[];
}

/** Running totals of a backend's work since it was created, for metrics. */
export interface BackendUsage {
  /** Calls sent to the model server (a cache hit sends none); each may take several tries. */
  calls: number;
  /** Calls that failed after their last try. */
  failures: number;
  /** Tries beyond each call's first. */
  retries: number;
  /** Response-cache lookups that found a stored reply, and those that did not. */
  cacheHits: number;
  cacheMisses: number;
}

export interface ChatBackend {
  readonly model: string;
  complete(request: ChatRequest, signal?: AbortSignal): Promise<ChatResponse>;
  /** Probes once and remembers the answer. */
  capabilities(signal?: AbortSignal): Promise<BackendCapabilities>;
  /** Running totals of calls, failures, retries and cache lookups. */
  usage?(): BackendUsage;
  /**
   * The judge could not use a reply with this text (no parsable answer): a cache in front of the server drops
   * it, so the same request reaches the model again next time.
   */
  forget?(replyText: string): void;
  close?(): Promise<void>;
}
