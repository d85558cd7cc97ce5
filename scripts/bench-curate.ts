// `npm run bench:curate [-- --quick]`: runs the real `editjudge curate` CLI (from dist/) on generated datasets of
// two sizes, as JSONL with image paths and as Parquet with embedded image bytes (row groups of 200), and samples
// the process's resident memory every 100 ms. The judge is viescore on a zero-latency fake VLM served from this
// process, so the numbers show curate's own cost: throughput, and memory that must not grow with the row count.
import { spawn } from "node:child_process";
import { mkdtempSync, rmSync, statSync, writeFileSync } from "node:fs";
import { mkdir } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parquetWriteFile } from "hyparquet-writer";
import { startFakeOpenAiServer } from "../src/backends/test-helpers/fake-openai-server.js";
import { fakeVlm } from "../src/judges/vlm/test-helpers/fake-vlm.js";
import { sharedPath } from "../src/test-helpers/shared-path.js";
import { taggedPng } from "../src/test-helpers/tagged-png.js";
import { benchImages } from "./lib-server/bench-cases.js";
import { rssMiB } from "./lib-server/process-rss.js";

const quick = process.argv.includes("--quick");
const SIZES = process.env.ROWS ? [Number(process.env.ROWS)] : quick ? [500, 2000] : [2000, 8000];
const PHOTOS = sharedPath("photos");
const dir = mkdtempSync(join(tmpdir(), "editjudge-bench-curate-"));
if (!process.env.KEEP) process.on("exit", () => rmSync(dir, { recursive: true, force: true }));
else process.stderr.write(`bench:curate: files kept in ${dir}\n`);

// Eight sources and their brightened edits, 48×48, reused across rows.
await mkdir(join(dir, "img"));
const pairs: Array<{ source: string; edited: string; sourceBytes: Buffer; editedBytes: Buffer }> = [];
for (let k = 1; k <= 8; k++) {
  const { source: sourceBytes, candidate: editedBytes } = await benchImages(
    join(PHOTOS, `kodim0${k}.png`),
    48,
  );
  const source = `img/s${k}.png`;
  const edited = `img/e${k}.png`;
  writeFileSync(join(dir, source), sourceBytes);
  writeFileSync(join(dir, edited), editedBytes);
  pairs.push({ source, edited, sourceBytes, editedBytes });
}
const pairAt = (i: number) => pairs[i % pairs.length] as (typeof pairs)[number];

function writeJsonl(rows: number): string {
  const path = join(dir, `rows-${rows}.jsonl`);
  const lines: string[] = [];
  for (let i = 0; i < rows; i++) {
    const p = pairAt(i);
    lines.push(
      JSON.stringify({ id: i, source: p.source, instruction: "make it brighter", edited: p.edited }),
    );
  }
  writeFileSync(path, `${lines.join("\n")}\n`);
  return path;
}

/** Embedded bytes, each row's images made unique (so the column cannot be dictionary-encoded) and about 8 KB. */
async function writeParquet(rows: number): Promise<string> {
  const path = join(dir, `rows-${rows}.parquet`);
  const padding = "x".repeat(6000);
  const range = Array.from({ length: rows }, (_, i) => pairAt(i));
  parquetWriteFile({
    filename: path,
    rowGroupSize: 200,
    columnData: [
      {
        name: "source",
        data: range.map((p, i) => taggedPng(p.sourceBytes, `row ${i} ${padding}`)),
        type: "BYTE_ARRAY",
      },
      { name: "instruction", data: range.map(() => "make it brighter"), type: "STRING" },
      {
        name: "edited",
        data: range.map((p, i) => taggedPng(p.editedBytes, `row ${i} ${padding}`)),
        type: "BYTE_ARRAY",
      },
    ],
  });
  return path;
}

const vlm = await startFakeOpenAiServer(fakeVlm({ viescore: { sc: [8, 6], pq: [9, 4] } }), { record: false });
const config = join(dir, "config.json");
writeFileSync(
  config,
  // The fake model answers the own-worded prompts' JSON; the original form would need the reference files.
  JSON.stringify({
    baseUrls: [vlm.url],
    model: "fake-vlm",
    cache: false,
    concurrency: 32,
    promptVariant: "editjudge",
  }),
);

interface Run {
  input: string;
  rows: number;
  bytes: number;
  seconds: number;
  quartiles: number[];
  peak: number;
  summary: string;
}

async function curate(input: string, rows: number): Promise<Run> {
  const output = join(dir, `out-${rows}-${input.endsWith(".parquet") ? "pq" : "jl"}.jsonl`);
  const started = performance.now();
  const child = spawn(
    process.execPath,
    [
      "bin/editjudge.js",
      "curate",
      input,
      output,
      "--judge",
      "viescore",
      "--config",
      config,
      "--min-reward",
      "0.45",
      "--batch-size",
      "32",
      "--concurrency",
      "16",
    ],
    { stdio: ["ignore", "pipe", "pipe"] },
  );
  const samples: number[] = [];
  const timer = setInterval(() => {
    const rss = child.pid === undefined ? null : rssMiB(child.pid);
    if (rss !== null) samples.push(rss);
  }, 100);
  let stdout = "";
  let stderr = "";
  child.stdout.on("data", (chunk: Buffer) => {
    stdout += chunk.toString();
  });
  child.stderr.on("data", (chunk: Buffer) => {
    stderr = (stderr + chunk.toString()).slice(-2000);
  });
  const code = await new Promise<number | null>((resolve) => child.once("exit", resolve));
  clearInterval(timer);
  if (code !== 0) throw new Error(`curate exited with ${code}: ${stderr}`);
  const at = (q: number) =>
    samples[Math.min(samples.length - 1, Math.floor(q * samples.length))] ?? Number.NaN;
  return {
    input: input.endsWith(".parquet") ? "Parquet, embedded bytes" : "JSONL, image paths",
    rows,
    bytes: statSync(input).size,
    seconds: (performance.now() - started) / 1000,
    quartiles: [0.25, 0.5, 0.75].map(at),
    peak: Math.max(...samples),
    summary: stdout.trim(),
  };
}

const runs: Run[] = [];
for (const rows of SIZES) {
  runs.push(await curate(writeJsonl(rows), rows));
  process.stderr.write(`bench:curate: JSONL ${rows} rows done\n`);
  runs.push(await curate(await writeParquet(rows), rows));
  process.stderr.write(`bench:curate: Parquet ${rows} rows done\n`);
}
await vlm.close();

const out = (s: string) => process.stdout.write(s);
out(
  `\nCurate benchmark (${quick ? "quick" : "full"}): editjudge curate --judge viescore on a zero-latency fake VLM, 48×48 PNG pairs (Parquet: each image made unique and ~8 KB), --min-reward 0.45 (every row kept, so every row is written), --batch-size 32 --concurrency 16\n\n`,
);
out(
  "| input | rows | file MB | seconds | rows/s | RSS at 25% / 50% / 75% of the run, MiB | peak RSS MiB | result |\n|---|---:|---:|---:|---:|---|---:|---|\n",
);
for (const r of runs)
  out(
    `| ${r.input} | ${r.rows} | ${(r.bytes / 2 ** 20).toFixed(1)} | ${r.seconds.toFixed(1)} | ${(r.rows / r.seconds).toFixed(0)} | ${r.quartiles.map((x) => x.toFixed(0)).join(" / ")} | ${r.peak.toFixed(0)} | ${r.summary.replace(/ → .*/, "")} |\n`,
  );
process.exit(0);
