import type { ImageInput } from "../contract/image.js";
import type { Judge } from "../contract/judge.js";
import { prepareCase, prepareOptionsFor } from "../image/prepare-case.js";

/** A case as a judge is given it: images in memory (bytes) or files (paths, read while they are decoded). */
export interface TimedCase {
  instruction: string;
  source: ImageInput;
  candidates: ImageInput[];
}

/** Where one case's time went, for the speed benchmark (`scripts/bench-speed.ts`). */
export interface CaseTiming {
  /** Reading and decoding every image (prepareCase). */
  decodeMs: number;
  judgeMs: number;
  /**
   * Per candidate: its judging time (between the judge's progress callbacks; an equal share of the case's
   * judging when the judge reports no progress) plus an equal share of the case's decoding.
   */
  perCandidateMs: number[];
  nullRewards: number;
}

/**
 * Decodes and judges one case as the CLI, `bench` and `curate` do (a judge that reads only pixels lets the
 * encoded files go once decoded) and times both parts.
 */
export async function timeJudgeCase(judge: Judge, c: TimedCase): Promise<CaseTiming> {
  const t0 = performance.now();
  const prepared = await prepareCase(c, undefined, prepareOptionsFor(judge));
  const t1 = performance.now();
  const marks: number[] = [];
  const result = await judge.judge(prepared, { onProgress: () => marks.push(performance.now()) });
  const t2 = performance.now();
  const n = c.candidates.length;
  const decodeShare = (t1 - t0) / n;
  const judging =
    marks.length === n
      ? marks.map((m, i) => m - (i === 0 ? t1 : (marks[i - 1] as number)))
      : Array<number>(n).fill((t2 - t1) / n);
  return {
    decodeMs: t1 - t0,
    judgeMs: t2 - t1,
    perCandidateMs: judging.map((ms) => ms + decodeShare),
    nullRewards: result.candidates.filter((r) => r.reward === null).length,
  };
}

/** The nearest-rank percentile (p in 0–1) of `values`; 0 for none. */
export function nearestRankPercentile(values: readonly number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil(p * sorted.length) - 1)] ?? 0;
}
