import { afterEach, describe, expect, it } from "vitest";
import type { ChatRequest } from "../contract/backend.js";
import { BackendCallError } from "../errors/backend-call-error.js";
import { OpenAiChatClient } from "./openai-chat-client.js";
import { matchOutputError, OUTPUT_ERROR_SIGNATURES } from "./output-error-signatures.js";
import {
  type FakeHandler,
  type FakeServer,
  startFakeOpenAiServer,
} from "./test-helpers/fake-openai-server.js";
import { completion, pegFormatError, serverError } from "./test-helpers/fake-replies.js";

const servers: FakeServer[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => s.close()));
});

async function serve(handler: FakeHandler): Promise<FakeServer> {
  const server = await startFakeOpenAiServer(handler);
  servers.push(server);
  return server;
}

const request: ChatRequest = {
  promptId: "test@1",
  messages: [{ role: "user", content: [{ type: "text", text: "hello" }] }],
  temperature: 0,
};

const client = (urls: string[]) =>
  new OpenAiChatClient({ baseUrls: urls, model: "m", sleep: async () => {}, random: () => 0 });

describe("output-error signatures", () => {
  it("name llama-server's peg-native format 500, and nothing else", () => {
    expect(OUTPUT_ERROR_SIGNATURES.map((s) => s.id)).toEqual(["llama-cpp-peg-format"]);
    const body = JSON.stringify(pegFormatError().json);
    expect(matchOutputError(500, body)?.id).toBe("llama-cpp-peg-format");
    expect(matchOutputError(500, '{"error":{"message":"internal error"}}')).toBeNull();
    expect(matchOutputError(503, body)).toBeNull();
    expect(matchOutputError(500, "")).toBeNull();
  });
});

describe("a 5xx that is a property of the output", () => {
  it("is tried once, becomes model_output_rejected and leaves the replica healthy", async () => {
    const server = await serve(() => pegFormatError());
    const c = client([server.url]);
    const error = await c.complete(request).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(BackendCallError);
    expect(error).toMatchObject({
      code: "model_output_rejected",
      status: 500,
      isRetryable: false,
      outputRejected: "llama-cpp-peg-format",
    });
    expect((error as Error).message).toMatch(/failed llama\.cpp llama-server's own parsing.*not retried/);
    expect(server.calls).toHaveLength(1);
    expect(c.replicas()).toEqual([{ url: server.url, healthy: true, failures: 0 }]);
  });

  it("does not send the next call elsewhere: the replica that rejected an output still takes work", async () => {
    const a = await serve((call) => (call.index === 0 ? pegFormatError() : completion("a")));
    const b = await serve(() => completion("b"));
    const c = client([a.url, b.url]);
    await expect(c.complete(request)).rejects.toMatchObject({ code: "model_output_rejected" });
    const served = [];
    for (let i = 0; i < 4; i++) served.push((await c.complete(request)).servedBy);
    expect(served.filter((u) => u === a.url).length).toBe(2);
  });

  it("while a genuine 500 is still retried and cools the replica down", async () => {
    const server = await serve(() => serverError());
    const c = client([server.url]);
    await expect(c.complete(request)).rejects.toMatchObject({ code: "backend_call_failed", status: 500 });
    expect(server.calls).toHaveLength(4);
    expect(c.replicas()).toEqual([{ url: server.url, healthy: false, failures: 4 }]);
  });
});

describe("llama-server token bytes", () => {
  it("decodes a token sent as '' or '�' from its bytes; a lone piece of a character stays '�'", async () => {
    const server = await serve(() => ({
      json: {
        choices: [
          {
            message: { content: "Yes" },
            finish_reason: "length",
            logprobs: {
              content: [
                {
                  token: "",
                  logprob: -0.1,
                  bytes: [89, 101, 115],
                  top_logprobs: [
                    { token: "", logprob: -0.1, bytes: [89, 101, 115] },
                    { token: "\uFFFD", logprob: -3, bytes: [0xe2, 0x80] },
                    { token: "\uFFFD", logprob: -4, bytes: [0xc3, 0xa9] },
                    { token: " no", logprob: -5, bytes: [32, 110, 111] },
                  ],
                },
              ],
            },
          },
        ],
      },
    }));
    const reply = await client([server.url]).complete(request);
    const first = reply.choices[0]?.logprobs?.[0];
    expect(first?.token).toBe("Yes");
    expect(first?.top.map((t) => t.token)).toEqual(["Yes", "\uFFFD", "é", " no"]);
    expect(reply.choices[0]?.finishReason).toBe("length");
  });
});
