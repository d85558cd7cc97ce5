import { afterEach, describe, expect, it } from "vitest";
import { startFakeOpenAiServer } from "../backends/test-helpers/fake-openai-server.js";
import { withFaults } from "../backends/test-helpers/with-faults.js";
import { fakeVlm } from "../judges/vlm/test-helpers/fake-vlm.js";
import { createJudges, type RunningServer, startServer } from "./start-server.js";
import { solidPngBase64 } from "./test-fixtures.js";
import { rewardsBodyFor, runTraffic, tallyTraffic } from "./test-helpers/fault-traffic.js";

const closers: Array<() => Promise<void>> = [];
afterEach(async () => {
  for (const close of closers.splice(0).reverse()) await close();
});

describe("reward server under faults", () => {
  it("answers every request of a faulty mix, with no silent reward, and stays up", async () => {
    // A VLM backend where 30% of calls fail (HTTP 500, 429, or no answer until the 300 ms call timeout).
    const faults = withFaults(fakeVlm({ viescore: { sc: [8, 6], pq: [9, 4] } }), { rate: 0.3, seed: 11 });
    const vlm = await startFakeOpenAiServer(faults.handler);
    closers.push(() => vlm.close());
    const judges = await createJudges(["viescore"], {
      baseUrls: [vlm.url],
      model: "fake-vlm",
      cache: false,
      promptVariant: "editjudge",
      timeoutMs: 300,
      maxRetries: 1,
      cooldownMs: 0,
      concurrency: 32,
    });
    const server: RunningServer = await startServer({ port: 0, judges });
    closers.push(() => server.close());
    const [source, a, b] = await Promise.all([40, 120, 200].map((red) => solidPngBase64(red, 24)));
    const images = { source: source as string, candidates: [a as string, b as string] };

    const outcomes = await runTraffic(`${server.url}/v1/rewards`, {
      count: 40,
      concurrency: 8,
      bodyFor: (kind) => rewardsBodyFor(kind, images),
    });
    const tally = tallyTraffic(outcomes);

    expect(tally.statuses.good).toEqual({ 200: 24 });
    expect(tally.statuses["bad-image"]).toEqual({ 200: 4 });
    expect(tally.statuses["bad-json"]).toEqual({ 400: 4 });
    expect(tally.statuses["drop-mid-body"]).toEqual({ dropped: 4 });
    expect(tally.statuses["drop-before-answer"]).toEqual({ dropped: 4 });
    // 28 answered requests × 2 groups × 2 candidates; the first candidate of each bad-image group is not an image.
    const { reward, abstained, silent, errors } = tally.candidates;
    expect(silent).toBe(0);
    expect(reward + abstained + Object.values(errors).reduce((s, n) => s + n, 0)).toBe(112);
    expect(errors.not_an_image).toBe(8);
    expect(reward).toBeGreaterThan(0);
    // The faults did happen, and some reached a candidate as an explicit error rather than a made-up score.
    expect(faults.counts.http500 + faults.counts.http429 + faults.counts.hang).toBeGreaterThan(0);
    expect(Object.keys(errors).length).toBeGreaterThan(1);

    const health = await fetch(`${server.url}/healthz`);
    expect(health.status).toBe(200);
    const metrics = await (await fetch(`${server.url}/metrics`)).text();
    expect(metrics).toMatch(/editjudge_http_requests_total\{route="\/v1\/rewards",status="400"\} \d+/);
    expect(metrics).toMatch(/editjudge_judge_errors_total\{judge="viescore",code="not_an_image"\} \d+/);
    // The failed model-server calls and their retries show in the backend counters.
    const count = (pattern: RegExp) => Number(pattern.exec(metrics)?.[1] ?? Number.NaN);
    expect(count(/editjudge_backend_calls_total\{judge="viescore",outcome="error"\} (\d+)/)).toBeGreaterThan(
      0,
    );
    expect(count(/editjudge_backend_calls_total\{judge="viescore",outcome="ok"\} (\d+)/)).toBeGreaterThan(0);
    expect(count(/editjudge_backend_retries_total\{judge="viescore"\} (\d+)/)).toBeGreaterThan(0);
  });
});
