import { existsSync, statSync } from "node:fs";
import { resolve } from "node:path";
import { mapWithWorkers } from "../concurrency/map-with-workers.js";
import type { Judge } from "../contract/judge.js";
import { ConfigError } from "../errors/config-error.js";
import { DEFAULT_IMAGE_LIMITS, type ImageLimits } from "../image/image-limits.js";
import { type DecodeSlots, decodeSlots } from "../image/prepare-case.js";
import { carriedColumns } from "./carried-columns.js";
import { checkCurateInput } from "./check-curate-input.js";
import { checkCurateOptions } from "./check-curate-options.js";
import { checkCuratePaths } from "./check-curate-paths.js";
import { type CurateProgress, CurateState } from "./curate-state.js";
import { type RawRow, readDatasetRows } from "./dataset-rows.js";
import { JsonlSink } from "./jsonl-sink.js";
import { type JudgedRow, judgeRow, RowStopError } from "./judge-row.js";
import { type OutputKind, ParquetColumns } from "./parquet-columns.js";
import { ParquetSink } from "./parquet-sink.js";
import type { RowSink } from "./row-sink.js";

/**
 * Points where tests (or `EDITJUDGE_CURATE_FAULT`) can simulate a crash: `mid-write` half-way through adding a
 * batch's rows (JSONL has written them, Parquet still buffers them), `between-files` once OUT's part of the batch
 * is on disk but not the rejects' part, `after-write` once both are, `after-commit` once the state records it,
 * `before-end` once the files are ended (Parquet's footers) but the state does not yet record the end.
 */
export type FaultPoint = "mid-write" | "between-files" | "after-write" | "after-commit" | "before-end";

export interface Shard {
  index: number;
  count: number;
}

export interface CurateOptions {
  input: string;
  /** Kept rows: Parquet when named `.parquet`, else JSONL. */
  output: string;
  /** Rejected rows with a `reason`, Parquet or JSONL by its name. Default `<output>.rejects.jsonl` (or `.parquet`). */
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

/** Outputs named `.parquet` are written as Parquet, all others as JSONL. */
export function isParquet(path: string): boolean {
  return /\.parquet$/i.test(path);
}

export function curatePaths(options: Pick<CurateOptions, "output" | "rejects" | "statePath">) {
  return {
    rejects:
      options.rejects ?? `${options.output}.rejects.${isParquet(options.output) ? "parquet" : "jsonl"}`,
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
  // The rows judged at once decode through shared slots: memory follows the cores, not --concurrency.
  const decoding = { limits, slots: decodeSlots() };
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
  const opened: RowSink[] = [];
  try {
    // A Parquet file has one schema, so the input fields it carries are known before its first row.
    const carried =
      !progress.done && (isParquet(options.output) || isParquet(paths.rejects))
        ? await carriedColumns(options.input)
        : { carried: [], mask: false };
    const open = (label: string, path: string, kind: OutputKind, bytes: number, rows: number): RowSink => {
      const committed = { bytes, rows, done: progress.done };
      const sink = isParquet(path)
        ? new ParquetSink(
            label,
            path,
            { ...committed, rowGroups: state.rowGroups(kind) },
            paths.state,
            new ParquetColumns(kind, carried, options.input),
          )
        : new JsonlSink(label, path, committed, paths.state);
      opened.push(sink);
      return sink;
    };
    const kept = open("OUT", options.output, "kept", progress.keptBytes, progress.kept);
    const rejected = open("--rejects", paths.rejects, "rejects", progress.rejectedBytes, progress.rejected);
    if (progress.done) return { ...progress, resumed, output: options.output, rejects: paths.rejects };
    let batch: RawRow[] = [];
    let scanned = progress.nextIndex;
    let batchNo = 0;
    const flush = async () => {
      let judged: JudgedRow[];
      try {
        judged = await judgeAll(batch, options, decoding, (row) => state.stopsAt(row));
      } catch (error) {
        if (error instanceof RowStopError) state.recordStop(error.row);
        throw error;
      }
      writeBatch(judged, kept, rejected, progress, () => options.onFault?.("mid-write", batchNo));
      const keptPart = kept.commit();
      options.onFault?.("between-files", batchNo);
      const rejectedPart = rejected.commit();
      options.onFault?.("after-write", batchNo);
      progress.nextIndex = scanned;
      progress.keptBytes = keptPart.bytes;
      progress.rejectedBytes = rejectedPart.bytes;
      state.commit(progress, [
        ...(keptPart.rowGroup ? [{ file: "kept", meta: keptPart.rowGroup }] : []),
        ...(rejectedPart.rowGroup ? [{ file: "rejects", meta: rejectedPart.rowGroup }] : []),
      ]);
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
    // The last rows, if any were read since the last commit (else that commit already said all there is).
    if (batch.length > 0 || scanned > progress.nextIndex) await flush();
    // Parquet's footer; a crash before the state records the end cuts it off again and the rerun rewrites it.
    progress.keptBytes = kept.finish();
    progress.rejectedBytes = rejected.finish();
    options.onFault?.("before-end", batchNo);
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
  decoding: { limits: ImageLimits; slots: DecodeSlots },
  stopsAt: (row: number) => number,
): Promise<JudgedRow[]> {
  // The first row that stops the run stops the others too (no more model calls for a batch that is redone on
  // resume), and the batch ends only when every row has.
  return mapWithWorkers(
    rows,
    options.concurrency ?? 4,
    (row, _index, signal) =>
      judgeRow(row, options.input, options.judge, options.minReward, decoding, signal, stopsAt(row.index)),
    options.signal,
  );
}

function writeBatch(
  judged: readonly JudgedRow[],
  kept: RowSink,
  rejected: RowSink,
  progress: CurateProgress,
  midWrite: () => void,
): void {
  judged.forEach((row, i) => {
    if (i === Math.floor(judged.length / 2)) midWrite();
    const { decision } = row;
    const written = { index: row.index, record: row.record, reward: decision.reward };
    if (decision.keep) {
      kept.add({ ...written, dimensions: row.dimensions });
      progress.kept++;
    } else {
      rejected.add({ ...written, reason: decision.reason ?? "" });
      progress.rejected++;
    }
  });
}
