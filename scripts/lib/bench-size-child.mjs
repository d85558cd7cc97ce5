// Child of scripts/bench-speed.ts: judges the cases of one image size and prints one JSON line (time per
// candidate, judging alone, decoding share, CPU per candidate, the bare libvips decode's CPU, peak RSS). Plain JavaScript on the built package (dist/), so the
// process is what a user of the CLI runs: no TypeScript loader in it or in its worker threads.
//
//   node scripts/lib/bench-size-child.mjs --dir DIR --side N [--judge checks --content off --rounds 1]
import { readFileSync } from "node:fs";
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { parseArgs } from "node:util";
import sharp from "sharp";
import { nearestRankPercentile, timeJudgeCase } from "../../dist/bench/time-judge-case.js";
import { findJudge } from "../../dist/judges/registry.js";

/**
 * This process's own peak RSS (worker threads included). On Linux it is the memory map's high-water mark
 * (VmHWM), which starts at this program's exec: `resourceUsage().maxRSS` would also count the parent's pages at
 * the fork, when the parent holds the built cases. Elsewhere, maxRSS.
 */
function peakRssMiB() {
  try {
    const hwm = /^VmHWM:\s+(\d+) kB$/m.exec(readFileSync("/proc/self/status", "utf8"));
    if (hwm) return Math.round(Number(hwm[1]) / 1024);
  } catch {
    // not Linux
  }
  return Math.round(process.resourceUsage().maxRSS / 1024);
}

const { values } = parseArgs({
  options: {
    dir: { type: "string" },
    side: { type: "string" },
    judge: { type: "string", default: "checks" },
    content: { type: "string", default: "off" },
    rounds: { type: "string", default: "1" },
  },
});
const dir = values.dir ?? "";
/** @type {Array<{ instruction: string, source: string, candidates: string[] }>} */
const manifest = JSON.parse(await readFile(join(dir, "cases.json"), "utf8"));
// Files, as the CLI and curate pass them: each is read while it is decoded (and counts as decoding), so the peak
// is the judge's and its caller's, not this benchmark's storage.
const file = (name) => ({ kind: "path", path: join(dir, name) });
const timed = (m) => ({
  instruction: m.instruction,
  source: file(m.source),
  candidates: m.candidates.map(file),
});
const judge = await findJudge(values.judge).create({
  settings: values.judge === "checks" ? { content: values.content } : {},
});
/** CPU milliseconds (every thread of this process) that `run` takes. */
async function cpuMs(run) {
  const before = process.cpuUsage();
  await run();
  const used = process.cpuUsage(before);
  return (used.user + used.system) / 1000;
}

/**
 * The floor no judge can go under: each image of the cases decoded to raw pixels by libvips alone, one at a time
 * (no hashing, no analysis), in CPU ms per candidate, the source's decode shared by its candidates as in judging.
 */
async function bareDecodeCpuMs() {
  let total = 0;
  let candidates = 0;
  for (const m of manifest) {
    for (const name of [m.source, ...m.candidates])
      total += await cpuMs(() => sharp(join(dir, name), { limitInputPixels: false }).raw().toBuffer());
    candidates += m.candidates.length;
  }
  return total / candidates;
}

try {
  await timeJudgeCase(judge, timed(manifest[0])); // warm-up
  const timings = [];
  const cpu = await cpuMs(async () => {
    for (let r = 0; r < Number(values.rounds); r++)
      for (const m of manifest) timings.push(await timeJudgeCase(judge, timed(m)));
  });
  // The peaks before the bare decodes below, which hold images of their own.
  const maxRssMiB = peakRssMiB();
  const maxRssSinceForkMiB = Math.round(process.resourceUsage().maxRSS / 1024);
  const bareDecode = await bareDecodeCpuMs();
  const per = timings.flatMap((t) => t.perCandidateMs);
  const decodeMs = timings.reduce((s, t) => s + t.decodeMs, 0);
  const judgeMs = timings.reduce((s, t) => s + t.judgeMs, 0);
  const round = (x, places) => Math.round(x * 10 ** places) / 10 ** places;
  const report = {
    side: Number(values.side),
    candidates: per.length,
    meanMs: round(per.reduce((s, v) => s + v, 0) / per.length, 1),
    p95Ms: round(nearestRankPercentile(per, 0.95), 1),
    judgeMs: round(judgeMs / per.length, 1),
    decodeShare: round(decodeMs / (decodeMs + judgeMs), 3),
    cpuMs: round(cpu / per.length, 1),
    bareDecodeCpuMs: round(bareDecode, 1),
    maxRssMiB,
    maxRssSinceForkMiB,
    nullRewards: timings.reduce((s, t) => s + t.nullRewards, 0),
  };
  process.stdout.write(`${JSON.stringify(report)}\n`);
} finally {
  await judge.close?.();
}
