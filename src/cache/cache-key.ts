import { createHash } from "node:crypto";
import type { ChatRequest } from "../contract/backend.js";

/**
 * The cache key of a request: model, prompt template id and version, image content keys (never the
 * base64 bytes), every text (which holds the instruction) and the sampling parameters.
 */
export function cacheKey(model: string, request: ChatRequest): string {
  const canonical = {
    model,
    promptId: request.promptId,
    messages: request.messages.map((m) => ({
      role: m.role,
      content: m.content.map((p) => (p.type === "text" ? { text: p.text } : { image: p.key })),
    })),
    temperature: request.temperature ?? null,
    maxTokens: request.maxTokens ?? null,
    n: request.n ?? null,
    topLogprobs: request.topLogprobs ?? null,
    jsonSchema: request.jsonSchema ?? null,
    sample: request.sample ?? null,
    // Only when set, so the keys of requests without them stay as they were.
    ...(request.topP !== undefined ? { topP: request.topP } : {}),
    ...(request.topK !== undefined ? { topK: request.topK } : {}),
    ...(request.seed !== undefined ? { seed: request.seed } : {}),
  };
  return createHash("sha256").update(JSON.stringify(canonical)).digest("hex");
}
