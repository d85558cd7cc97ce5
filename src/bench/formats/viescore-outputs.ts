import { basename } from "node:path";
import { InputError } from "../../errors/input-error.js";
import type { JudgePrediction } from "../bench-item.js";
import { cellText } from "./cells.js";
import { readJsonRecords } from "./read-jsonl.js";

/** "viescore-gpt4o_0shot.jsonl" → "viescore-gpt4o_0shot". */
export const viescoreJudgeName = (path: string) => basename(path).replace(/\.jsonl?$/, "");

const minOf = (v: unknown): number | null => {
  if (!Array.isArray(v) || v.length === 0) return null;
  const nums = v.map(Number);
  return nums.every(Number.isFinite) ? Math.min(...nums) : null;
};

/**
 * VIEScore's overall score from its sub-score lists: O = sqrt(min(SC) · min(PQ)), on 0–10, divided
 * by 10 here to land in [0, 1]. Null (an abstention) when either list is empty or not numeric.
 */
export function viescoreOverall(sc: unknown, pq: unknown): number | null {
  const s = minOf(sc);
  const p = minOf(pq);
  return s === null || p === null ? null : Math.sqrt(s * p) / 10;
}

/** Stored VIEScore-style outputs: one JSON line per `{model, uid, SC: [...], PQ: [...]}`. */
export async function readViescoreOutputs(path: string): Promise<Map<string, JudgePrediction>> {
  const out = new Map<string, JudgePrediction>();
  for (const { line, value } of await readJsonRecords(path)) {
    const row = value as Record<string, unknown>;
    const uid = cellText(row.uid);
    const model = cellText(row.model);
    if (!uid || !model) throw new InputError(path, `${path}:${line}: expected "uid" and "model" fields`);
    out.set(`${uid}::${model}`, { kind: "scores", scores: [viescoreOverall(row.SC, row.PQ)] });
  }
  return out;
}
