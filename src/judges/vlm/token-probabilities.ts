import type { ChatChoice, TopLogprob } from "../../contract/backend.js";

const normalise = (token: string): string => token.replace(/^[\s▁Ġ]+|[\s.,!:;"']+$/g, "").toLowerCase();

/** Probability mass per label over the first generated token whose alternatives mention any label. */
export function labelDistribution(
  choice: ChatChoice | undefined,
  labels: readonly string[],
): { probs: Record<string, number>; mass: number; position: number } | null {
  const tokens = choice?.logprobs;
  if (!tokens) return null;
  for (const [position, token] of tokens.entries()) {
    const alternatives: TopLogprob[] = token.top.length > 0 ? token.top : [token];
    const probs: Record<string, number> = Object.fromEntries(labels.map((l) => [l, 0]));
    let mass = 0;
    for (const alt of alternatives) {
      const label = normalise(alt.token);
      if (label in probs) {
        const p = Math.exp(alt.logprob);
        probs[label] = (probs[label] ?? 0) + p;
        mass += p;
      }
    }
    if (mass > 0) return { probs, mass, position };
  }
  return null;
}

/** P(yes) normalised over the yes/no mass, or null when neither appears among the alternatives. */
export function yesProbability(choice: ChatChoice | undefined): { pYes: number; mass: number } | null {
  const d = labelDistribution(choice, ["yes", "no"]);
  if (!d) return null;
  return { pYes: (d.probs.yes ?? 0) / d.mass, mass: d.mass };
}

/** Expected digit Σ p(d)·d over the digit tokens 0..max, normalised over their mass. */
export function expectedDigit(
  choice: ChatChoice | undefined,
  max: number,
): { expected: number; mass: number; probs: number[] } | null {
  const labels = Array.from({ length: max + 1 }, (_, d) => String(d));
  const d = labelDistribution(choice, labels);
  if (!d) return null;
  const probs = labels.map((l) => (d.probs[l] ?? 0) / d.mass);
  return { expected: probs.reduce((sum, p, digit) => sum + p * digit, 0), mass: d.mass, probs };
}
