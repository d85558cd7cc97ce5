import { rankingPairs } from "../metrics/group-accuracy.js";
import type { PairJudgment } from "../metrics/pair-judgment.js";
import type { BenchItem, JudgePrediction, Vote4 } from "./bench-item.js";
import { labelToVote, rewardsToVote } from "./formats/vote4.js";

/** What one item contributes to the metrics, for one judge. */
export interface ItemOutcome {
  id: string;
  category: string;
  subset: string;
  group: string;
  /** Candidates in the item. */
  size: number;
  /** Per-candidate judge scores (votes map to none). */
  scores: Array<number | null>;
  /** Every pair the human ranking implies, with the judge's margin; empty for score labels. */
  pairs: PairJudgment[];
  /** All pairs right under the strict convention; null for score labels. */
  allPairsCorrect: boolean | null;
  /** 4-class exact match, for two-candidate ranking labels. */
  voteCorrect: boolean | null;
  predictedVote: Vote4 | null;
  humanVote: Vote4 | null;
  abstained: boolean;
  /** A human preference met by an exactly equal judge score. */
  modelTie: boolean;
  error?: string;
}

const voteMargin = (vote: Vote4 | null): number | null =>
  vote === null ? null : vote === "A>B" ? 1 : vote === "B>A" ? -1 : 0;

/**
 * Scores one item. A missing prediction is an abstention. For scores, a pair's margin is
 * score(a) − score(b); for a stored vote it is +1 / −1 / 0, or null when the vote is unparseable.
 * `tieThreshold` only turns rewards into 4-class votes (|Δ| ≤ ε is a tie).
 */
export function itemOutcome(
  item: BenchItem,
  prediction: JudgePrediction | undefined,
  tieThreshold: number,
): ItemOutcome {
  const scores = prediction?.kind === "scores" ? prediction.scores : [];
  const base = {
    id: item.id,
    category: item.category,
    subset: item.subset ?? "all",
    group: item.groupId ?? item.id,
    size: item.human.kind === "ranking" ? item.human.tiers.flat().length : item.human.scores.length,
    scores,
    ...(prediction?.kind === "scores" && prediction.error ? { error: prediction.error } : {}),
  };
  const abstained =
    prediction === undefined ||
    (prediction.kind === "vote"
      ? prediction.vote === null
      : scores.length === 0 || scores.some((s) => s === null));
  if (item.human.kind === "scores") {
    return {
      ...base,
      pairs: [],
      allPairsCorrect: null,
      voteCorrect: null,
      predictedVote: null,
      humanVote: null,
      abstained,
      modelTie: false,
    };
  }
  const margin = (a: number, b: number): number | null => {
    if (prediction === undefined) return null;
    if (prediction.kind === "vote") {
      const m = voteMargin(prediction.vote);
      return m === null ? null : a === 0 && b === 1 ? m : a === 1 && b === 0 ? -m : null;
    }
    const sa = scores[a];
    const sb = scores[b];
    return sa === null || sa === undefined || sb === null || sb === undefined ? null : sa - sb;
  };
  const pairs: PairJudgment[] = rankingPairs(item.human.tiers).map(([a, b, human]) => ({
    human,
    margin: margin(a, b),
  }));
  const humanVote = labelToVote(item.human);
  const predictedVote =
    prediction?.kind === "vote" ? prediction.vote : humanVote ? rewardsToVote(scores, tieThreshold) : null;
  return {
    ...base,
    pairs,
    allPairsCorrect: pairs.every((p) => p.margin !== null && Math.sign(p.margin) === p.human),
    voteCorrect: humanVote === null ? null : predictedVote === humanVote,
    predictedVote,
    humanVote,
    abstained,
    modelTie: pairs.some((p) => p.human !== 0 && p.margin === 0),
  };
}
