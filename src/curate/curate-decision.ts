import type { CandidateResult } from "../contract/result.js";

export interface CurateDecision {
  keep: boolean;
  reward: number | null;
  /** Why the row was rejected; absent for kept rows. */
  reason?: string;
}

/**
 * Keep a row only when the judge gave a reward ≥ minReward. A null reward is a rejection with the judge's
 * reason ("judge abstained: …"), never a score of 0; an error is a rejection naming the error.
 */
export function decide(
  candidate: CandidateResult | null,
  error: { code: string; message: string } | null,
  minReward: number,
): CurateDecision {
  if (error) return { keep: false, reward: null, reason: `error ${error.code}: ${error.message}` };
  if (!candidate) return { keep: false, reward: null, reason: "error: judge returned no result" };
  if (candidate.error)
    return { keep: false, reward: null, reason: `error ${candidate.error.code}: ${candidate.error.message}` };
  if (candidate.reward === null)
    return {
      keep: false,
      reward: null,
      reason: `judge abstained${candidate.rewardReason ? `: ${candidate.rewardReason}` : ""}`,
    };
  if (candidate.reward < minReward)
    return {
      keep: false,
      reward: candidate.reward,
      reason: `reward ${candidate.reward.toFixed(4)} < min-reward ${minReward}`,
    };
  return { keep: true, reward: candidate.reward };
}
