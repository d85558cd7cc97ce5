import { z } from "zod";
import type { ChatPart, ChatRequest, ChatResponse } from "../contract/backend.js";

/** The subset of an OpenAI-compatible chat completion reply EditJudge reads, as vLLM, SGLang and OpenAI send it. */
const bytesSchema = z.array(z.number().int().min(0).max(255)).nullable().optional();
const topLogprobSchema = z.object({ token: z.string(), logprob: z.number(), bytes: bytesSchema });

export const chatCompletionSchema = z.object({
  model: z.string().optional(),
  choices: z
    .array(
      z.object({
        message: z.object({
          content: z.string().nullable().optional(),
          refusal: z.string().nullable().optional(),
        }),
        finish_reason: z.string().nullable().optional(),
        logprobs: z
          .object({
            content: z
              .array(
                z.object({
                  token: z.string(),
                  logprob: z.number(),
                  bytes: bytesSchema,
                  top_logprobs: z.array(topLogprobSchema).optional().default([]),
                }),
              )
              .nullable()
              .optional(),
          })
          .nullable()
          .optional(),
      }),
    )
    .min(1),
});

/** The JSON body of POST /chat/completions for a request. */
export function toWireBody(request: ChatRequest, model: string): Record<string, unknown> {
  const body: Record<string, unknown> = {
    model,
    messages: request.messages.map((m) => ({ role: m.role, content: m.content.map(toWirePart) })),
  };
  if (request.temperature !== undefined) body.temperature = request.temperature;
  if (request.topP !== undefined) body.top_p = request.topP;
  if (request.topK !== undefined) body.top_k = request.topK;
  if (request.seed !== undefined) body.seed = request.seed;
  if (request.maxTokens !== undefined) body.max_tokens = request.maxTokens;
  if (request.n !== undefined && request.n > 1) body.n = request.n;
  if (request.topLogprobs !== undefined && request.topLogprobs > 0) {
    body.logprobs = true;
    body.top_logprobs = request.topLogprobs;
  }
  if (request.jsonSchema) {
    body.response_format = {
      type: "json_schema",
      json_schema: { name: request.jsonSchema.name, schema: request.jsonSchema.schema, strict: true },
    };
  }
  return body;
}

/** The optional sampling fields (top_p, top_k, seed) a request sends, by wire name. */
export function optionalSamplingSent(request: ChatRequest): string[] {
  const sent: string[] = [];
  if (request.topP !== undefined) sent.push("top_p");
  if (request.topK !== undefined) sent.push("top_k");
  if (request.seed !== undefined) sent.push("seed");
  return sent;
}

function toWirePart(part: ChatPart): Record<string, unknown> {
  return part.type === "text"
    ? { type: "text", text: part.text }
    : { type: "image_url", image_url: { url: part.dataUrl } };
}

/** Maps a validated wire reply to the contract's response. */
export function fromWire(
  reply: z.infer<typeof chatCompletionSchema>,
  model: string,
  servedBy: string,
): ChatResponse {
  return {
    model: reply.model ?? model,
    cached: false,
    servedBy,
    choices: reply.choices.map((c) => ({
      text: c.message.content ?? "",
      finishReason: c.finish_reason ?? null,
      logprobs: c.logprobs?.content
        ? c.logprobs.content.map((t) => ({
            token: tokenText(t),
            logprob: t.logprob,
            top: t.top_logprobs.map((a) => ({ token: tokenText(a), logprob: a.logprob })),
          }))
        : null,
      ...(c.message.refusal ? { refusal: c.message.refusal } : {}),
    })),
  };
}

/**
 * A token's text. llama.cpp sends a token that is not valid UTF-8 on its own as "�" or "" with the real bytes in
 * `bytes`; those bytes are decoded instead (a lone piece of a multi-byte character stays "�", matching no label).
 */
function tokenText(t: { token: string; bytes?: number[] | null | undefined }): string {
  if (!t.bytes || t.bytes.length === 0 || (t.token !== "" && !t.token.includes("\uFFFD"))) return t.token;
  return Buffer.from(t.bytes).toString("utf8");
}
