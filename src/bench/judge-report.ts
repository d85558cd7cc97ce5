import type { ConfidenceInterval } from "../metrics/bootstrap-ci.js";
import type { AccuracyCount } from "../metrics/pairwise-accuracy.js";
import type { TunedTieAccuracy } from "../metrics/tie-threshold-accuracy.js";
import type { PrimaryMetric } from "./bench-item.js";

export interface CategoryReport {
  n: number;
  /** The primary statistic in this category (accuracy, or Spearman for score labels). */
  accuracy: number | null;
  ci95: ConfidenceInterval | null;
  ties: number;
  abstained: number;
}

export interface CorrelationReport {
  /** Per category (editing model), then averaged through the Fisher z-transform, and pooled over all items. */
  perCategory: Record<string, number | null>;
  fisherZAverage: number | null;
  pooled: number | null;
}

/** One judge's numbers on one benchmark, every number named by its convention. */
export interface JudgeReport {
  judge: string;
  source: "registry" | "stored";
  primary: { metric: PrimaryMetric; value: number | null; ci95: ConfidenceInterval | null };
  /** Items. */
  n: number;
  /** The primary metric when it is an accuracy; null for correlation benchmarks. */
  accuracy: number | null;
  /** Items where the judge gave exactly equal scores to candidates humans ranked apart. */
  ties: number;
  /** Items without a usable judgment (null reward, unparseable vote, error, or missing). */
  abstained: number;
  abstentionRate: number;
  errors: number;
  metrics: {
    "pairwise-strict"?: AccuracyCount;
    "pairwise-ties-excluded"?: AccuracyCount;
    "pairwise-human-ties-excluded"?: AccuracyCount;
    "accuracy-with-ties-tuned-threshold"?: TunedTieAccuracy;
    "vote4-exact-match"?: { n: number; correct: number; accuracy: number; tieThreshold: number | null };
    "group-accuracy"?: Record<string, { n: number; correct: number; accuracy: number }>;
    /**
     * EditReward-Bench's 2-pair strict accuracy as its script computes it: a human tie is right when |Δ| ≤ ε, with ε
     * tuned on the 2-pair pairs (see editRewardTieEpsilon). Present when the 2-candidate items hold human ties.
     */
    "group-accuracy-2pair-tuned-tie"?: {
      convention: "editreward-2pair-tuned-epsilon";
      n: number;
      correct: number;
      accuracy: number;
      epsilon: number;
    };
    "pairwise-strict-macro-task"?: Record<string, { macroAccuracy: number; byTask: Record<string, number> }>;
    spearman?: CorrelationReport;
    "kendall-tau-b"?: CorrelationReport;
    pearson?: CorrelationReport;
  };
  byCategory: Record<string, CategoryReport>;
}
