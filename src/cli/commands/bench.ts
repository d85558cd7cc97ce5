import type { Command } from "commander";
import { BENCH_FORMATS, type BenchFormat } from "../../bench/formats/read-dataset.js";
import { type BenchRun, benchJson, benchRows, runBench } from "../../bench/run-bench.js";
import { savedResults, writeSavedResults } from "../../bench/saved-results.js";
import { checkSettings } from "../../config/check-settings.js";
import { ConfigError } from "../../errors/config-error.js";
import { DEFAULT_IMAGE_LIMITS } from "../../image/image-limits.js";
import { renderBenchText } from "../../report/render-bench-text.js";
import { writeBenchReport } from "../../report/write-bench-report.js";
import { startProgressBar } from "./bench-progress-bar.js";

interface BenchCliOptions {
  format: string;
  judge?: string;
  settings?: string;
  stored?: string[];
  store: string | false;
  seed: string;
  bootstrap: string;
  tieThreshold: string;
  concurrency: string;
  json?: boolean;
  rows?: boolean;
  report?: string;
  saveResults?: string;
}

const number = (name: string, value: string, integer = false, min = Number.NEGATIVE_INFINITY) => {
  const n = Number(value);
  if (!Number.isFinite(n) || (integer && !Number.isInteger(n)) || n < min) {
    const kind = integer ? "an integer" : "a number";
    throw new ConfigError(
      name,
      `--${name} must be ${kind}${min > Number.NEGATIVE_INFINITY ? ` ≥ ${min}` : ""}, got "${value}"`,
    );
  }
  return n;
};

/** The --settings object, checked against the settings judges read (the keys and ranges of `score`, and `workers`). */
function parseSettings(text: string | undefined): Record<string, unknown> {
  if (!text) return {};
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {}
  if (!parsed || typeof parsed !== "object" || Array.isArray(parsed))
    throw new ConfigError("settings", `--settings must be a JSON object, e.g. '{"passes":3}', got ${text}`);
  const settings = parsed as Record<string, unknown>;
  checkSettings(settings, "--settings", ["workers"]);
  return settings;
}

/** Items the registry judge could not judge (unreadable images, a failed call): they count as abstained. */
function reportFailedItems(run: BenchRun): void {
  const failed = run.runs
    .filter((r) => r.report.source === "registry")
    .flatMap((r) =>
      [...r.predictions].flatMap(([id, p]) =>
        p.kind === "scores" && p.error ? [{ id, error: p.error }] : [],
      ),
    );
  if (failed.length === 0) return;
  const shown = 5;
  process.stderr.write(
    `editjudge bench: ${failed.length} of ${run.dataset.items.length} items could not be judged and count as abstained; fix them and rerun (judged items are reused from the store):\n`,
  );
  for (const f of failed.slice(0, shown)) process.stderr.write(`  ${f.id}: ${f.error}\n`);
  if (failed.length > shown)
    process.stderr.write(`  … and ${failed.length - shown} more (--json --rows lists every one)\n`);
  process.exitCode = 1;
}

export function registerBench(program: Command): void {
  program
    .command("bench")
    .description(
      "measure judges against human preferences (EditJudge JSONL, GenAI-Bench, EditReward-Bench, EditScore, ImagenHub, HF Parquet)",
    )
    .argument("<inputs...>", "benchmark file(s) or directory; see docs/benchmarks.md")
    .option("-f, --format <format>", `one of ${Object.keys(BENCH_FORMATS).join(", ")}, auto`, "auto")
    .option(
      "-j, --judge <id>",
      "registry judge to run on the items (default: checks, unless the data has stored judge outputs)",
    )
    .option("--settings <json>", "judge settings as a JSON object")
    .option(
      "--stored <files...>",
      "stored judge outputs: results JSONL, GenAI-Bench votes or VIEScore SC/PQ JSONL",
    )
    .option(
      "--store <path>",
      "SQLite judgment store, so an interrupted run resumes",
      ".editjudge/bench-judgments.sqlite",
    )
    .option("--no-store", "do not read or write the judgment store")
    .option("--seed <n>", "bootstrap RNG seed", "1")
    .option("--bootstrap <n>", "bootstrap resamples for the 95% intervals", "1000")
    .option("--tie-threshold <x>", "rewards → 4-class votes: |Δreward| ≤ x is a tie", "0")
    .option("--concurrency <n>", "items judged at once (helps judges that call a model server)", "1")
    .option("--json", "print every number as JSON")
    .option("--rows", "with --json, include every item's outcome")
    .option("--report <out.html>", "write a self-contained HTML report")
    .option(
      "--save-results <out.jsonl>",
      "write the registry judge's per-item rewards, JSONL or .parquet (readable with --stored)",
    )
    .action(async (inputs: string[], opts: BenchCliOptions) => {
      const progress = process.stderr.isTTY ? startProgressBar(process.stderr) : undefined;
      const settings = parseSettings(opts.settings);
      let run: Awaited<ReturnType<typeof runBench>>;
      try {
        run = await runBench({
          inputs,
          format: opts.format as BenchFormat | "auto",
          ...(opts.judge ? { judgeId: opts.judge } : {}),
          settings,
          ...(typeof settings.maxPixels === "number"
            ? { limits: { ...DEFAULT_IMAGE_LIMITS, maxPixels: settings.maxPixels } }
            : {}),
          stored: opts.stored ?? [],
          storePath: opts.store === false ? null : opts.store,
          seed: number("seed", opts.seed, true),
          iterations: number("bootstrap", opts.bootstrap, true, 0),
          tieThreshold: number("tie-threshold", opts.tieThreshold, false, 0),
          concurrency: number("concurrency", opts.concurrency, true, 1),
          ...(progress ? { onProgress: progress.update } : {}),
        });
      } finally {
        progress?.stop();
      }
      reportFailedItems(run);
      if (opts.saveResults) await writeSavedResults(opts.saveResults, savedResults(run));
      if (opts.report) await writeBenchReport(run, opts.report);
      if (opts.json) {
        const json = benchJson(run);
        if (opts.rows) {
          // One judge: the original array of rows; several: rows by judge.
          const only = run.runs.length === 1 ? run.runs[0] : undefined;
          json.rows = only
            ? benchRows(run, only)
            : Object.fromEntries(run.runs.map((r) => [r.report.judge, benchRows(run, r)]));
        }
        process.stdout.write(`${JSON.stringify(json, null, 2)}\n`);
        return;
      }
      process.stdout.write(renderBenchText(run));
    });
}
