import type { JudgeRunOptions } from "../contract/judge.js";
import type { ImageLimits } from "../image/image-limits.js";
import { prepareCase } from "../image/prepare-case.js";
import { findJudge } from "../judges/registry.js";
import { type PairOutcome, type PairwiseSummary, pairOutcome, summarizePairs } from "./pairwise-accuracy.js";
import type { PairwiseItem } from "./pairwise-jsonl.js";

export interface PairwiseRow {
  id: string;
  category: string;
  rewards: [number | null, number | null];
  preferred: 0 | 1 | "tie";
  outcome: PairOutcome;
  error?: string;
}

export interface PairwiseBenchOptions {
  judgeId: string;
  settings?: Record<string, unknown>;
  limits?: ImageLimits;
  onProgress?: (done: number, total: number) => void;
  run?: JudgeRunOptions;
}

/** Runs a judge over pairwise items (one judge instance for the whole run) and summarises accuracy. */
export async function runPairwiseBench(
  items: readonly PairwiseItem[],
  options: PairwiseBenchOptions,
): Promise<{ summary: PairwiseSummary; rows: PairwiseRow[] }> {
  const judge = await findJudge(options.judgeId).create({ settings: options.settings ?? {} });
  const rows: PairwiseRow[] = [];
  try {
    for (const [i, item] of items.entries()) {
      options.run?.signal?.throwIfAborted();
      const prepared = await prepareCase(
        {
          source: { kind: "path", path: item.source },
          instruction: item.instruction,
          candidates: item.candidates.map((path) => ({ kind: "path" as const, path })),
        },
        options.limits,
      );
      const result = await judge.judge(prepared, options.run);
      const rewards: [number | null, number | null] = [
        result.candidates[0]?.reward ?? null,
        result.candidates[1]?.reward ?? null,
      ];
      rows.push({
        id: item.id,
        category: item.category,
        rewards,
        preferred: item.preferred,
        outcome: pairOutcome(item.preferred, rewards),
      });
      options.onProgress?.(i + 1, items.length);
    }
  } finally {
    await judge.close?.();
  }
  return { summary: summarizePairs(rows), rows };
}
