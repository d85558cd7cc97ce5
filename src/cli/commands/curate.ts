import { SingleBar } from "cli-progress";
import type { Command } from "commander";
import { resolveConfig } from "../../config/resolve-config.js";
import { countJsonlRows } from "../../curate/count-jsonl-rows.js";
import { countRows } from "../../curate/dataset-rows.js";
import { type FaultPoint, runCurate, type Shard } from "../../curate/run-curate.js";
import { ConfigError } from "../../errors/config-error.js";
import { findJudge } from "../../judges/registry.js";

interface CurateCliOptions {
  judge: string;
  minReward: string;
  rejects?: string;
  state?: string;
  shard?: string;
  batchSize: string;
  concurrency: string;
  overwrite?: boolean;
  config?: string;
  baseUrl?: string[];
  model?: string;
}

function parseShard(raw: string | undefined): Shard | undefined {
  if (raw === undefined) return undefined;
  const m = /^(\d+)\/(\d+)$/.exec(raw);
  const index = Number(m?.[1]);
  const count = Number(m?.[2]);
  if (!m || count < 1 || index >= count)
    throw new ConfigError("shard", `--shard "${raw}" must be i/n with 0 ≤ i < n, e.g. 0/4`);
  return { index, count };
}

function positive(name: string, raw: string): number {
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 1)
    throw new ConfigError(name, `--${name} "${raw}" must be a positive integer`);
  return n;
}

/** EDITJUDGE_CURATE_FAULT=point:batch kills the process with SIGKILL there (crash tests). */
function faultHook(raw: string | undefined): ((point: FaultPoint, batch: number) => void) | undefined {
  const m = /^(mid-write|after-write|after-commit):(\d+)$/.exec(raw ?? "");
  if (!m) return undefined;
  return (point, batch) => {
    if (point === m[1] && batch === Number(m[2])) process.kill(process.pid, "SIGKILL");
  };
}

export function registerCurate(program: Command): void {
  program
    .command("curate")
    .description(
      "filter a JSONL or Parquet dataset of (source, instruction, edited) rows by reward; resumable",
    )
    .argument(
      "<in>",
      "dataset: .jsonl (image paths relative to it, or data URLs) or .parquet (paths or image bytes)",
    )
    .argument("<out>", "kept rows, JSONL (rejects go to <out>.rejects.jsonl, state to <out>.state.sqlite)")
    .requiredOption(
      "--min-reward <r>",
      "keep rows whose reward is ≥ r; null rewards are rejected as abstained",
    )
    .option("-j, --judge <id>", "judge to use", "checks")
    .option("--rejects <file>", "rejected rows with reasons")
    .option("--state <file>", "SQLite resume state")
    .option("--shard <i/n>", "process only rows with index % n == i")
    .option("--batch-size <n>", "rows per committed batch", "16")
    .option("--concurrency <n>", "rows judged at once", "4")
    .option("--overwrite", "start over even if OUT exists without a resume state")
    .option("--config <file>", "JSON config file with judge/backend settings")
    .option("--base-url <url...>", "OpenAI-compatible backend URL(s) for VLM judges")
    .option("--model <name>", "backend model name for VLM judges")
    .action(async (input: string, output: string, opts: CurateCliOptions) => {
      const minReward = Number(opts.minReward);
      if (!Number.isFinite(minReward))
        throw new ConfigError("min-reward", `--min-reward "${opts.minReward}" must be a number`);
      const settings = resolveConfig({
        explicit: { baseUrls: opts.baseUrl, model: opts.model },
        ...(opts.config ? { configFile: opts.config } : {}),
        env: process.env,
      });
      const judge = await findJudge(opts.judge).create({ settings });
      const tty = process.stderr.isTTY === true;
      const total = tty ? ((await countRows(input)) ?? (await countJsonlRows(input))) : null;
      const bar = tty
        ? new SingleBar({ format: "curate {bar} {value}/{total} rows | kept {kept} rejected {rejected}" })
        : null;
      bar?.start(total ?? 0, 0, { kept: 0, rejected: 0 });
      const shard = parseShard(opts.shard);
      const fault = faultHook(process.env.EDITJUDGE_CURATE_FAULT);
      try {
        const summary = await runCurate({
          input,
          output,
          judge,
          minReward,
          batchSize: positive("batch-size", opts.batchSize),
          concurrency: positive("concurrency", opts.concurrency),
          ...(opts.rejects ? { rejects: opts.rejects } : {}),
          ...(opts.state ? { statePath: opts.state } : {}),
          ...(shard ? { shard } : {}),
          ...(opts.overwrite ? { overwrite: true } : {}),
          ...(fault ? { onFault: fault } : {}),
          onProgress: (p) => {
            if (bar) bar.update(p.nextIndex, { kept: p.kept, rejected: p.rejected });
            else
              process.stderr.write(
                `curate: committed rows < ${p.nextIndex} (kept ${p.kept}, rejected ${p.rejected})\n`,
              );
          },
        });
        bar?.stop();
        process.stdout.write(
          `${summary.resumed ? "resumed; " : ""}kept ${summary.kept}, rejected ${summary.rejected} → ${summary.output}, ${summary.rejects}\n`,
        );
      } finally {
        bar?.stop();
        await judge.close?.();
      }
    });
}
