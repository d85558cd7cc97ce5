import type { FakeCall, FakeReply } from "./fake-openai-server.js";

/** Alternatives for one generated token: [token, probability]. */
export type FakeTop = ReadonlyArray<readonly [string, number]>;

/**
 * A chat completion shaped as vLLM returns it. With `tops`, the i-th generated token carries
 * `top_logprobs` built from tops[i] (probabilities given, logprobs sent), and is tops[i][0][0].
 */
export function completion(text: string, tops?: readonly FakeTop[], finishReason = "stop"): FakeReply {
  const logprobs = tops
    ? {
        content: tops.map((top) => ({
          token: top[0]?.[0] ?? "",
          logprob: logOf(top[0]?.[1] ?? 1),
          bytes: null,
          top_logprobs: top.map(([token, p]) => ({ token, logprob: logOf(p), bytes: null })),
        })),
      }
    : null;
  return {
    json: {
      id: "chatcmpl-fake",
      object: "chat.completion",
      created: 0,
      model: "fake-vlm",
      choices: [
        { index: 0, message: { role: "assistant", content: text }, logprobs, finish_reason: finishReason },
      ],
      usage: { prompt_tokens: 1, completion_tokens: 1, total_tokens: 2 },
    },
  };
}

/** A chat completion with one choice per text (a server honouring `n`). */
export function completions(texts: readonly string[]): FakeReply {
  const reply = completion(texts[0] ?? "");
  const json = reply.json as { choices: unknown[] };
  json.choices = texts.map((text, index) => ({
    index,
    message: { role: "assistant", content: text },
    logprobs: null,
    finish_reason: "stop",
  }));
  return reply;
}

/** vLLM sends -9999.0 for a probability that underflows. */
const logOf = (p: number): number => (p > 0 ? Math.log(p) : -9999);

export const serverError = (): FakeReply => ({ status: 500, json: { error: { message: "internal error" } } });

/** llama-server's answer when its own parse of the model's constrained output fails (deterministic at temperature 0). */
export const pegFormatError = (): FakeReply => ({
  status: 500,
  json: {
    error: {
      code: 500,
      message: "The model produced output that does not match the expected peg-native format",
      type: "server_error",
    },
  },
});

export const rateLimited = (retryAfterSeconds: number): FakeReply => ({
  status: 429,
  headers: { "retry-after": String(retryAfterSeconds) },
  json: { error: { message: "rate limited" } },
});

/** All text parts of a call's messages, joined: what a handler matches on. */
export function promptText(call: FakeCall): string {
  return call.body.messages
    .flatMap((m) => m.content)
    .map((p) => p.text ?? "<image>")
    .join("\n");
}

/** Number of images in a call. */
export function imageCount(call: FakeCall): number {
  return call.body.messages.flatMap((m) => m.content).filter((p) => p.type === "image_url").length;
}

/** True for the capability probe's request. */
export function isProbe(call: FakeCall): boolean {
  return (
    call.body.response_format?.json_schema?.name === "editjudge_probe" ||
    promptText(call).startsWith("Is the sky blue?")
  );
}

/** A probe answer: logprobs present or not, json_schema honoured or not. */
export function probeReply(call: FakeCall, options: { logprobs: boolean; jsonSchema: boolean }): FakeReply {
  const text = options.jsonSchema && call.body.response_format ? '{"editjudge_probe": 7}' : "Yes";
  return completion(
    text,
    options.logprobs
      ? [
          [
            ["Yes", 0.9],
            ["No", 0.1],
          ],
        ]
      : undefined,
  );
}
