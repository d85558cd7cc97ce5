import { basename } from "node:path";
import { InputError } from "../../errors/input-error.js";
import type { JudgePrediction } from "../bench-item.js";
import { cellText } from "./cells.js";
import { genaiJudgeName } from "./genai-bench-votes.js";
import { readJsonRecords } from "./read-jsonl.js";
import { readParquetRows } from "./read-parquet-rows.js";
import { readViescoreOutputs, viescoreJudgeName } from "./viescore-outputs.js";
import { parseModelVote } from "./vote4.js";

const rewardList = (v: unknown): Array<number | null> | null =>
  Array.isArray(v) ? v.map((x) => (typeof x === "number" && Number.isFinite(x) ? x : null)) : null;

/**
 * Reads stored judge outputs, detecting the shape from the first record:
 * - EditJudge results JSONL: `{"id", "result": JudgeResult}` or `{"id", "rewards": [...]}`
 *   (what `editjudge bench --save-results` writes; also as Parquet with those columns);
 * - GenAI-Bench: `{"idx", "model_vote"}`;
 * - VIEScore-style: `{"uid", "model", "SC": [...], "PQ": [...]}` (item id `uid::model`).
 */
export async function readStoredOutputs(
  path: string,
): Promise<{ judge: string; predictions: Map<string, JudgePrediction> }> {
  const records = /\.parquet$/i.test(path)
    ? (await readParquetRows(path)).map((value, i) => ({ line: i + 1, value }))
    : await readJsonRecords(path);
  const first = records[0]?.value as Record<string, unknown> | undefined;
  if (first && "SC" in first && "PQ" in first)
    return { judge: viescoreJudgeName(path), predictions: await readViescoreOutputs(path) };
  const predictions = new Map<string, JudgePrediction>();
  let judge: string | null = null;
  for (const { line, value } of records) {
    const row = value as Record<string, unknown>;
    if ("model_vote" in row) {
      const raw = cellText(row.model_vote);
      const id = cellText(row.idx ?? row.id);
      if (id === null) throw new InputError(path, `${path}:${line}: expected "idx" beside "model_vote"`);
      predictions.set(
        id,
        raw === null ? { kind: "vote", vote: null } : { kind: "vote", vote: parseModelVote(raw), raw },
      );
      judge ??= genaiJudgeName(path);
      continue;
    }
    const id = cellText(row.id);
    const result = row.result as
      | { candidates?: Array<{ reward?: unknown }>; judge?: { id?: unknown } }
      | undefined;
    const rewards = rewardList(row.rewards) ?? rewardList(result?.candidates?.map((c) => c.reward ?? null));
    if (id === null || rewards === null) {
      throw new InputError(
        path,
        `${path}:${line}: expected {"id","rewards":[…]} or {"id","result":JudgeResult}`,
      );
    }
    const error = cellText(row.error);
    predictions.set(
      id,
      error ? { kind: "scores", scores: rewards, error } : { kind: "scores", scores: rewards },
    );
    judge ??= cellText(row.judge) ?? cellText(result?.judge?.id) ?? basename(path).replace(/\.jsonl?$/, "");
  }
  return { judge: judge ?? basename(path), predictions };
}
