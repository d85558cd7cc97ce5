import { type PairJudgment, strictPairCorrect } from "./pair-judgment.js";

export interface AccuracyCount {
  /** Convention name, printed with the number. */
  convention: string;
  n: number;
  correct: number;
  /** NaN when n is 0. */
  accuracy: number;
}

const ratio = (correct: number, n: number) => (n === 0 ? Number.NaN : correct / n);

/**
 * `pairwise-strict`: every pair counts. A model tie (margin exactly 0) on a human preference is wrong,
 * an abstention is wrong; a human tie is right only when the model also ties exactly.
 */
export function pairwiseStrict(pairs: readonly PairJudgment[]): AccuracyCount {
  const correct = pairs.filter(strictPairCorrect).length;
  return { convention: "pairwise-strict", n: pairs.length, correct, accuracy: ratio(correct, pairs.length) };
}

/**
 * `pairwise-ties-excluded`: pairs with a human tie, a model tie or an abstention are left out;
 * accuracy = concordant / (concordant + discordant).
 */
export function pairwiseTiesExcluded(pairs: readonly PairJudgment[]): AccuracyCount {
  const kept = pairs.filter((p) => p.human !== 0 && p.margin !== null && p.margin !== 0);
  const correct = kept.filter(strictPairCorrect).length;
  return {
    convention: "pairwise-ties-excluded",
    n: kept.length,
    correct,
    accuracy: ratio(correct, kept.length),
  };
}

/**
 * `pairwise-human-ties-excluded` (EditReward's "accuracy without ties"): human ties are left out,
 * model ties and abstentions stay in and count wrong: C / (C + D + Tm).
 */
export function pairwiseHumanTiesExcluded(pairs: readonly PairJudgment[]): AccuracyCount {
  const kept = pairs.filter((p) => p.human !== 0);
  const correct = kept.filter(strictPairCorrect).length;
  return {
    convention: "pairwise-human-ties-excluded",
    n: kept.length,
    correct,
    accuracy: ratio(correct, kept.length),
  };
}
