import type { HumanLabel, Vote4 } from "../bench-item.js";

const MODEL_VOTES: Record<string, Vote4> = {
  "[[A>B]]": "A>B",
  "[[B>A]]": "B>A",
  "[[A=B=Good]]": "A=B=Good",
  "[[A=B=Bad]]": "A=B=Bad",
};

const HUMAN_VOTES: Record<string, Vote4> = {
  leftvote: "A>B",
  rightvote: "B>A",
  tievote: "A=B=Good",
  bothbad_vote: "A=B=Bad",
};

/** GenAI-Bench `model_vote` ("[[A>B]]" …) to a class; anything else (null, unparsed text) is null. */
export function parseModelVote(value: unknown): Vote4 | null {
  return typeof value === "string" ? (MODEL_VOTES[value.trim()] ?? null) : null;
}

/** GenAI-Bench `human_vote` / `vote_type` ("leftvote" …) to a class, or null when unknown. */
export function parseHumanVote(value: unknown): Vote4 | null {
  return typeof value === "string" ? (HUMAN_VOTES[value.trim()] ?? null) : null;
}

export function voteToLabel(vote: Vote4): Extract<HumanLabel, { kind: "ranking" }> {
  switch (vote) {
    case "A>B":
      return { kind: "ranking", tiers: [[0], [1]] };
    case "B>A":
      return { kind: "ranking", tiers: [[1], [0]] };
    case "A=B=Good":
      return { kind: "ranking", tiers: [[0, 1]], tieQuality: "good" };
    case "A=B=Bad":
      return { kind: "ranking", tiers: [[0, 1]], tieQuality: "bad" };
  }
}

/** The 4-class vote a two-candidate ranking label stands for; null for other shapes. */
export function labelToVote(label: HumanLabel): Vote4 | null {
  if (label.kind !== "ranking") return null;
  const [first, second] = label.tiers;
  if (label.tiers.length === 1 && first?.length === 2)
    return label.tieQuality === "bad" ? "A=B=Bad" : "A=B=Good";
  if (label.tiers.length === 2 && first?.length === 1 && second?.length === 1)
    return first[0] === 0 ? "A>B" : "B>A";
  return null;
}

/**
 * Turns two rewards into a 4-class vote, a named convention: a tie when |r₀ − r₁| ≤ `tieThreshold`,
 * the tie is Good when the mean reward ≥ `goodThreshold`. Null when either reward is null.
 */
export function rewardsToVote(
  scores: readonly (number | null)[],
  tieThreshold: number,
  goodThreshold = 0.5,
): Vote4 | null {
  const [a, b] = scores;
  if (a === null || a === undefined || b === null || b === undefined) return null;
  if (Math.abs(a - b) <= tieThreshold) return (a + b) / 2 >= goodThreshold ? "A=B=Good" : "A=B=Bad";
  return a > b ? "A>B" : "B>A";
}
