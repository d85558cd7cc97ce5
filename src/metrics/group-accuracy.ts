/**
 * One K-way group: humans ranked K candidates into tiers (best first; candidates in one tier tie),
 * the judge gave each candidate a score or null.
 */
export interface RankedGroup {
  tiers: readonly (readonly number[])[];
  scores: readonly (number | null)[];
}

/** Every pair a ranking implies: [better, worse, human] with human 1, or [a, b, 0] for a tie. */
export function rankingPairs(tiers: readonly (readonly number[])[]): Array<[number, number, 1 | 0]> {
  const pairs: Array<[number, number, 1 | 0]> = [];
  for (const [t, tier] of tiers.entries()) {
    for (const [k, a] of tier.entries()) {
      for (const b of tier.slice(k + 1)) pairs.push([a, b, 0]);
      for (const lower of tiers.slice(t + 1)) for (const b of lower) pairs.push([a, b, 1]);
    }
  }
  return pairs;
}

/** A group is right only if every pair it implies is right under the strict convention. */
export function groupCorrect(group: RankedGroup): boolean {
  return rankingPairs(group.tiers).every(([a, b, human]) => {
    const sa = group.scores[a];
    const sb = group.scores[b];
    if (sa === null || sa === undefined || sb === null || sb === undefined) return false;
    return Math.sign(sa - sb) === human;
  });
}

/** `group-accuracy-K`: the share of groups whose every pair is right (EditReward-Bench K = 2/3/4). */
export function groupAccuracy(groups: readonly RankedGroup[]): {
  n: number;
  correct: number;
  accuracy: number;
} {
  const correct = groups.filter(groupCorrect).length;
  return { n: groups.length, correct, accuracy: groups.length === 0 ? Number.NaN : correct / groups.length };
}
