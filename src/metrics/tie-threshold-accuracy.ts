import type { PairJudgment } from "./pair-judgment.js";

export interface TunedTieAccuracy {
  convention: "accuracy-with-ties-tuned-threshold";
  n: number;
  correct: number;
  accuracy: number;
  /** The tuned threshold ε: the model predicts a tie when |margin| ≤ ε. null = no tie threshold (ε < 0). */
  threshold: number | null;
}

/**
 * Accuracy-with-ties (Deutsch, Foster & Freitag 2023): the model predicts a tie when |margin| ≤ ε,
 * and ε is tuned on the same data to maximise accuracy (an optimistic, named convention; the chosen
 * ε is reported). Human ties are right when the model ties; abstentions are always wrong.
 * The smallest ε reaching the maximum is chosen.
 */
export function accuracyWithTunedTies(pairs: readonly PairJudgment[]): TunedTieAccuracy {
  const n = pairs.length;
  const scored = pairs.filter((p): p is { human: 1 | -1 | 0; margin: number } => p.margin !== null);
  // ε below every |margin|: nothing is predicted a tie.
  let correct = scored.filter((p) => p.human !== 0 && Math.sign(p.margin) === p.human).length;
  let best = correct;
  let threshold: number | null = null;
  const sorted = [...scored].sort((a, b) => Math.abs(a.margin) - Math.abs(b.margin));
  let i = 0;
  while (i < sorted.length) {
    const eps = Math.abs((sorted[i] as { margin: number }).margin);
    while (i < sorted.length && Math.abs((sorted[i] as { margin: number }).margin) === eps) {
      const p = sorted[i] as { human: 1 | -1 | 0; margin: number };
      if (p.human !== 0 && Math.sign(p.margin) === p.human) correct--;
      if (p.human === 0) correct++;
      i++;
    }
    if (correct > best) {
      best = correct;
      threshold = eps;
    }
  }
  return {
    convention: "accuracy-with-ties-tuned-threshold",
    n,
    correct: best,
    accuracy: n === 0 ? Number.NaN : best / n,
    threshold,
  };
}
