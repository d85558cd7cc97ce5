import type { KeepRule } from "./server-options.js";

export interface GroupStats {
  /** Mean of the non-null rewards, or null when none. */
  mean: number | null;
  /** Population standard deviation of the non-null rewards, or null when none. */
  std: number | null;
  /** How many rewards were not null. */
  scored: number;
  /** (r − mean) / (std + eps) per candidate; null where the reward is null. */
  advantages: Array<number | null>;
  /** Low-variance filter: std > minStd and mean < maxMean. False when fewer than two rewards are known. */
  keep: boolean;
}

/**
 * GRPO group statistics over the non-null rewards only. A null reward (judge abstained or failed) gets a null
 * advantage, so the trainer can mask it out; it is never counted as 0.
 */
export function groupAdvantages(
  rewards: ReadonlyArray<number | null>,
  keep: KeepRule,
  epsilon: number,
): GroupStats {
  const known = rewards.filter((r): r is number => r !== null);
  if (known.length === 0)
    return { mean: null, std: null, scored: 0, advantages: rewards.map(() => null), keep: false };
  const mean = known.reduce((a, b) => a + b, 0) / known.length;
  const std = Math.sqrt(known.reduce((a, r) => a + (r - mean) ** 2, 0) / known.length);
  return {
    mean,
    std,
    scored: known.length,
    advantages: rewards.map((r) => (r === null ? null : (r - mean) / (std + epsilon))),
    keep: known.length >= 2 && std > keep.minStd && mean < keep.maxMean,
  };
}
