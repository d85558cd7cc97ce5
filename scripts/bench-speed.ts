/**
 * Speed of a judge (default: checks) on 768×512 photos: candidates per second end to end, the share of
 * time spent decoding (prepareCase) versus judging, and per-candidate mean and p95 latency. Then, per image size
 * (default 512², 1024², 2048², 4096²: the photos resized to N×N, written as PNG files), time per candidate, the
 * judging alone, CPU per candidate against the floor of decoding the files with libvips alone, and the peak RSS of
 * a process that only judges that size: the parent builds the cases and writes
 * them to a temporary directory; each size is judged by `lib/bench-size-child.mjs` in its own process on the built
 * package (dist/, as the CLI runs), so neither building, another size nor a TypeScript loader hides in its peak;
 * worker threads count, they share the process.
 *
 *   npm run bench:speed [-- --judge checks --content off|auto --cases 8 --per-case 5 --rounds 3]
 *   npm run bench:speed -- --sizes 512,1024,2048,4096 --size-cases 2 --size-rounds 1   (--sizes none: skip)
 *   npm run bench:speed -- --sizes 1024,4096 --size-format jpeg   (the sizes' files as JPEG, quality 92)
 *   npm run bench:speed -- --in-flight 4 --sizes none   (4 cases judged at once, as curate --concurrency 4 does)
 *
 * Per-candidate time = its judging time (between the judge's progress callbacks; an equal share of the
 * case's judging time when the judge reports no progress) plus an equal share of its case's decoding.
 */
import { execFile } from "node:child_process";
import { existsSync } from "node:fs";
import { mkdtemp, readdir, rm, writeFile } from "node:fs/promises";
import { availableParallelism, loadavg, tmpdir } from "node:os";
import { basename, extname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs, promisify } from "node:util";
import sharp from "sharp";
import {
  type CaseTiming,
  nearestRankPercentile,
  type TimedCase,
  timeJudgeCase,
} from "../src/bench/time-judge-case.js";
import { mapWithWorkers } from "../src/concurrency/map-with-workers.js";
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
    /** Cases judged at once in the 768×512 run (1: one after the other; curate and bench run several). */
    "in-flight": { type: "string", default: "1" },
    photos: { type: "string", default: resolve(import.meta.dirname, "../../shared/photos") },
    /** Image sizes (N for N×N) measured after the 768×512 run, each in a child process; "none" skips them. */
    sizes: { type: "string", default: "512,1024,2048,4096" },
    "size-cases": { type: "string", default: "2" },
    "size-rounds": { type: "string", default: "1" },
    /** The files the sizes are judged from: "png" (as built) or "jpeg" (every image re-encoded at quality 92). */
    "size-format": { type: "string", default: "png" },
  },
});
const count = Number(values.cases);
const perCase = Number(values["per-case"]);
const rounds = Number(values.rounds);
const inFlight = Number(values["in-flight"]);
for (const [name, v] of [
  ["cases", count],
  ["per-case", perCase],
  ["rounds", rounds],
  ["in-flight", inFlight],
] as const)
  if (!Number.isInteger(v) || v < 1) fail(`--${name} must be a positive integer`);
if (!["png", "jpeg"].includes(values["size-format"])) fail("--size-format must be png or jpeg");
const photoDir = resolve(values.photos);
if (/(^|\/)eval(\/|$)/.test(photoDir))
  fail(`${photoDir}: the eval photos are reserved; use ../shared/photos`);

function inMemory(c: SpeedCase): TimedCase {
  return {
    instruction: c.instruction,
    source: { kind: "bytes", ...c.source },
    candidates: c.candidates.map((x) => ({ kind: "bytes" as const, ...x })),
  };
}

async function loadPhotos(): Promise<Array<{ name: string; raw: RawImage }>> {
  const files = (await readdir(photoDir)).filter((f) => /^kodim.*\.png$/i.test(f)).sort();
  const photos: Array<{ name: string; raw: RawImage }> = [];
  for (const file of files) {
    const raw = await loadRaw(join(photoDir, file));
    if (raw.width === 768 && raw.height === 512) photos.push({ name: basename(file, extname(file)), raw });
  }
  if (photos.length < 2) fail(`${photoDir}: need at least two 768×512 kodim*.png photos`);
  return photos;
}

/** The photos resized (Lanczos) to side × side. */
async function resized(
  photos: ReadonlyArray<{ name: string; raw: RawImage }>,
  side: number,
): Promise<Array<{ name: string; raw: RawImage }>> {
  return Promise.all(
    photos.map(async (p) => {
      const data = await sharp(p.raw.data, { raw: { width: p.raw.width, height: p.raw.height, channels: 3 } })
        .resize(side, side, { fit: "fill", kernel: "lanczos3" })
        .raw()
        .toBuffer();
      return { name: p.name, raw: { width: side, height: side, data: new Uint8Array(data) } };
    }),
  );
}

interface SizeReport {
  side: number;
  candidates: number;
  meanMs: number;
  p95Ms: number;
  /** Judging alone (no decoding), per candidate. */
  judgeMs: number;
  decodeShare: number;
  /** CPU ms per candidate (every thread), decoding and judging. */
  cpuMs: number;
  /** CPU ms per candidate of decoding the images with libvips alone, one at a time: the floor of `cpuMs`. */
  bareDecodeCpuMs: number;
  /** The child's own peak RSS (VmHWM on Linux, from its exec). */
  maxRssMiB: number;
  /** getrusage's peak, which on Linux also counts the parent's pages at the fork (for comparison). */
  maxRssSinceForkMiB: number;
  nullRewards: number;
}

/** Writes `side`×`side` cases to a fresh directory (cases.json), so the measuring child does not build them. */
async function writeSizeCases(side: number): Promise<string> {
  const photos = await resized((await loadPhotos()).slice(0, 4), side);
  const cases = await buildSpeedCases(photos, Number(values["size-cases"]), perCase);
  const dir = await mkdtemp(join(tmpdir(), `bench-speed-${side}-`));
  const jpeg = values["size-format"] === "jpeg";
  const files = async (x: { name: string; bytes: Uint8Array }, k: string) => {
    const name = jpeg ? `${k}-${basename(x.name, extname(x.name))}.jpg` : `${k}-${x.name}`;
    const bytes = jpeg ? await sharp(x.bytes).jpeg({ quality: 92 }).toBuffer() : x.bytes;
    await writeFile(join(dir, name), bytes);
    return name;
  };
  const manifest = await Promise.all(
    cases.map(async (c, i) => ({
      family: c.family,
      instruction: c.instruction,
      source: await files(c.source, `${i}`),
      candidates: await Promise.all(c.candidates.map((x, k) => files(x, `${i}-${k}`))),
    })),
  );
  await writeFile(join(dir, "cases.json"), JSON.stringify(manifest));
  return dir;
}

const run = promisify(execFile);

/** The child that judges one size: plain JavaScript on the built package, as the CLI runs. */
const SIZE_CHILD = fileURLToPath(new URL("./lib/bench-size-child.mjs", import.meta.url));
const BUILT = fileURLToPath(new URL("../dist/bench/time-judge-case.js", import.meta.url));

/** Runs each size in a child process on the built package and prints a table. */
async function measureSizes(sides: readonly number[]): Promise<void> {
  if (!existsSync(BUILT)) fail("the image sizes run on the built package: run `npm run build` first");
  const pass = ["--judge", values.judge, "--content", values.content, "--rounds", values["size-rounds"]];
  const reports: SizeReport[] = [];
  for (const side of sides) {
    const dir = await writeSizeCases(side);
    const { stdout } = await run(
      process.execPath,
      [SIZE_CHILD, ...pass, "--side", String(side), "--dir", dir],
      {
        maxBuffer: 1 << 20,
      },
    );
    await rm(dir, { recursive: true, force: true });
    const line = stdout.trim().split("\n").pop() ?? "";
    reports.push(JSON.parse(line) as SizeReport);
  }
  const base = reports.find((r) => r.side === 1024);
  process.stdout.write(
    `\nper image size (N×N ${values["size-format"].toUpperCase()} files, ${values["size-cases"]} cases of ${perCase} × ${values["size-rounds"]} rounds, each size in its own process):\n`,
  );
  process.stdout.write(
    `${"size".padEnd(12)}${"ms/candidate".padStart(14)}${"p95 ms".padStart(10)}${"× 1024²".padStart(10)}${"decoding".padStart(10)}${"judging ms".padStart(12)}${"× 1024²".padStart(10)}${"CPU ms".padStart(10)}${"× 1024²".padStart(10)}${"bare decode".padStart(13)}${"peak RSS".padStart(12)}\n`,
  );
  const times = (x: number, of: number | undefined) => (of ? (x / of).toFixed(2) : "–");
  for (const r of reports) {
    process.stdout.write(
      `${`${r.side}×${r.side}`.padEnd(12)}${r.meanMs.toFixed(1).padStart(14)}${r.p95Ms.toFixed(1).padStart(10)}${times(r.meanMs, base?.meanMs).padStart(10)}${`${(r.decodeShare * 100).toFixed(0)}%`.padStart(10)}${r.judgeMs.toFixed(1).padStart(12)}${times(r.judgeMs, base?.judgeMs).padStart(10)}${r.cpuMs.toFixed(1).padStart(10)}${times(r.cpuMs, base?.cpuMs).padStart(10)}${r.bareDecodeCpuMs.toFixed(1).padStart(13)}${`${r.maxRssMiB} MiB`.padStart(12)}\n`,
    );
  }
  // Time follows CPU on a fixed number of cores, so the time ratio cannot go under this CPU floor: the large size's
  // bare decode (which grows with its pixels) plus what 1024² spends beyond its own bare decode.
  for (const r of reports) {
    if (!base || r.side <= base.side) continue;
    const floor = r.bareDecodeCpuMs + base.cpuMs - base.bareDecodeCpuMs;
    process.stdout.write(
      `CPU floor at ${r.side}²: its bare decode ${r.bareDecodeCpuMs.toFixed(1)} ms + 1024²'s other ${(base.cpuMs - base.bareDecodeCpuMs).toFixed(1)} ms = ${floor.toFixed(1)} ms per candidate, ${times(floor, base.cpuMs)}× 1024²'s ${base.cpuMs.toFixed(1)} ms\n`,
    );
  }
  process.stdout.write(`${JSON.stringify({ sizes: reports })}\n`);
}

async function main(): Promise<void> {
  const photos = await loadPhotos();
  const cases = await buildSpeedCases(photos, count, perCase);
  const total = cases.reduce((s, c) => s + c.candidates.length, 0);
  const entry = findJudge(values.judge);
  const judge = await entry.create({
    settings: values.judge === "checks" ? { content: values.content } : {},
  });
  try {
    for (const c of cases) await timeJudgeCase(judge, inMemory(c)); // warm-up: lazy loads, JIT
    const timings: CaseTiming[] = [];
    const started = performance.now();
    const cpuStart = process.cpuUsage();
    const order = Array.from({ length: rounds }, () => cases).flat();
    timings.push(...(await mapWithWorkers(order, inFlight, (c) => timeJudgeCase(judge, inMemory(c)))));
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
      inFlight,
      candidatesPerSecond: Math.round(((total * rounds) / (wallMs / 1000)) * 10) / 10,
      decodeShare: Math.round((decodeMs / (decodeMs + judgeMs)) * 1000) / 1000,
      judgeShare: Math.round((judgeMs / (decodeMs + judgeMs)) * 1000) / 1000,
      meanMs: Math.round((per.reduce((s, v) => s + v, 0) / per.length) * 100) / 100,
      p95Ms: Math.round(nearestRankPercentile(per, 0.95) * 100) / 100,
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
      `judge ${report.judge} ${report.version}: ${total} candidates (${cases.length} cases of ${perCase}) × ${rounds} rounds on 768×512 photos, ${inFlight === 1 ? "one case at a time" : `${inFlight} cases at once (decoding and judging overlap: their shares and per-candidate times include waiting)`}, after one warm-up round\n`,
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
  const sides = values.sizes === "none" ? [] : values.sizes.split(",").map(Number);
  if (sides.some((n) => !Number.isInteger(n) || n < 64))
    fail("--sizes must be a list of integers ≥ 64, or none");
  if (sides.length > 0) await measureSizes(sides);
}

main().catch((error: unknown) =>
  fail(error instanceof Error ? (error.stack ?? error.message) : String(error)),
);
