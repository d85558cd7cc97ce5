/**
 * Exact-match accuracy over class labels (GenAI-Bench's 4-class convention): a null prediction
 * (unparseable verdict) counts wrong and is reported as abstained.
 */
export function exactMatchAccuracy(rows: ReadonlyArray<{ human: string; predicted: string | null }>): {
  n: number;
  correct: number;
  abstained: number;
  accuracy: number;
} {
  const correct = rows.filter((r) => r.predicted !== null && r.predicted === r.human).length;
  const abstained = rows.filter((r) => r.predicted === null).length;
  return {
    n: rows.length,
    correct,
    abstained,
    accuracy: rows.length === 0 ? Number.NaN : correct / rows.length,
  };
}
