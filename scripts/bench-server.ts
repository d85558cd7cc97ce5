// `npm run bench:server [-- --quick]`: load test of the reward server on loopback, bounded in request count and
// time (10-minute hard stop). For each judge (fake = zero work; checks; viescore on a zero-latency fake VLM) a
// fresh server process is started; first the server overhead is measured (sequential p50 over HTTP minus the same
// decode+judge work in-process, alternating the two), then autocannon drives POST /v1/score at concurrency 1, 16
// and 64. /healthz is measured the same way in its own server process. Last, a fault run: /v1/rewards under load
// against a VLM failing 30% of its calls, mixed with malformed and dropped requests. The loopback floor (a server
// that only reads the body and answers after as long as a judge takes) shows what any HTTP server pays here.
import { type ChildProcess, spawn } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createInterface } from "node:readline";
import autocannon from "autocannon";
import { startFakeVlm } from "../src/judges/vlm/test-helpers/judge-fixture.js";
import { createJudges } from "../src/server/start-server.js";
import { fakeJudge } from "../src/server/test-fixtures.js";
import {
  rewardsBodyFor,
  runTraffic,
  type TrafficOutcome,
  tallyTraffic,
} from "../src/server/test-helpers/fault-traffic.js";
import { sharedPath } from "../src/test-helpers/shared-path.js";
import { taggedPng } from "../src/test-helpers/tagged-png.js";
import {
  type BenchInputs,
  benchImages,
  bytesInputs,
  inProcessScore,
  median,
  pairedMedian,
  percentile,
  scoreBody,
  scorePathBody,
  timeAlternating,
  timeSequential,
} from "./lib-server/bench-cases.js";
import { compatBodies } from "./lib-server/compat-bodies.js";
import { keepAlivePoster, serverOwnMs, serverPhaseMs } from "./lib-server/keep-alive-client.js";
import { measureLoopbackFloor } from "./lib-server/loopback-floor.js";

const quick = process.argv.includes("--quick");
const scale = quick ? 0.25 : 1;
const CONCURRENCY = [1, 16, 64];
const children = new Set<ChildProcess>();
process.on("exit", () => {
  for (const c of children) c.kill("SIGTERM");
});
setTimeout(() => {
  process.stderr.write("bench:server: over the 10-minute limit, stopping\n");
  process.exit(1);
}, 10 * 60_000).unref();

async function startChild(
  judge: string,
  imageRoot?: string,
  script = "scripts/lib-server/bench-server-child.ts",
): Promise<{ url: string; bareUrl: string; collectGarbage(): Promise<void>; stop(): void }> {
  const child = spawn(
    process.execPath,
    ["--expose-gc", "--import", "tsx", script, judge, ...(imageRoot ? [imageRoot] : [])],
    {
      stdio: ["ignore", "pipe", "inherit"],
    },
  );
  children.add(child);
  const line = await new Promise<string>((resolve, reject) => {
    createInterface({ input: child.stdout as NodeJS.ReadableStream }).once("line", resolve);
    child.once("exit", (code) => reject(new Error(`server process exited with ${code}`)));
  });
  const urls = JSON.parse(line) as { url: string; bareUrl: string };
  return {
    url: urls.url,
    bareUrl: urls.bareUrl,
    // The child runs a full garbage collection on SIGUSR2, so memory readings after it show what is really kept.
    collectGarbage: async () => {
      child.kill("SIGUSR2");
      await new Promise((resolve) => setTimeout(resolve, 500));
    },
    stop: () => {
      child.kill("SIGTERM");
      children.delete(child);
    },
  };
}

interface Row {
  target: string;
  c: number;
  n: number;
  rps: number;
  p50: number;
  p99: number;
  failed: number;
}
const rows: Row[] = [];
const overhead: Array<{
  judge: string;
  http: number;
  bare: number;
  inProcess: number;
  overhead: number;
  bareOverhead: number;
  own: number;
  around: number;
  failed: number;
}> = [];
let healthP50 = Number.NaN;

async function load(
  target: string,
  url: string,
  c: number,
  amount: number,
  body?: string | Buffer,
): Promise<void> {
  const started = performance.now();
  const r = await autocannon({
    url,
    connections: c,
    amount: Math.max(amount, c),
    timeout: 60,
    ...(body ? { method: "POST", body, headers: { "content-type": "application/octet-stream" } } : {}),
  });
  const seconds = (performance.now() - started) / 1000;
  const row = {
    target,
    c,
    n: r.requests.total,
    rps: r.requests.total / seconds,
    p50: r.latency.p50,
    p99: r.latency.p99,
  };
  rows.push({ ...row, failed: r.errors + r.timeouts + r.non2xx });
  process.stderr.write(`${target} c=${c}: ${row.rps.toFixed(0)} req/s, p50 ${row.p50} ms\n`);
}

const images = await benchImages(sharedPath("photos/kodim01.png"));
const n = quick ? 40 : 200;

{
  const server = await startChild("checks");
  const client = keepAlivePoster(server.url);
  healthP50 = percentile(await timeSequential(n * 5, 50, () => client.get("/healthz")), 50);
  client.close();
  for (const c of CONCURRENCY)
    await load("GET /healthz", `${server.url}/healthz`, c, Math.round((c === 1 ? 4000 : 20000) * scale));
  server.stop();
}

const imageDir = mkdtempSync(join(tmpdir(), "editjudge-bench-"));
process.on("exit", () => rmSync(imageDir, { recursive: true, force: true }));
const paths = { source: join(imageDir, "source.png"), candidate: join(imageDir, "candidate.png") };
writeFileSync(paths.source, images.source);
writeFileSync(paths.candidate, images.candidate);
const small = await benchImages(sharedPath("photos/kodim01.png"), 32);

for (const judgeId of ["fake", "checks", "viescore"]) {
  const server = await startChild(judgeId, imageDir);
  const fake = judgeId === "viescore" ? await startFakeVlm({ viescore: { sc: [8, 6], pq: [9, 4] } }) : null;
  const judges =
    judgeId === "fake"
      ? new Map([["fake", fakeJudge()]])
      : await createJudges(
          [judgeId],
          fake ? { baseUrls: [fake.url], model: "fake-vlm", cache: false, promptVariant: "editjudge" } : {},
        );
  const judge = judges.get(judgeId);
  if (!judge) throw new Error(`judge ${judgeId} not created`);
  const body = scoreBody(judgeId, images);
  // Overhead: one keep-alive connection sending prepared bytes (as a trainer's requests.Session does), against the
  // same decode + judge work called in this process, alternating the two.
  const client = keepAlivePoster(server.url);
  const bareClient = keepAlivePoster(server.bareUrl);
  const cases: Array<{ label: string; body: string; inputs: BenchInputs }> = [
    { label: "256×256 pair as base64 (450 KB body)", body, inputs: bytesInputs(images) },
    {
      label: "256×256 pair by path",
      body: scorePathBody(judgeId, paths),
      inputs: {
        source: { kind: "path", path: paths.source },
        candidate: { kind: "path", path: paths.candidate },
      },
    },
  ];
  if (judgeId === "fake")
    cases.push({
      label: "32×32 pair as base64",
      body: scoreBody(judgeId, small),
      inputs: bytesInputs(small),
    });
  for (const c of cases) {
    const bytes = Buffer.from(c.body);
    let failed = 0;
    const own: number[] = [];
    const around: number[] = [];
    const [httpTimes = [], bareTimes = [], inProcessTimes = []] = await timeAlternating(
      n,
      5,
      async () => {
        const started = performance.now();
        const answer = await client.post("/v1/score", bytes);
        const elapsed = performance.now() - started;
        if (answer.status !== 200) failed++;
        own.push(serverOwnMs(answer.headers));
        around.push(elapsed - serverPhaseMs(answer.headers, "work"));
      },
      async () => {
        if ((await bareClient.post("/v1/score", bytes)).status !== 200) failed++;
      },
      () => inProcessScore(judge, c.inputs).catch(() => {}),
    );
    overhead.push({
      judge: `${judgeId}, ${c.label}`,
      http: median(httpTimes),
      bare: median(bareTimes),
      inProcess: median(inProcessTimes),
      overhead: pairedMedian(httpTimes, inProcessTimes),
      bareOverhead: pairedMedian(bareTimes, inProcessTimes),
      own: median(own),
      around: median(around),
      failed,
    });
  }
  client.close();
  bareClient.close();
  await judge.close?.();
  await fake?.close();
  for (const c of CONCURRENCY)
    await load(
      `POST /v1/score (${judgeId})`,
      `${server.url}/v1/score`,
      c,
      Math.round((c === 1 ? 60 : 200) * scale),
      body,
    );
  server.stop();
}

// Trainer protocols: the same judging work (checks, one 256×256 pair) through /v1/rewards and each adapter route.
// Sequential turns on one keep-alive connection alternate the routes, so each adapter's cost is the p50 of its
// per-turn difference to /v1/rewards; then autocannon at concurrency 1 and 16.
const compatRun = await (async () => {
  const server = await startChild("checks");
  const bodies = compatBodies(images);
  const client = keepAlivePoster(server.url);
  let failed = 0;
  const times = await timeAlternating(
    quick ? 30 : 100,
    5,
    ...bodies.map((b) => async () => {
      if ((await client.post(b.path, b.body)).status !== 200) failed++;
    }),
  );
  client.close();
  const base = times[0] ?? [];
  const sequential = bodies.map((b, k) => ({
    target: b.target,
    p50: median(times[k] ?? []),
    extra: pairedMedian(times[k] ?? [], base),
  }));
  for (const b of bodies)
    for (const c of [1, 16])
      await load(
        `${b.target} (checks)`,
        `${server.url}${b.path}`,
        c,
        Math.round((c === 1 ? 60 : 200) * scale),
        b.body,
      );
  server.stop();
  return { sequential, failed, baseP50: median(base) };
})();

// The floor: a server that only reads the body and answers after as long as the judges take, in another process.
const floorRows = await (async () => {
  const server = await startChild("floor", undefined, "scripts/lib-server/loopback-floor-child.ts");
  const rows = await measureLoopbackFloor(server.url, {
    bodyBytes: [7_800, 450_000],
    waitsMs: [0, 3, 7, 18, 28],
    n: quick ? 30 : 100,
  });
  server.stop();
  return rows;
})();

// Faults under load: /v1/rewards at concurrency 16 against viescore on a VLM where 30% of calls fail, mixed with
// malformed JSON, non-image candidates and clients that hang up mid-body or before the answer.
const faultRun = await (async () => {
  const server = await startChild("viescore-faults");
  const memory = async () => {
    await server.collectGarbage();
    const text = await (await fetch(`${server.url}/metrics`)).text();
    const mib = (name: string) =>
      Number(new RegExp(`^editjudge_${name} (\\S+)`, "m").exec(text)?.[1]) / 2 ** 20;
    return { rss: mib("process_resident_memory_bytes"), heap: mib("nodejs_heap_size_used_bytes") };
  };
  const tiny = await benchImages(sharedPath("photos/kodim01.png"), 64);
  const b64 = (b: Buffer) => b.toString("base64");
  // Every request brings new images (same pixels, distinct bytes), as a trainer's do: caches must not grow.
  const images = (request: number) => ({
    source: b64(taggedPng(tiny.source, `${request} source`)),
    candidates: [0, 1, 2].map((k) =>
      b64(taggedPng(k === 1 ? tiny.source : tiny.candidate, `${request} ${k}`)),
    ),
  });
  const perRound = Math.round(200 * scale); // memory is read after each round
  const memoryAt = [{ after: 0, ...(await memory()) }];
  const outcomes: TrafficOutcome[] = [];
  const started = performance.now();
  for (const round of [1, 2, 3, 4]) {
    const run = await runTraffic(`${server.url}/v1/rewards`, {
      count: perRound,
      concurrency: 16,
      bodyFor: (kind, i) => rewardsBodyFor(kind, images(round * perRound + i)),
    });
    outcomes.push(...run);
    memoryAt.push({ after: round * perRound, ...(await memory()) });
  }
  const seconds = (performance.now() - started) / 1000;
  const health = (await fetch(`${server.url}/healthz`)).status;
  server.stop();
  return { count: 4 * perRound, seconds, tally: tallyTraffic(outcomes), health, memoryAt };
})();

const f = (x: number, d = 2) => x.toFixed(d);
const out = (s: string) => process.stdout.write(s);
out(
  `\nServer benchmark (loopback, ${quick ? "quick" : "full"}; 256×256 PNG pair as base64, "make it brighter")\n\n`,
);
out(
  "| target | concurrency | requests | req/s | p50 ms | p99 ms | failed |\n|---|---:|---:|---:|---:|---:|---:|\n",
);
for (const r of rows)
  out(`| ${r.target} | ${r.c} | ${r.n} | ${f(r.rps, 0)} | ${f(r.p50)} | ${f(r.p99)} | ${r.failed} |\n`);
out(
  "\nOverhead: sequential requests on one keep-alive connection (body sent as prepared bytes) vs the same decode + judge call in-process, taking turns; overhead = p50 of the per-turn differences. " +
    "The bare node:http server does the same work without Hono, validation, metrics, auth or timeouts: its overhead is what loopback HTTP itself costs here. " +
    "Server-side = the server's own time per request from its Server-Timing header (total − work: body, JSON, validation, reply). " +
    "Around the work = each request's round trip minus its Server-Timing `work` (decode + judge) on the same request: what the HTTP path adds, with no comparison across processes.\n",
);
out(
  "\n| judge, request | in-process p50 ms | editjudge serve p50 ms | overhead ms | bare node:http p50 ms | bare overhead ms | server-side p50 ms | around the work p50 ms | failed |\n|---|---:|---:|---:|---:|---:|---:|---:|---:|\n",
);
for (const o of overhead)
  out(
    `| ${o.judge} | ${f(o.inProcess)} | ${f(o.http)} | ${f(o.overhead)} | ${f(o.bare)} | ${f(o.bareOverhead)} | ${f(o.own)} | ${f(o.around)} | ${o.failed} |\n`,
  );
out(`\nGET /healthz sequential p50 (client included): ${f(healthP50, 3)} ms\n`);
out(
  `\nTrainer protocols (checks judge, the 256×256 pair; sequential turns on one keep-alive connection, alternating the routes; extra = p50 of the per-turn difference to /v1/rewards; ${compatRun.failed} failed; throughput rows above):\n\n| route | sequential p50 ms | extra vs /v1/rewards, ms | extra, % of /v1/rewards |\n|---|---:|---:|---:|\n`,
);
for (const r of compatRun.sequential)
  out(`| ${r.target} | ${f(r.p50)} | ${f(r.extra)} | ${f((100 * r.extra) / compatRun.baseP50, 1)} |\n`);
out(
  "\nLoopback floor: a bare node:http server in its own process that reads the body and answers a tiny JSON after waiting w ms, idle (a timer) or busy (spinning), and does nothing else; p50 of round trip − w on one keep-alive connection. " +
    "w spans the in-process times above (fake 3–7 ms, viescore ~18 ms, checks ~28 ms). " +
    "Where it goes (busy server), from clock stamps both processes take: to server = client starts the request → server's handler starts; body = handler start → body read; to client = server writes the answer → client sees its headers.\n\n" +
    "| body | w ms | idle: round trip − w, ms | busy: round trip − w, ms | busy: to server | body | to client |\n|---|---:|---:|---:|---:|---:|---:|\n",
);
for (const idle of floorRows.filter((r) => !r.busy)) {
  const busy = floorRows.find((r) => r.busy && r.bodyBytes === idle.bodyBytes && r.waitMs === idle.waitMs);
  const parts = busy
    ? [busy.floorMs, busy.parts.toServer, busy.parts.body, busy.parts.toClient].map((x) => f(x))
    : [];
  out(
    `| ${(idle.bodyBytes / 1000).toFixed(1)} KB | ${idle.waitMs} | ${f(idle.floorMs)} | ${parts.join(" | ")} |\n`,
  );
}
out(
  `\nFaults under load: ${faultRun.count} POST /v1/rewards (2 groups × 3 candidates of 64×64, new images in every request) at concurrency 16 in ${f(faultRun.seconds, 1)} s; viescore on a fake VLM failing 30% of calls (500, 429, no answer; 1 s call timeout, 2 retries)\n\n`,
);
out("| request kind | answers |\n|---|---|\n");
for (const [kind, statuses] of Object.entries(faultRun.tally.statuses))
  out(
    `| ${kind} | ${Object.entries(statuses)
      .map(([status, n]) => `${n}× ${status}`)
      .join(", ")} |\n`,
  );
const cands = faultRun.tally.candidates;
out(
  `\nCandidates answered: ${cands.reward} with a reward, ${cands.abstained} abstained with a reason, ${Object.entries(
    cands.errors,
  )
    .map(([code, n]) => `${n} ${code}`)
    .join(", ")} as explicit errors, ${cands.silent} silent. ` +
    `GET /healthz afterwards: ${faultRun.health}. Server memory after a full GC: ${faultRun.memoryAt.map((m) => `${f(m.heap, 0)} MiB heap / ${f(m.rss, 0)} MiB RSS after ${m.after}`).join("; ")} requests (viescore keeps up to 32 MiB of encoded prompt images for reuse).\n`,
);
process.exit(0);
