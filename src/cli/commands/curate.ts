import { SingleBar } from "cli-progress";
import type { Command } from "commander";
import { checkCurateInput } from "../../curate/check-curate-input.js";
import { countJsonlRows } from "../../curate/count-jsonl-rows.js";
import { type FaultPoint, runCurate, type Shard } from "../../curate/run-curate.js";
import { ConfigError } from "../../errors/config-error.js";
import { EditJudgeError } from "../../errors/editjudge-error.js";
import { DEFAULT_IMAGE_LIMITS } from "../../image/image-limits.js";
import { findJudge } from "../../judges/registry.js";
import { addBackendFlags, backendConfigFrom } from "../backend-flags.js";

interface CurateCliOptions {
  judge: string;
  minReward: string;
  rejects?: string;
  state?: string;
  shard?: string;
  batchSize: string;
  concurrency: string;
  overwrite?: boolean;
}

function parseShard(raw: string | undefined): Shard | undefined {
  if (raw === undefined) return undefined;
  const m = /^\s*(\d+)\/(\d+)\s*$/.exec(raw);
  const index = Number(m?.[1]);
  const count = Number(m?.[2]);
  if (!m || count < 1 || index >= count)
    throw new ConfigError(
      "shard",
      `--shard "${raw}" must be i/n with 0 ≤ i < n (shards are numbered from 0), e.g. 0/4 … 3/4`,
    );
  return { index, count };
}

/** A decimal number such as 0.6, -1 or 1e-3; Number() alone would read "" and " " as 0 and accept "0x1". */
function decimal(name: string, raw: string, example: string): number {
  if (raw.trim().length === 0)
    throw new ConfigError(name, `--${name} is empty; give a number, e.g. --${name} ${example}`);
  const n = Number(raw);
  if (!/^\s*[+-]?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?\s*$/i.test(raw) || !Number.isFinite(n))
    throw new ConfigError(name, `--${name} "${raw}" is not a number; give one such as --${name} ${example}`);
  return n;
}

/** A reward threshold: rewards are in [0, 1], so one outside would keep every row or none. */
function reward(name: string, raw: string, example: string): number {
  const n = decimal(name, raw, example);
  if (n < 0 || n > 1)
    throw new ConfigError(
      name,
      `--${name} ${raw} is outside 0–1, the range of rewards, so it would keep every row or none; give one such as --${name} ${example}`,
    );
  return n;
}

function positive(name: string, raw: string, example: string): number {
  const n = decimal(name, raw, example);
  if (!Number.isInteger(n) || n < 1)
    throw new ConfigError(name, `--${name} "${raw}" must be a positive integer, e.g. --${name} ${example}`);
  return n;
}

/** EDITJUDGE_CURATE_FAULT=point:batch kills the process with SIGKILL there (crash tests). */
function faultHook(raw: string | undefined): ((point: FaultPoint, batch: number) => void) | undefined {
  const m = /^(mid-write|between-files|after-write|after-commit|before-end):(\d+)$/.exec(raw ?? "");
  if (!m) return undefined;
  return (point, batch) => {
    if (point === m[1] && batch === Number(m[2])) process.kill(process.pid, "SIGKILL");
  };
}

/** Backend flags curate does not take: its --concurrency is rows judged at once. */
const BACKEND_FLAGS_NOT_HERE = ["concurrency"] as const;

export function registerCurate(program: Command): void {
  const command = program
    .command("curate")
    .description(
      "filter a JSONL or Parquet dataset of (source, instruction, edited) rows by reward; resumable",
    )
    .argument(
      "<in>",
      "dataset: .jsonl (image paths relative to it, or data URLs) or .parquet (paths or image bytes)",
    )
    .argument(
      "<out>",
      "kept rows: .parquet (images as {bytes, path}) or JSONL; rejects go to <out>.rejects.jsonl (.parquet), state to <out>.state.sqlite",
    )
    .requiredOption(
      "--min-reward <r>",
      "keep rows whose reward is ≥ r; null rewards are rejected as abstained",
    )
    .option("-j, --judge <id>", "judge to use", "checks")
    .option("--rejects <file>", "rejected rows with reasons (Parquet when named .parquet)")
    .option("--state <file>", "SQLite resume state")
    .option("--shard <i/n>", "process only rows with index % n == i")
    .option("--batch-size <n>", "rows per committed batch", "16")
    .option("--concurrency <n>", "rows judged at once", "4")
    .option("--overwrite", "start over from the first row, discarding OUT, its rejects and its resume state");
  // The backend's --concurrency (calls in flight) would clash with curate's own: set it in --config instead.
  addBackendFlags(command, BACKEND_FLAGS_NOT_HERE);
  command.action(async (input: string, output: string, opts: CurateCliOptions, cmd: Command) => {
    // Everything that can be refused is checked before the judge exists: a judge runs worker threads that
    // would keep the process alive after an error.
    const minReward = reward("min-reward", opts.minReward, "0.6");
    const batchSize = positive("batch-size", opts.batchSize, "16");
    const concurrency = positive("concurrency", opts.concurrency, "4");
    const shard = parseShard(opts.shard);
    const fault = faultHook(process.env.EDITJUDGE_CURATE_FAULT);
    const dataset = await checkCurateInput(input);
    const settings = backendConfigFrom(cmd, process.env, BACKEND_FLAGS_NOT_HERE);
    const judge = await findJudge(opts.judge).create({ settings });
    const tty = process.stderr.isTTY === true;
    const bar = tty
      ? new SingleBar({ format: "curate {bar} {value}/{total} rows | kept {kept} rejected {rejected}" })
      : null;
    // Ctrl-C or a SIGTERM stops the run after the rows in flight, with the bar closed (it turns line wrapping off
    // while drawn) and the judge's workers ended; a second one stops at once. Committed rows stay.
    const interrupted = new AbortController();
    const interrupt = (signal: NodeJS.Signals) => {
      if (interrupted.signal.aborted) process.exit(130);
      bar?.stop();
      process.stderr.write(
        `curate: ${signal}, stopping; the batch in progress is redone on resume (again to stop at once)\n`,
      );
      interrupted.abort(
        new EditJudgeError(
          "interrupted",
          `interrupted by ${signal}; the committed rows are kept: rerun the same command to resume`,
        ),
      );
    };
    process.on("SIGINT", interrupt);
    process.on("SIGTERM", interrupt);
    try {
      const total = tty ? (dataset.rows ?? (await countJsonlRows(input))) : null;
      bar?.start(total ?? 0, 0, { kept: 0, rejected: 0 });
      const summary = await runCurate({
        input,
        output,
        judge,
        minReward,
        batchSize,
        concurrency,
        limits: { ...DEFAULT_IMAGE_LIMITS, maxPixels: settings.maxPixels },
        ...(opts.rejects ? { rejects: opts.rejects } : {}),
        ...(opts.state ? { statePath: opts.state } : {}),
        ...(shard ? { shard } : {}),
        ...(opts.overwrite ? { overwrite: true } : {}),
        ...(fault ? { onFault: fault } : {}),
        signal: interrupted.signal,
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
    } catch (error) {
      throw interrupted.signal.aborted ? interrupted.signal.reason : error;
    } finally {
      process.off("SIGINT", interrupt);
      process.off("SIGTERM", interrupt);
      bar?.stop();
      await judge.close?.();
    }
  });
}
