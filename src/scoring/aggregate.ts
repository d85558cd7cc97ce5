import type { Principle, PrincipleKind } from "../contract/principle.js";
import type { Dimensions } from "../contract/result.js";
import type { Verdict } from "../contract/verdict.js";

export interface Aggregate {
  reward: number | null;
  rewardReason?: string;
  dimensions: Dimensions;
}

/**
 * Aggregates per-principle verdicts into three dimensions and one reward.
 *
 *   F = min score over non-abstained follow verdicts   (every requested change must be done)
 *   P = min score over non-abstained keep verdicts     (everything that should stay, stays)
 *   Q = min score over non-abstained quality verdicts
 *   reward = F · sqrt(P · Q)      (a missing P or Q is left out of the square root)
 *
 * A failed follow verdict has score < 0.5, so the reward of an edit that did not do what was asked
 * stays below 0.5 however well it preserved. Abstentions are left out and never count as a pass:
 * when every follow verdict abstains, the reward is null, because nothing says the edit was done.
 */
export function aggregateVerdicts(principles: readonly Principle[], verdicts: readonly Verdict[]): Aggregate {
  const kindOf = new Map(principles.map((p) => [p.id, p.kind] as const));
  const dimension = (kind: PrincipleKind): number | null => {
    const scores = verdicts
      .filter((v) => kindOf.get(v.principleId) === kind && v.status !== "abstain" && v.score !== null)
      .map((v) => v.score as number);
    return scores.length === 0 ? null : Math.min(...scores);
  };
  const dimensions: Dimensions = {
    instructionFollowing: dimension("follow"),
    preservation: dimension("keep"),
    quality: dimension("quality"),
  };
  const f = dimensions.instructionFollowing;
  if (f === null) {
    return {
      reward: null,
      rewardReason: "every instruction-following principle abstained; nothing shows the edit was done",
      dimensions,
    };
  }
  const rest = [dimensions.preservation, dimensions.quality].filter((x): x is number => x !== null);
  const restScore = rest.length === 0 ? 1 : rest.reduce((a, b) => a * b, 1) ** (1 / rest.length);
  return { reward: round(f * restScore), dimensions };
}

/** Candidate indices best first; null rewards last, in input order. Ties keep input order. */
export function rankCandidates(rewards: ReadonlyArray<number | null>): number[] {
  return rewards
    .map((reward, index) => ({ reward, index }))
    .sort((a, b) => {
      if (a.reward === null && b.reward === null) return a.index - b.index;
      if (a.reward === null) return 1;
      if (b.reward === null) return -1;
      return b.reward - a.reward || a.index - b.index;
    })
    .map((x) => x.index);
}

function round(x: number): number {
  return Math.round(x * 1e6) / 1e6;
}
