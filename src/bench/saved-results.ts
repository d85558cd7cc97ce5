import { writeFile } from "node:fs/promises";
import { parquetWriteBuffer } from "hyparquet-writer";
import type { Vote4 } from "./bench-item.js";
import type { BenchRun } from "./run-bench.js";

/** One item's outcome as `bench --save-results` writes it (and `--stored` reads it back). */
export interface SavedResult {
  id: string;
  judge: string | null;
  rewards?: Array<number | null>;
  vote?: Vote4 | null;
  error?: string;
}

/** The registry judge's per-item rewards (or votes) of a run. */
export function savedResults(run: BenchRun): SavedResult[] {
  const registry = run.runs.find((r) => r.report.source === "registry");
  return [...(registry?.predictions ?? new Map()).entries()].map(([id, p]) => ({
    id,
    judge: registry?.report.judge ?? null,
    ...(p.kind === "scores" ? { rewards: p.scores } : { vote: p.vote }),
    ...(p.kind === "scores" && p.error ? { error: p.error } : {}),
  }));
}

/**
 * Writes saved results as JSONL, or as Parquet when the file is named `.parquet`: columns `id`, `judge`,
 * `rewards` (a list of doubles, null entries for candidates without a reward), `vote` and `error`.
 */
export async function writeSavedResults(path: string, results: readonly SavedResult[]): Promise<void> {
  if (!/\.parquet$/i.test(path)) {
    const lines = results.map((r) => JSON.stringify(r));
    await writeFile(path, lines.length > 0 ? `${lines.join("\n")}\n` : "");
    return;
  }
  const optional = "OPTIONAL" as const;
  const text = { type: "BYTE_ARRAY" as const, converted_type: "UTF8" as const, repetition_type: optional };
  const buffer = parquetWriteBuffer({
    columnData: [
      { name: "id", data: results.map((r) => r.id) },
      { name: "judge", data: results.map((r) => r.judge) },
      { name: "rewards", data: results.map((r) => r.rewards ?? null) },
      { name: "vote", data: results.map((r) => r.vote ?? null) },
      { name: "error", data: results.map((r) => r.error ?? null) },
    ],
    schema: [
      { name: "schema", num_children: 5 },
      { name: "id", ...text, repetition_type: "REQUIRED" },
      { name: "judge", ...text },
      { name: "rewards", repetition_type: optional, converted_type: "LIST", num_children: 1 },
      { name: "list", repetition_type: "REPEATED", num_children: 1 },
      { name: "element", type: "DOUBLE", repetition_type: optional },
      { name: "vote", ...text },
      { name: "error", ...text },
    ],
    statistics: false,
    createdBy: "editjudge bench",
  });
  await writeFile(path, Buffer.from(buffer));
}
