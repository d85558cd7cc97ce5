import { bootstrapCi } from "../metrics/bootstrap-ci.js";
import { editRewardTieEpsilon, editRewardTwoPairCorrect } from "../metrics/editreward-tie-epsilon.js";
import {
  pairwiseHumanTiesExcluded,
  pairwiseStrict,
  pairwiseTiesExcluded,
} from "../metrics/pairwise-accuracy.js";
import { seededRng } from "../metrics/seeded-rng.js";
import { accuracyWithTunedTies } from "../metrics/tie-threshold-accuracy.js";
import type { BenchDataset, JudgePrediction, PrimaryMetric } from "./bench-item.js";
import { correlationReport, spearmanFisherZ } from "./correlation-report.js";
import { type ItemOutcome, itemOutcome } from "./item-outcome.js";
import type { CategoryReport, JudgeReport } from "./judge-report.js";

export interface EvaluateOptions {
  judge: string;
  source: "registry" | "stored";
  /** Seed of the bootstrap RNG; default 1. */
  seed?: number;
  /** Bootstrap resamples; default 1000. */
  iterations?: number;
  /** For turning rewards into 4-class votes: |Δ| ≤ ε is a tie. Default 0 (only exact ties). */
  tieThreshold?: number;
}

const mean = (xs: readonly number[]) =>
  xs.length === 0 ? Number.NaN : xs.reduce((a, b) => a + b, 0) / xs.length;
const finiteOrNull = (x: number) => (Number.isFinite(x) ? x : null);

/** 0/1 units of the primary accuracy: items, or whole groups for group accuracy. */
function primaryUnits(outcomes: readonly ItemOutcome[], metric: PrimaryMetric): number[] {
  if (metric === "vote4-exact-match") return outcomes.map((o) => (o.voteCorrect ? 1 : 0));
  if (metric === "pairwise-strict-macro-task")
    return outcomes.flatMap((o) =>
      o.pairs.map((p) => (p.margin !== null && Math.sign(p.margin) === p.human ? 1 : 0)),
    );
  if (metric === "group-accuracy") {
    const groups = new Map<string, boolean>();
    for (const o of outcomes)
      groups.set(o.group, (groups.get(o.group) ?? true) && o.allPairsCorrect === true);
    return [...groups.values()].map((ok) => (ok ? 1 : 0));
  }
  return outcomes.map((o) => (o.allPairsCorrect ? 1 : 0));
}

/** Feeds one judge's predictions through every metric that applies to the dataset's labels. */
export function evaluateJudge(
  dataset: BenchDataset,
  predictions: ReadonlyMap<string, JudgePrediction>,
  options: EvaluateOptions,
): { report: JudgeReport; outcomes: ItemOutcome[] } {
  const tieThreshold = options.tieThreshold ?? 0;
  const outcomes = dataset.items.map((item) => itemOutcome(item, predictions.get(item.id), tieThreshold));
  const metric = dataset.primaryMetric;
  // A fresh RNG per interval: each CI depends only on its own data and the seed, not on call order.
  const boot = () => ({ rng: seededRng(options.seed ?? 1), iterations: options.iterations ?? 1000 });
  const isCorrelation = metric === "spearman-fisher-z";
  const statistic = (subset: readonly ItemOutcome[]) =>
    isCorrelation ? spearmanFisherZ(subset, dataset) : mean(primaryUnits(subset, metric));
  const ci = (subset: readonly ItemOutcome[]) =>
    isCorrelation
      ? bootstrapCi(subset, statistic, boot())
      : bootstrapCi(primaryUnits(subset, metric), mean, boot());

  const categories = [...new Set(outcomes.map((o) => o.category))].sort();
  const byCategory: Record<string, CategoryReport> = {};
  for (const category of categories) {
    const subset = outcomes.filter((o) => o.category === category);
    byCategory[category] = {
      n: subset.length,
      accuracy: finiteOrNull(statistic(subset)),
      ci95: ci(subset),
      ties: subset.filter((o) => o.modelTie).length,
      abstained: subset.filter((o) => o.abstained).length,
    };
  }

  const pairs = outcomes.flatMap((o) => o.pairs);
  const metrics: JudgeReport["metrics"] = {};
  if (pairs.length > 0) {
    metrics["pairwise-strict"] = pairwiseStrict(pairs);
    metrics["pairwise-ties-excluded"] = pairwiseTiesExcluded(pairs);
    metrics["pairwise-human-ties-excluded"] = pairwiseHumanTiesExcluded(pairs);
    metrics["accuracy-with-ties-tuned-threshold"] = accuracyWithTunedTies(pairs);
    // K from the pairs a whole group implies (K(K−1)/2), so per-comparison rows count as their group.
    const pairsPerGroup = new Map<string, number>();
    for (const o of outcomes) pairsPerGroup.set(o.group, (pairsPerGroup.get(o.group) ?? 0) + o.pairs.length);
    const byK = new Map<string, ItemOutcome[]>();
    for (const o of outcomes.filter((x) => x.pairs.length > 0)) {
      const key = `K=${Math.round((1 + Math.sqrt(1 + 8 * (pairsPerGroup.get(o.group) ?? 1))) / 2)}`;
      byK.set(key, [...(byK.get(key) ?? []), o]);
    }
    metrics["group-accuracy"] = Object.fromEntries(
      [...byK.entries()].sort().map(([k, subset]) => {
        const units = primaryUnits(subset, "group-accuracy");
        const correct = units.reduce((a, b) => a + b, 0);
        return [k, { n: units.length, correct, accuracy: correct / units.length }];
      }),
    );
    // EditReward's script: 2-pair human ties judged with an ε tuned on the 2-pair data (a named convention).
    const twoPair = byK.get("K=2") ?? [];
    if (twoPair.some((o) => o.pairs.some((p) => p.human === 0))) {
      const { epsilon } = editRewardTieEpsilon(twoPair.flatMap((o) => o.pairs));
      const groups = new Map<string, boolean>();
      for (const o of twoPair)
        groups.set(
          o.group,
          (groups.get(o.group) ?? true) && o.pairs.every((p) => editRewardTwoPairCorrect(p, epsilon)),
        );
      const correct = [...groups.values()].filter(Boolean).length;
      metrics["group-accuracy-2pair-tuned-tie"] = {
        convention: "editreward-2pair-tuned-epsilon",
        n: groups.size,
        correct,
        accuracy: groups.size === 0 ? Number.NaN : correct / groups.size,
        epsilon,
      };
    }
  }
  const voteRows = outcomes.filter((o) => o.humanVote !== null);
  if (voteRows.length > 0 && voteRows.length === outcomes.length) {
    const correct = voteRows.filter((o) => o.voteCorrect).length;
    const stored = predictions.values().next().value?.kind === "vote";
    metrics["vote4-exact-match"] = {
      n: voteRows.length,
      correct,
      accuracy: correct / voteRows.length,
      tieThreshold: stored ? null : tieThreshold,
    };
  }
  if (metric === "pairwise-strict-macro-task") {
    const subsets = [...new Set(outcomes.map((o) => o.subset))].sort();
    metrics["pairwise-strict-macro-task"] = Object.fromEntries(
      subsets.map((s) => {
        const inSubset = outcomes.filter((o) => o.subset === s);
        const byTask = Object.fromEntries(
          [...new Set(inSubset.map((o) => o.category))].sort().map((t) => [
            t,
            mean(
              primaryUnits(
                inSubset.filter((o) => o.category === t),
                metric,
              ),
            ),
          ]),
        );
        return [s, { macroAccuracy: mean(Object.values(byTask)), byTask }];
      }),
    );
  }
  if (dataset.items.some((i) => i.human.kind === "scores")) {
    metrics.spearman = correlationReport(outcomes, dataset, "spearman");
    metrics["kendall-tau-b"] = correlationReport(outcomes, dataset, "kendall-tau-b");
    metrics.pearson = correlationReport(outcomes, dataset, "pearson");
  }

  const primaryValue =
    metric === "pairwise-strict-macro-task"
      ? mean(Object.values(metrics["pairwise-strict-macro-task"] ?? {}).map((s) => s.macroAccuracy))
      : statistic(outcomes);
  const abstained = outcomes.filter((o) => o.abstained).length;
  const report: JudgeReport = {
    judge: options.judge,
    source: options.source,
    primary: { metric, value: finiteOrNull(primaryValue), ci95: ci(outcomes) },
    n: outcomes.length,
    accuracy: isCorrelation ? null : finiteOrNull(primaryValue),
    ties: outcomes.filter((o) => o.modelTie).length,
    abstained,
    abstentionRate: outcomes.length === 0 ? 0 : abstained / outcomes.length,
    errors: outcomes.filter((o) => o.error !== undefined).length,
    metrics,
    byCategory,
  };
  return { report, outcomes };
}
