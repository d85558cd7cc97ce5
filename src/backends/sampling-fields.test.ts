import { afterEach, describe, expect, it } from "vitest";
import type { ChatRequest } from "../contract/backend.js";
import { OpenAiChatClient } from "./openai-chat-client.js";
import { toWireBody } from "./openai-wire.js";
import { type FakeServer, startFakeOpenAiServer } from "./test-helpers/fake-openai-server.js";
import { completion } from "./test-helpers/fake-replies.js";

const request: ChatRequest = {
  promptId: "t@1",
  messages: [{ role: "user", content: [{ type: "text", text: "hi" }] }],
  temperature: 0.7,
  maxTokens: 8,
};

let server: FakeServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

describe("top_p, top_k and seed on the chat request", () => {
  it("are sent only when set", () => {
    expect(toWireBody(request, "m")).not.toHaveProperty("top_p");
    expect(toWireBody(request, "m")).not.toHaveProperty("top_k");
    expect(toWireBody(request, "m")).not.toHaveProperty("seed");
    expect(toWireBody({ ...request, topP: 0.9, topK: 20, seed: 42 }, "m")).toMatchObject({
      top_p: 0.9,
      top_k: 20,
      seed: 42,
    });
    expect(toWireBody({ ...request, seed: 0 }, "m")).toMatchObject({ seed: 0 });
  });

  it("a server that rejects one gets an error naming that parameter, not retried", async () => {
    server = await startFakeOpenAiServer((call) =>
      call.body.top_k !== undefined
        ? { status: 400, json: { error: { message: "Unrecognized request argument supplied: top_k" } } }
        : completion("ok"),
    );
    const client = new OpenAiChatClient({ baseUrls: [server.url], model: "m", sleep: async () => {} });
    await expect(client.complete({ ...request, topP: 0.9, topK: 20, seed: 42 })).rejects.toThrow(
      /HTTP 400 .*the request set top_k, which this server does not accept; .*--prompt-variant editjudge/,
    );
    expect(server.calls).toHaveLength(1);
    await expect(client.complete(request)).resolves.toMatchObject({ choices: [{ text: "ok" }] });
  });
});
