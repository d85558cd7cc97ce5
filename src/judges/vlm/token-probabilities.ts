import type { ChatChoice, TopLogprob } from "../../contract/backend.js";

/** A label as a token spells it: leading spaces and tokenizer space marks, trailing punctuation and case dropped. */
const normalise = (token: string): string => token.replace(/^[\s▁Ġ]+|[\s.,!:;"']+$/g, "").toLowerCase();

/** How the labels share the first generated token's alternatives. */
export interface LabelDistribution {
  /** Probability per label, summed over its spellings (" Yes", "yes", …); not normalised. */
  probs: Record<string, number>;
  /** Σ probs: the labels' share of the first token's probability, as far as the top-k alternatives show it. */
  mass: number;
  /** The token the model generated first. */
  firstToken: string;
  /** How many alternatives the server returned for it. */
  alternatives: number;
}

/**
 * The labels' probabilities at the **first generated token only** (as a logit reward reads its first position),
 * from its top_logprobs; null when the reply carries no logprobs. Later tokens are never searched: a label the
 * model did not put first is not its answer. A label outside the top-k counts 0, so `mass` is a lower bound.
 */
export function firstTokenLabels(
  choice: ChatChoice | undefined,
  labels: readonly string[],
): LabelDistribution | null {
  const first = choice?.logprobs?.[0];
  if (!first) return null;
  const alternatives: TopLogprob[] = first.top.length > 0 ? first.top : [first];
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
  return { probs, mass, firstToken: first.token, alternatives: alternatives.length };
}

/** P(yes) normalised over the yes/no mass (null when that mass is 0), with the mass it rests on. */
export function yesProbability(
  choice: ChatChoice | undefined,
): { pYes: number | null; mass: number; firstToken: string } | null {
  const d = firstTokenLabels(choice, ["yes", "no"]);
  if (!d) return null;
  return { pYes: d.mass > 0 ? (d.probs.yes ?? 0) / d.mass : null, mass: d.mass, firstToken: d.firstToken };
}

/**
 * Expected digit Σ p(d)·d over the digit tokens 0..max at the first generated token, normalised over their mass:
 * a top-k approximation of a softmax over the max + 1 digit logits. `expected` is null when no digit appears.
 */
export function expectedDigit(
  choice: ChatChoice | undefined,
  max: number,
): { expected: number | null; mass: number; probs: number[]; firstToken: string } | null {
  const labels = Array.from({ length: max + 1 }, (_, d) => String(d));
  const d = firstTokenLabels(choice, labels);
  if (!d) return null;
  const probs = labels.map((l) => (d.mass > 0 ? (d.probs[l] ?? 0) / d.mass : 0));
  const expected = d.mass > 0 ? probs.reduce((sum, p, digit) => sum + p * digit, 0) : null;
  return { expected, mass: d.mass, probs, firstToken: d.firstToken };
}

/**
 * Why a label mass is too small to read, or null when it is enough: below `min`, the labels are not what the model
 * answered, and normalising over them would make a score out of noise.
 */
export function massShortfall(mass: number, min: number, labels: string): string | null {
  if (mass >= min && mass > 0) return null;
  const percent = mass > 0 && mass < 0.0001 ? "< 0.01" : (mass * 100).toFixed(2);
  return `${labels} hold ${percent} % of the first token's probability among its top_logprobs, below the ${min} needed (--min-probability-mass); the model did not answer with ${labels}`;
}
