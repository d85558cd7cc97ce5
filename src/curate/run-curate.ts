import { existsSync, statSync } from "node:fs";
import { resolve } from "node:path";
import { mapWithWorkers } from "../concurrency/map-with-workers.js";
import type { Judge } from "../contract/judge.js";
import { ConfigError } from "../errors/config-error.js";
import { DEFAULT_IMAGE_LIMITS, type ImageLimits } from "../image/image-limits.js";
import { AppendFile } from "./append-file.js";
import { checkCurateInput } from "./check-curate-input.js";
import { checkCurateOptions } from "./check-curate-options.js";
import { checkCuratePaths } from "./check-curate-paths.js";
import { type CurateProgress, CurateState } from "./curate-state.js";
import { type RawRow, readDatasetRows } from "./dataset-rows.js";
import { type JudgedRow, judgeRow, RowStopError } from "./judge-row.js";
import { rowJson } from "./row-json.js";

/** Points where tests (or `EDITJUDGE_CURATE_FAULT`) can simulate a crash. */
export type FaultPoint = "mid-write" | "after-write" | "after-commit";

export interface Shard {
  index: number;
  count: number;
}

export interface CurateOptions {
  input: string;
  /** Kept rows, JSONL. */
  output: string;
  /** Rejected rows with a `reason`, JSONL. Default `<output>.rejects.jsonl`. */
  rejects?: string;
  /** SQLite resume state. Default `<output>.state.sqlite`. */
  statePath?: string;
  judge: Judge;
  minReward: number;
  /** Only rows with index % count === index. */
  shard?: Shard;
  /** Rows per committed batch. Default 16. */
  batchSize?: number;
  /** Rows judged at once. Default 4. */
  concurrency?: number;
  limits?: ImageLimits;
  /** Start over from the first row: outputs and any resume state there are discarded. */
  overwrite?: boolean;
  signal?: AbortSignal;
  /** Called after each committed batch. */
  onProgress?: (progress: CurateProgress) => void;
  onFault?: (point: FaultPoint, batch: number) => void;
}

export interface CurateSummary extends CurateProgress {
  resumed: boolean;
  output: string;
  rejects: string;
}

export function curatePaths(options: Pick<CurateOptions, "output" | "rejects" | "statePath">) {
  return {
    rejects: options.rejects ?? `${options.output}.rejects.jsonl`,
    state: options.statePath ?? `${options.output}.state.sqlite`,
  };
}

/**
 * Streams a dataset through a judge, writing kept rows and rejects; crash-safe and resumable. The settings and the
 * input are checked, and the state's lock taken, before any output is created or truncated.
 */
export async function runCurate(options: CurateOptions): Promise<CurateSummary> {
  const paths = curatePaths(options);
  checkCurateOptions(options);
  const shard = options.shard ?? { index: 0, count: 1 };
  const batchSize = options.batchSize ?? 16;
  const limits = options.limits ?? DEFAULT_IMAGE_LIMITS;
  await checkCurateInput(options.input);
  checkCuratePaths(options.input, { output: options.output, ...paths });
  if (!existsSync(paths.state) && !options.overwrite)
    for (const file of [options.output, paths.rejects])
      if (existsSync(file) && statSync(file).size > 0)
        throw new ConfigError(
          "output",
          `${file} already exists and has no resume state; choose another OUT or pass --overwrite`,
        );
  // Rows resume by position, so the input must be the same file, unchanged (size and modification time).
  const input = statSync(options.input);
  const fingerprint = JSON.stringify({
    input: resolve(options.input),
    output: resolve(options.output),
    rejects: resolve(paths.rejects),
    inputBytes: input.size,
    inputModified: new Date(input.mtimeMs).toISOString(),
    judge: `${options.judge.id}@${options.judge.version}`,
    minReward: options.minReward,
    shard: `${shard.index}/${shard.count}`,
  });
  // The state is the run's lock: open it before the outputs are opened (and cut back to the committed sizes).
  const { state, progress, resumed } = CurateState.open(paths.state, fingerprint, options.overwrite === true);
  const opened: AppendFile[] = [];
  try {
    const kept = new AppendFile(options.output, progress.keptBytes);
    opened.push(kept);
    const rejected = new AppendFile(paths.rejects, progress.rejectedBytes);
    opened.push(rejected);
    if (progress.done) return { ...progress, resumed, output: options.output, rejects: paths.rejects };
    let batch: RawRow[] = [];
    let scanned = progress.nextIndex;
    let batchNo = 0;
    const flush = async () => {
      let judged: JudgedRow[];
      try {
        judged = await judgeAll(batch, options, limits, (row) => state.stopsAt(row));
      } catch (error) {
        if (error instanceof RowStopError) state.recordStop(error.row);
        throw error;
      }
      writeBatch(judged, kept, rejected, progress, () => options.onFault?.("mid-write", batchNo));
      kept.flush();
      rejected.flush();
      options.onFault?.("after-write", batchNo);
      progress.nextIndex = scanned;
      progress.keptBytes = kept.size;
      progress.rejectedBytes = rejected.size;
      state.commit(progress);
      options.onFault?.("after-commit", batchNo);
      options.onProgress?.({ ...progress });
      batch = [];
      batchNo++;
    };
    for await (const raw of readDatasetRows(options.input)) {
      if (raw.index < progress.nextIndex) continue;
      options.signal?.throwIfAborted();
      scanned = raw.index + 1;
      if (raw.index % shard.count === shard.index) batch.push(raw);
      if (batch.length >= batchSize) await flush();
    }
    await flush();
    progress.done = true;
    state.commit(progress);
    return { ...progress, resumed, output: options.output, rejects: paths.rejects };
  } finally {
    for (const file of opened) file.close();
    state.close();
  }
}

function judgeAll(
  rows: readonly RawRow[],
  options: CurateOptions,
  limits: ImageLimits,
  stopsAt: (row: number) => number,
): Promise<JudgedRow[]> {
  // The first row that stops the run stops the others too (no more model calls for a batch that is redone on
  // resume), and the batch ends only when every row has.
  return mapWithWorkers(
    rows,
    options.concurrency ?? 4,
    (row, _index, signal) =>
      judgeRow(row, options.input, options.judge, options.minReward, limits, signal, stopsAt(row.index)),
    options.signal,
  );
}

function writeBatch(
  judged: readonly JudgedRow[],
  kept: AppendFile,
  rejected: AppendFile,
  progress: CurateProgress,
  midWrite: () => void,
): void {
  judged.forEach((row, i) => {
    if (i === Math.floor(judged.length / 2)) midWrite();
    const { decision } = row;
    if (decision.keep) {
      kept.write(
        `${rowJson({ ...row.record, row: row.index, reward: decision.reward, dimensions: row.dimensions })}\n`,
      );
      progress.kept++;
    } else {
      rejected.write(
        `${rowJson({ ...row.record, row: row.index, reward: decision.reward, reason: decision.reason })}\n`,
      );
      progress.rejected++;
    }
  });
}
