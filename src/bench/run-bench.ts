import type { ImageLimits } from "../image/image-limits.js";
import { findJudge } from "../judges/registry.js";
import type { BenchDataset, JudgePrediction } from "./bench-item.js";
import { evaluateJudge } from "./evaluate-judge.js";
import { type BenchFormat, readDataset } from "./formats/read-dataset.js";
import { readStoredOutputs } from "./formats/stored-outputs.js";
import type { ItemOutcome } from "./item-outcome.js";
import type { JudgeReport } from "./judge-report.js";
import { JudgmentStore } from "./judgment-store.js";
import { runJudgeOnItems } from "./run-judge-on-items.js";

export interface BenchOptions {
  inputs: readonly string[];
  format?: BenchFormat | "auto";
  /** Registry judge to run on the items. Default: "checks" when the dataset has no stored outputs. */
  judgeId?: string;
  settings?: Record<string, unknown>;
  /** Extra stored-output files (results JSONL, GenAI-Bench votes, VIEScore SC/PQ). */
  stored?: readonly string[];
  /** SQLite judgment store for resuming; null disables it. */
  storePath?: string | null;
  seed?: number;
  iterations?: number;
  tieThreshold?: number;
  limits?: ImageLimits;
  /** Items judged at once by the registry judge; default 1. */
  concurrency?: number;
  signal?: AbortSignal;
  onProgress?: (done: number, total: number, cached: number) => void;
}

export interface JudgeRun {
  report: JudgeReport;
  outcomes: ItemOutcome[];
  predictions: Map<string, JudgePrediction>;
}

export interface BenchRun {
  dataset: BenchDataset;
  runs: JudgeRun[];
}

/**
 * The benchmark pipeline the CLI wraps: read the dataset, collect judge scores from both sources
 * (a registry judge run on the items, stored outputs), and feed each through the same metric code.
 */
export async function runBench(options: BenchOptions): Promise<BenchRun> {
  const dataset = await readDataset(options.inputs, options.format ?? "auto");
  const sources: Array<{
    judge: string;
    source: "registry" | "stored";
    predictions: Map<string, JudgePrediction>;
  }> = [];
  for (const [judge, predictions] of Object.entries(dataset.stored))
    sources.push({ judge, source: "stored", predictions });
  for (const file of options.stored ?? []) {
    const { judge, predictions } = await readStoredOutputs(file);
    sources.push({ judge, source: "stored", predictions });
  }
  const judgeId = options.judgeId ?? (sources.length === 0 ? "checks" : undefined);
  if (judgeId) {
    const settings = options.settings ?? {};
    const judge = await findJudge(judgeId).create({ settings });
    const store = options.storePath ? new JudgmentStore(options.storePath) : undefined;
    try {
      const predictions = await runJudgeOnItems(dataset.items, {
        judge,
        settings,
        ...(store ? { store } : {}),
        ...(options.limits ? { limits: options.limits } : {}),
        ...(options.concurrency ? { concurrency: options.concurrency } : {}),
        ...(options.signal ? { signal: options.signal } : {}),
        ...(options.onProgress ? { onProgress: options.onProgress } : {}),
      });
      sources.unshift({ judge: judgeId, source: "registry", predictions });
    } finally {
      store?.close();
      await judge.close?.();
    }
  }
  const runs = sources.map(({ judge, source, predictions }) => {
    const { report, outcomes } = evaluateJudge(dataset, predictions, {
      judge,
      source,
      ...(options.seed !== undefined ? { seed: options.seed } : {}),
      ...(options.iterations !== undefined ? { iterations: options.iterations } : {}),
      ...(options.tieThreshold !== undefined ? { tieThreshold: options.tieThreshold } : {}),
    });
    return { report, outcomes, predictions };
  });
  return { dataset, runs };
}

/**
 * Per-item rows for `--json --rows`: the item's outcome under the primary metric ("correct", "wrong",
 * "tie" for an exact judge tie on a human preference, "abstained"), its rewards, and for two-candidate
 * rankings the human `preferred` (0, 1 or "tie"), plus every field of the item outcome.
 */
export function benchRows(run: BenchRun, judgeRun: JudgeRun): Array<Record<string, unknown>> {
  const items = new Map(run.dataset.items.map((i) => [i.id, i]));
  return judgeRun.outcomes.map((o) => {
    const human = items.get(o.id)?.human;
    const tiers = human?.kind === "ranking" ? human.tiers : [];
    const preferred =
      tiers.length === 1 && tiers[0]?.length === 2 ? "tie" : tiers.length === 2 ? tiers[0]?.[0] : undefined;
    const right = run.dataset.primaryMetric === "vote4-exact-match" ? o.voteCorrect : o.allPairsCorrect;
    const outcome = o.abstained ? "abstained" : right ? "correct" : o.modelTie ? "tie" : "wrong";
    return {
      ...o,
      rewards: o.scores,
      ...(preferred !== undefined ? { preferred } : {}),
      outcome,
    };
  });
}

/** The `--json` shape: one judge's report at the top level (the original shape), every judge under `judges`. */
export function benchJson(run: BenchRun): Record<string, unknown> {
  const judges = Object.fromEntries(run.runs.map((r) => [r.report.judge, r.report]));
  const single = run.runs.length === 1 ? run.runs[0]?.report : undefined;
  return {
    format: run.dataset.format,
    primaryMetric: run.dataset.primaryMetric,
    items: run.dataset.items.length,
    ...single,
    judges,
  };
}
