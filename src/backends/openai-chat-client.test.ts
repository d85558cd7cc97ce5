import { afterEach, describe, expect, it } from "vitest";
import type { ChatRequest } from "../contract/backend.js";
import { BackendCallError } from "../errors/backend-call-error.js";
import { OpenAiChatClient, type OpenAiChatClientOptions } from "./openai-chat-client.js";
import {
  type FakeHandler,
  type FakeServer,
  startFakeOpenAiServer,
} from "./test-helpers/fake-openai-server.js";
import { completion, probeReply, rateLimited, serverError } from "./test-helpers/fake-replies.js";

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
  topLogprobs: 5,
};

function client(urls: string[], extra: Partial<OpenAiChatClientOptions> = {}) {
  const sleeps: number[] = [];
  const c = new OpenAiChatClient({
    baseUrls: urls,
    model: "fake-vlm",
    apiKey: "sk-test",
    sleep: async (ms) => {
      sleeps.push(ms);
    },
    random: () => 0,
    ...extra,
  });
  return { c, sleeps };
}

describe("OpenAiChatClient", () => {
  it("sends the OpenAI wire format and reads vLLM top_logprobs", async () => {
    const server = await serve(() =>
      completion("Yes", [
        [
          ["Yes", 0.8],
          ["No", 0.2],
        ],
      ]),
    );
    const { c } = client([server.url]);
    const reply = await c.complete(request);
    expect(reply.choices[0]?.text).toBe("Yes");
    expect(reply.choices[0]?.logprobs?.[0]?.top.map((t) => t.token)).toEqual(["Yes", "No"]);
    expect(Math.exp(reply.choices[0]?.logprobs?.[0]?.top[0]?.logprob ?? 0)).toBeCloseTo(0.8);
    const call = server.calls[0];
    expect(call?.authorization).toBe("Bearer sk-test");
    expect(call?.body).toMatchObject({ model: "fake-vlm", logprobs: true, top_logprobs: 5, temperature: 0 });
  });

  it("honours retry-after on 429 and retries 500s, then succeeds", async () => {
    const script = [rateLimited(2), serverError(), completion("ok")];
    const server = await serve((call) => script[call.index] ?? serverError());
    const { c, sleeps } = client([server.url]);
    const reply = await c.complete(request);
    expect(reply.choices[0]?.text).toBe("ok");
    expect(sleeps).toEqual([2000, 1000]);
    expect(c.stats).toMatchObject({ tries: 3, retries: 2 });
  });

  it("bounds retries and says how many tries it made", async () => {
    const server = await serve(() => serverError());
    const { c } = client([server.url], { retry: { maxRetries: 2 } });
    const error = await c.complete(request).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(BackendCallError);
    expect((error as BackendCallError).status).toBe(500);
    expect((error as Error).message).toMatch(/gave up after 3 tries/);
    expect(server.calls).toHaveLength(3);
  });

  it("does not retry a 400", async () => {
    const server = await serve(() => ({ status: 400, json: { error: { message: "bad" } } }));
    const { c } = client([server.url]);
    await expect(c.complete(request)).rejects.toMatchObject({ status: 400, isRetryable: false });
    expect(server.calls).toHaveLength(1);
  });

  it("times out a hanging server and retries", async () => {
    const server = await serve((call) => (call.index === 0 ? { hang: true } : completion("late ok")));
    const { c } = client([server.url], { timeoutMs: 100 });
    const reply = await c.complete(request);
    expect(reply.choices[0]?.text).toBe("late ok");
    expect(c.stats.retries).toBe(1);
  });

  it("reports malformed JSON as a non-retryable error", async () => {
    const server = await serve(() => ({ raw: '{"choices": [' }));
    const { c } = client([server.url]);
    await expect(c.complete(request)).rejects.toThrow(/reply is not JSON/);
    expect(server.calls).toHaveLength(1);
  });

  it("rejects a 200 that is not a chat completion", async () => {
    const server = await serve(() => ({ json: { hello: "world" } }));
    const { c } = client([server.url]);
    await expect(c.complete(request)).rejects.toThrow(/not a chat completion/);
  });

  it("stops when the caller aborts", async () => {
    const server = await serve(() => ({ hang: true }));
    const { c } = client([server.url]);
    const controller = new AbortController();
    const pending = c.complete(request, controller.signal);
    setTimeout(() => controller.abort(new Error("stop")), 20);
    await expect(pending).rejects.toThrow("stop");
  });

  it("spreads load over replicas and cools a dead one down", async () => {
    const up = await serve(() => completion("up"));
    const down = await serve(() => serverError());
    let now = 0;
    const { c } = client([down.url, up.url], { now: () => now, cooldownMs: 1000 });
    for (let i = 0; i < 5; i++) expect((await c.complete(request)).servedBy).toBe(up.url);
    expect(down.calls).toHaveLength(1);
    expect(c.replicas().map((r) => r.healthy)).toEqual([false, true]);
    now = 2000;
    await c.complete(request);
    await c.complete(request);
    expect(down.calls.length).toBeGreaterThan(1);
  });

  it("routes around a replica that refuses connections", async () => {
    const gone = await startFakeOpenAiServer(() => completion("never"));
    const deadUrl = gone.url;
    await gone.close();
    const up = await serve(() => completion("up"));
    const { c } = client([deadUrl, up.url]);
    for (let i = 0; i < 3; i++) expect((await c.complete(request)).servedBy).toBe(up.url);
    expect(c.replicas()).toEqual([
      { url: deadUrl, healthy: false, failures: 1 },
      { url: up.url, healthy: true, failures: 0 },
    ]);
  });

  it("keeps at most `concurrency` calls in flight", async () => {
    let inFlight = 0;
    let peak = 0;
    const server = await serve(async () => {
      inFlight++;
      peak = Math.max(peak, inFlight);
      await new Promise((r) => setImmediate(r));
      inFlight--;
      return completion("ok");
    });
    const { c } = client([server.url], { concurrency: 2 });
    await Promise.all(Array.from({ length: 8 }, () => c.complete(request)));
    expect(peak).toBeLessThanOrEqual(2);
    expect(server.calls).toHaveLength(8);
  });

  it("probes capabilities: logprobs and an ignored json_schema", async () => {
    const server = await serve((call) => probeReply(call, { logprobs: true, jsonSchema: false }));
    const { c } = client([server.url]);
    const caps = await c.capabilities();
    expect(caps).toMatchObject({ logprobs: true, jsonSchema: false });
    expect(caps.notes.join(" ")).toMatch(/ignores response_format/);
    await c.capabilities();
    expect(server.calls).toHaveLength(1);
  });

  it("probes capabilities: honoured schema, no logprobs", async () => {
    const server = await serve((call) => probeReply(call, { logprobs: false, jsonSchema: true }));
    const { c } = client([server.url]);
    expect(await c.capabilities()).toMatchObject({ logprobs: false, jsonSchema: true });
  });
});
