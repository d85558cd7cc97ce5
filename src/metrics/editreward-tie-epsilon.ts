import type { PairJudgment } from "./pair-judgment.js";

/**
 * EditReward's tie threshold for its 2-pair file (`calc_accuracy_with_ties_for_edit_reward_bench`): ε is tried at
 * 0 and at every distinct |margin|, in increasing order, and the first ε with the highest accuracy-with-ties
 * (C + Thm) / N is kept, where the judge ties a pair when |margin| ≤ ε. A named, optimistic convention: ε is tuned
 * on the data it scores. Pairs the judge abstained on count in N and are never right.
 */
export function editRewardTieEpsilon(pairs: readonly PairJudgment[]): { epsilon: number; accuracy: number } {
  const scored = pairs.filter((p): p is { human: 1 | -1 | 0; margin: number } => p.margin !== null);
  const thresholds = [0, ...new Set(scored.map((p) => Math.abs(p.margin)))].sort((a, b) => a - b);
  let best = { epsilon: 0, accuracy: -1 };
  for (const epsilon of thresholds) {
    let right = 0;
    for (const p of scored) {
      const tie = Math.abs(p.margin) <= epsilon;
      if (p.human === 0 ? tie : !tie && p.human * p.margin > 0) right++;
    }
    const accuracy = pairs.length === 0 ? 0 : right / pairs.length;
    if (accuracy > best.accuracy) best = { epsilon, accuracy };
  }
  return best.accuracy < 0 ? { epsilon: 0, accuracy: 0 } : best;
}

/**
 * Whether a 2-candidate item is right under EditReward's strict 2-pair rule with tuned ε: a human tie is right
 * when |Δ| ≤ ε; a human preference when the judge's scores order the two the same way (ε is not applied there,
 * as in EditReward's script; exactly equal scores are wrong here, where numpy's argsort would order them by index).
 */
export function editRewardTwoPairCorrect(pair: PairJudgment, epsilon: number): boolean {
  if (pair.margin === null) return false;
  return pair.human === 0 ? Math.abs(pair.margin) <= epsilon : Math.sign(pair.margin) === pair.human;
}
