import { describe, expect, it } from "vitest";
import { OpenAiChatClient } from "../../backends/openai-chat-client.js";
import { startFakeOpenAiServer } from "../../backends/test-helpers/fake-openai-server.js";
import { completion, isProbe } from "../../backends/test-helpers/fake-replies.js";
import { withFaults } from "../../backends/test-helpers/with-faults.js";
import { CachedBackend } from "../../cache/cached-backend.js";
import { SqliteResponseCache } from "../../cache/response-cache.js";
import { resolveConfig } from "../../config/resolve-config.js";
import { fakeVlm } from "./test-helpers/fake-vlm.js";
import { preparedCase } from "./test-helpers/judge-fixture.js";
import { VieScoreJudge } from "./viescore-judge.js";
import { VlmRuntime } from "./vlm-runtime.js";

describe("fault injection", () => {
  it("200 candidates with 30% of calls failing: every candidate scored or explicitly errored, retries bounded", async () => {
    const faults = withFaults(fakeVlm({ viescore: { sc: [8, 6], pq: [9, 4] } }), { rate: 0.3, seed: 42 });
    const server = await startFakeOpenAiServer(faults.handler);
    const maxRetries = 3;
    const client = new OpenAiChatClient({
      baseUrls: [server.url],
      model: "fake-vlm",
      timeoutMs: 1000,
      concurrency: 32,
      retry: { maxRetries },
      sleep: async () => {},
    });
    try {
      const judge = new VieScoreJudge(
        new VlmRuntime(client, resolveConfig({ explicit: { cache: false, promptVariant: "editjudge" } })),
      );
      const result = await judge.judge(await preparedCase(200));
      const scored = result.candidates.filter((c) => c.reward !== null);
      const errored = result.candidates.filter((c) => c.error !== undefined);
      expect(scored.length + errored.length).toBe(200);
      for (const c of scored) expect(c.reward).toBeCloseTo(Math.sqrt(24) / 10, 6);
      for (const c of errored) {
        expect(c.reward).toBeNull();
        expect(c.error?.code).toBe("backend_call_failed");
        // 500, 429 and no answer are the model server's trouble, not the candidate's: marked transient.
        expect(c.error?.transient).toBe(true);
      }
      const calls = 1 + 200 * 2;
      expect(client.stats.calls).toBe(calls);
      expect(client.stats.tries).toBeLessThanOrEqual(calls * (maxRetries + 1));
      expect(server.calls.length).toBeLessThanOrEqual(client.stats.tries);
      // Timing only changes how many tries time out; every assertion above holds either way.
      expect(faults.counts.http500 + faults.counts.http429 + faults.counts.hang).toBeGreaterThan(60);
    } finally {
      await server.close();
    }
  });

  it("does not mark a failure the model server would repeat (HTTP 400) as transient", async () => {
    const healthy = fakeVlm({ viescore: { sc: [8, 6], pq: [9, 4] } });
    const server = await startFakeOpenAiServer((call) =>
      isProbe(call) ? healthy(call) : { status: 400, json: { error: { message: "prompt too long" } } },
    );
    const client = new OpenAiChatClient({
      baseUrls: [server.url],
      model: "fake-vlm",
      timeoutMs: 1000,
      retry: { maxRetries: 1 },
      sleep: async () => {},
    });
    try {
      const judge = new VieScoreJudge(
        new VlmRuntime(client, resolveConfig({ explicit: { cache: false, promptVariant: "editjudge" } })),
      );
      const [candidate] = (await judge.judge(await preparedCase(1))).candidates;
      expect(candidate?.error?.code).toBe("backend_call_failed");
      expect(candidate?.error?.transient).toBeUndefined();
    } finally {
      await server.close();
    }
  });

  it("does not replay from the cache a reply it could not parse: the next run asks the model again", async () => {
    const healthy = fakeVlm({ viescore: { sc: [8, 6], pq: [9, 4] } });
    let garbled = true;
    const server = await startFakeOpenAiServer((call) =>
      garbled && !isProbe(call) ? completion("I cannot help with that.") : healthy(call),
    );
    const client = new OpenAiChatClient({ baseUrls: [server.url], model: "fake-vlm", timeoutMs: 1000 });
    const cache = new CachedBackend(client, new SqliteResponseCache(":memory:"));
    try {
      const judge = new VieScoreJudge(
        new VlmRuntime(cache, resolveConfig({ explicit: { cache: true, promptVariant: "editjudge" } })),
      );
      const edit = await preparedCase(1);
      const [first] = (await judge.judge(edit)).candidates;
      expect(first?.error?.code).toBe("judge_output_unparseable");
      garbled = false;
      const [second] = (await judge.judge(edit)).candidates;
      expect(second?.reward).toBeCloseTo(Math.sqrt(24) / 10, 6);
      // And the good replies are cached: a third run makes no new call.
      const calls = server.calls.length;
      await judge.judge(edit);
      expect(server.calls.length).toBe(calls);
    } finally {
      await server.close();
    }
  });
});
