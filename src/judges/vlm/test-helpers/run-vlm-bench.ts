/**
 * Measures the VLM judges against in-process fake servers (no model):
 *   1. client-side overhead per judgment (p50, p99 ms) against a zero-latency fake server, and
 *      upstream calls per candidate, per judge;
 *   2. a fault-injected run: 200 candidates, 30% of calls failing (500, 429, timeouts).
 * Run: npx tsx src/judges/vlm/test-helpers/run-vlm-bench.ts
 */
import { readdirSync } from "node:fs";
import { join } from "node:path";
import { OpenAiChatClient } from "../../../backends/openai-chat-client.js";
import { startFakeOpenAiServer } from "../../../backends/test-helpers/fake-openai-server.js";
import { withFaults } from "../../../backends/test-helpers/with-faults.js";
import { resolveConfig } from "../../../config/resolve-config.js";
import type { PreparedCase } from "../../../contract/edit-case.js";
import type { Judge } from "../../../contract/judge.js";
import { prepareCase } from "../../../image/prepare-case.js";
import { sharedPath } from "../../../test-helpers/shared-path.js";
import { ChecksJudge } from "../../checks/checks-judge.js";
import { HybridJudge } from "../../hybrid/hybrid-judge.js";
import { EditScoreJudge } from "../editscore-judge.js";
import { FirmJudge } from "../firm-judge.js";
import { LogitJudge } from "../logit-judge.js";
import { PairwiseJudge } from "../pairwise-judge.js";
import { RubricJudge } from "../rubric-judge.js";
import { VieScoreJudge } from "../viescore-judge.js";
import { VlmRuntime } from "../vlm-runtime.js";
import { type FakeVlmScript, fakeVlm } from "./fake-vlm.js";
import { preparedCase } from "./judge-fixture.js";

const PHOTOS = sharedPath("photos");
const SCRIPT: FakeVlmScript = {
  viescore: { sc: [8, 6], pq: [9, 4] },
  editscore: [{ sc: [20, 15], pq: [22, 10] }],
  split: { follow: ["the sky is purple"], keep: ["the rest is unchanged"], quality: ["no artifacts"] },
  digits: [0, 0, 0.1, 0.2, 0.3, 0.4],
  firm: { execution: 4, consistency: 3 },
  pairwise: () => "A>B",
};
const JUDGES: Record<string, (rt: VlmRuntime) => Judge> = {
  viescore: (rt) => new VieScoreJudge(rt),
  editscore: (rt) => new EditScoreJudge(rt),
  "editscore --passes 4": (rt) => new EditScoreJudge(rt),
  rubric: (rt) => new RubricJudge(rt),
  logit: (rt) => new LogitJudge(rt),
  firm: (rt) => new FirmJudge(rt),
  pairwise: (rt) => new PairwiseJudge(rt),
  hybrid: (rt) => new HybridJudge(new ChecksJudge(), rt),
};

const pct = (xs: number[], p: number): number => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))] ?? Number.NaN;
};

async function overhead(photos: PreparedCase): Promise<void> {
  console.log(
    "judge                  calls/cand  wall p50  p99  cpu p50  p99 ms (per candidate judgment, photos, cache off)",
  );
  for (const [name, make] of Object.entries(JUDGES)) {
    const server = await startFakeOpenAiServer(fakeVlm(SCRIPT));
    const client = new OpenAiChatClient({ baseUrls: [server.url], model: "fake-vlm" });
    const passes = name.includes("passes") ? 4 : 1;
    const rt = new VlmRuntime(client, resolveConfig({ explicit: { cache: false, passes } }));
    const judge = make(rt);
    const per = name === "pairwise" ? 2 : 1;
    await rt.capabilities();
    const times: number[] = [];
    const cpu: number[] = [];
    const rounds = 60;
    for (let i = 0; i < rounds; i++) {
      const k = (i * per) % (photos.candidates.length - per + 1);
      const edit: PreparedCase = { ...photos, candidates: photos.candidates.slice(k, k + per) };
      const t0 = performance.now();
      const c0 = process.cpuUsage();
      await judge.judge(edit);
      const c = process.cpuUsage(c0);
      cpu.push((c.user + c.system) / 1000 / per);
      times.push((performance.now() - t0) / per);
    }
    const calls = (server.calls.length - 1) / (rounds * per);
    console.log(
      `${name.padEnd(22)} ${calls.toFixed(2).padStart(10)}  ${[pct(times, 50), pct(times, 99), pct(cpu, 50), pct(cpu, 99)].map((x) => x.toFixed(1).padStart(7)).join(" ")}`,
    );
    await judge.close?.();
    await server.close();
  }
}

async function faults(): Promise<void> {
  const f = withFaults(fakeVlm(SCRIPT), { rate: 0.3, seed: 7 });
  const server = await startFakeOpenAiServer(f.handler);
  const maxRetries = 3;
  const client = new OpenAiChatClient({
    baseUrls: [server.url],
    model: "fake-vlm",
    timeoutMs: 1000,
    concurrency: 32,
    retry: { maxRetries, initialDelayMs: 10, maxDelayMs: 100 },
  });
  const judge = new VieScoreJudge(new VlmRuntime(client, resolveConfig({ explicit: { cache: false } })));
  const t0 = performance.now();
  const result = await judge.judge(await preparedCase(200));
  const scored = result.candidates.filter((c) => c.reward !== null).length;
  const errored = result.candidates.filter((c) => c.error).length;
  const defaulted = result.candidates.filter((c) => c.reward === null && !c.error).length;
  console.log(
    `\nfault injection (viescore, 200 candidates, 30% failing: 500/429/hang, maxRetries ${maxRetries}, timeout 1 s):`,
  );
  console.log(`  scored ${scored}, explicit error ${errored}, neither ${defaulted}`);
  console.log(
    `  logical calls ${client.stats.calls}, tries ${client.stats.tries} (bound ${client.stats.calls * (maxRetries + 1)}), retries ${client.stats.retries}, gave up ${client.stats.failures}`,
  );
  console.log(
    `  injected: ${JSON.stringify(f.counts)}; wall ${((performance.now() - t0) / 1000).toFixed(1)} s`,
  );
  await server.close();
}

const files = readdirSync(PHOTOS)
  .filter((f) => f.endsWith(".png"))
  .sort();
const photos = await prepareCase({
  source: { kind: "path", path: join(PHOTOS, files[0] ?? "") },
  instruction: "make the sky purple",
  candidates: files.slice(1).map((f) => ({ kind: "path", path: join(PHOTOS, f) })),
});
await overhead(photos);
await faults();
