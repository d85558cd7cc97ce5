/**
 * Speed of a judge (default: checks) on 768×512 photos: candidates per second end to end, the share of
 * time spent decoding (prepareCase) versus judging, and per-candidate mean and p95 latency.
 *
 *   npm run bench:speed [-- --judge checks --content off|auto --cases 8 --per-case 5 --rounds 3]
 *
 * Per-candidate time = its judging time (between the judge's progress callbacks; an equal share of the
 * case's judging time when the judge reports no progress) plus an equal share of its case's decoding.
 */
import { readdir } from "node:fs/promises";
import { availableParallelism, loadavg } from "node:os";
import { basename, extname, join, resolve } from "node:path";
import { parseArgs } from "node:util";
import { prepareCase } from "../src/image/prepare-case.js";
import { findJudge } from "../src/judges/registry.js";
import { loadRaw, type RawImage } from "./lib/raw-image.js";
import { buildSpeedCases, type SpeedCase } from "./lib/speed-cases.js";

function fail(message: string): never {
  process.stderr.write(`bench-speed: ${message}\n`);
  process.exit(2);
}

const { values } = parseArgs({
  options: {
    judge: { type: "string", default: "checks" },
    /** `checks` only: "off" measures the pixel checks alone, "auto" adds the content models (OCR, detector, faces). */
    content: { type: "string", default: "off" },
    cases: { type: "string", default: "8" },
    "per-case": { type: "string", default: "5" },
    rounds: { type: "string", default: "3" },
    photos: { type: "string", default: resolve(import.meta.dirname, "../../shared/photos") },
  },
});
const count = Number(values.cases);
const perCase = Number(values["per-case"]);
const rounds = Number(values.rounds);
for (const [name, v] of [
  ["cases", count],
  ["per-case", perCase],
  ["rounds", rounds],
] as const)
  if (!Number.isInteger(v) || v < 1) fail(`--${name} must be a positive integer`);
const photoDir = resolve(values.photos);
if (/(^|\/)eval(\/|$)/.test(photoDir))
  fail(`${photoDir}: the eval photos are reserved; use ../shared/photos`);

interface CaseTiming {
  decodeMs: number;
  judgeMs: number;
  perCandidateMs: number[];
  nullRewards: number;
}

async function timeCase(
  judge: Awaited<ReturnType<ReturnType<typeof findJudge>["create"]>>,
  c: SpeedCase,
): Promise<CaseTiming> {
  const t0 = performance.now();
  const prepared = await prepareCase({
    source: { kind: "bytes", ...c.source },
    instruction: c.instruction,
    candidates: c.candidates.map((x) => ({ kind: "bytes" as const, ...x })),
  });
  const t1 = performance.now();
  const marks: number[] = [];
  const result = await judge.judge(prepared, { onProgress: () => marks.push(performance.now()) });
  const t2 = performance.now();
  const n = c.candidates.length;
  const decodeShare = (t1 - t0) / n;
  const judging =
    marks.length === n
      ? marks.map((m, i) => m - (i === 0 ? t1 : (marks[i - 1] as number)))
      : Array<number>(n).fill((t2 - t1) / n);
  return {
    decodeMs: t1 - t0,
    judgeMs: t2 - t1,
    perCandidateMs: judging.map((ms) => ms + decodeShare),
    nullRewards: result.candidates.filter((r) => r.reward === null).length,
  };
}

function percentile(values: readonly number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil(p * sorted.length) - 1)] ?? 0;
}

async function main(): Promise<void> {
  const files = (await readdir(photoDir)).filter((f) => /^kodim.*\.png$/i.test(f)).sort();
  const photos: Array<{ name: string; raw: RawImage }> = [];
  for (const file of files) {
    const raw = await loadRaw(join(photoDir, file));
    if (raw.width === 768 && raw.height === 512) photos.push({ name: basename(file, extname(file)), raw });
  }
  if (photos.length < 2) fail(`${photoDir}: need at least two 768×512 kodim*.png photos`);
  const cases = await buildSpeedCases(photos, count, perCase);
  const total = cases.reduce((s, c) => s + c.candidates.length, 0);
  const entry = findJudge(values.judge);
  const judge = await entry.create({
    settings: values.judge === "checks" ? { content: values.content } : {},
  });
  try {
    for (const c of cases) await timeCase(judge, c); // warm-up: lazy loads, JIT
    const timings: CaseTiming[] = [];
    const started = performance.now();
    const cpuStart = process.cpuUsage();
    for (let r = 0; r < rounds; r++) for (const c of cases) timings.push(await timeCase(judge, c));
    const wallMs = performance.now() - started;
    const cpu = process.cpuUsage(cpuStart);
    const cpuMs = (cpu.user + cpu.system) / 1000;
    const decodeMs = timings.reduce((s, t) => s + t.decodeMs, 0);
    const judgeMs = timings.reduce((s, t) => s + t.judgeMs, 0);
    const per = timings.flatMap((t) => t.perCandidateMs);
    const report = {
      judge: judge.id,
      version: judge.version,
      photos: "768x512",
      cases: cases.length,
      candidates: total,
      rounds,
      candidatesPerSecond: Math.round(((total * rounds) / (wallMs / 1000)) * 10) / 10,
      decodeShare: Math.round((decodeMs / (decodeMs + judgeMs)) * 1000) / 1000,
      judgeShare: Math.round((judgeMs / (decodeMs + judgeMs)) * 1000) / 1000,
      meanMs: Math.round((per.reduce((s, v) => s + v, 0) / per.length) * 100) / 100,
      p95Ms: Math.round(percentile(per, 0.95) * 100) / 100,
      /** Throughput per second of CPU time (all threads): robust to other load on the machine. */
      candidatesPerCpuSecond: Math.round(((total * rounds) / (cpuMs / 1000)) * 10) / 10,
      wallMs: Math.round(wallMs),
      cpuMs: Math.round(cpuMs),
      decodeMs: Math.round(decodeMs),
      judgeMs: Math.round(judgeMs),
      nullRewards: timings.reduce((s, t) => s + t.nullRewards, 0),
      cores: availableParallelism(),
      loadAverage1m: Math.round((loadavg()[0] ?? 0) * 100) / 100,
    };
    const row = (label: string, value: string) => process.stdout.write(`${label.padEnd(28)} ${value}\n`);
    process.stdout.write(
      `judge ${report.judge} ${report.version}: ${total} candidates (${cases.length} cases of ${perCase}) × ${rounds} rounds on 768×512 photos, after one warm-up round\n`,
    );
    row("candidates/s (end to end)", report.candidatesPerSecond.toFixed(1));
    row("candidates per CPU-second", report.candidatesPerCpuSecond.toFixed(1));
    row("decoding (prepareCase)", `${(report.decodeShare * 100).toFixed(1)}%  (${report.decodeMs} ms)`);
    row("judging", `${(report.judgeShare * 100).toFixed(1)}%  (${report.judgeMs} ms)`);
    row("per candidate mean", `${report.meanMs.toFixed(2)} ms`);
    row("per candidate p95", `${report.p95Ms.toFixed(2)} ms`);
    if (report.nullRewards > 0) row("null rewards (abstained)", `${report.nullRewards} of ${total * rounds}`);
    if (report.loadAverage1m > report.cores)
      row(
        "warning",
        `load average ${report.loadAverage1m} on ${report.cores} cores: other work skews these numbers`,
      );
    process.stdout.write(`${JSON.stringify(report)}\n`);
  } finally {
    await judge.close?.();
  }
}

main().catch((error: unknown) =>
  fail(error instanceof Error ? (error.stack ?? error.message) : String(error)),
);
