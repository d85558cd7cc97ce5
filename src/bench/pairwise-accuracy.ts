/** The outcome of one pairwise item under EditJudge's strict convention. */
export type PairOutcome = "correct" | "wrong" | "tie" | "abstained";

/**
 * Strict pairwise convention: correct only if the preferred candidate's reward is strictly higher.
 * Equal rewards are a tie and null rewards an abstention; both count as wrong in accuracy.
 * Items whose human label is a tie are scored correct when the rewards are equal.
 */
export function pairOutcome(
  preferred: 0 | 1 | "tie",
  rewards: readonly [number | null, number | null],
): PairOutcome {
  const [a, b] = rewards;
  if (a === null || b === null) return "abstained";
  if (preferred === "tie") return a === b ? "correct" : "wrong";
  if (a === b) return "tie";
  const winner = a > b ? 0 : 1;
  return winner === preferred ? "correct" : "wrong";
}

export interface PairwiseSummary {
  n: number;
  accuracy: number;
  correct: number;
  ties: number;
  abstained: number;
  byCategory: Record<string, { n: number; accuracy: number; ties: number; abstained: number }>;
}

export function summarizePairs(
  rows: ReadonlyArray<{ category: string; outcome: PairOutcome }>,
): PairwiseSummary {
  const tally = (subset: ReadonlyArray<{ outcome: PairOutcome }>) => {
    const n = subset.length;
    const correct = subset.filter((r) => r.outcome === "correct").length;
    return {
      n,
      correct,
      accuracy: n === 0 ? 0 : correct / n,
      ties: subset.filter((r) => r.outcome === "tie").length,
      abstained: subset.filter((r) => r.outcome === "abstained").length,
    };
  };
  const byCategory: PairwiseSummary["byCategory"] = {};
  for (const category of [...new Set(rows.map((r) => r.category))].sort()) {
    const { n, accuracy, ties, abstained } = tally(rows.filter((r) => r.category === category));
    byCategory[category] = { n, accuracy, ties, abstained };
  }
  return { ...tally(rows), byCategory };
}
