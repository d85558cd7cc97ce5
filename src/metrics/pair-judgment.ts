/**
 * One pairwise comparison as every pairwise metric sees it.
 * `human`: 1 = the first item preferred, -1 = the second, 0 = humans tied.
 * `margin`: judge score of the first minus the second, or null when the judge abstained on either.
 */
export interface PairJudgment {
  human: 1 | -1 | 0;
  margin: number | null;
}

/** Whether a pair is right under the strict convention: the sign of the margin must match, exactly. */
export function strictPairCorrect(pair: PairJudgment): boolean {
  if (pair.margin === null) return false;
  return Math.sign(pair.margin) === pair.human;
}
