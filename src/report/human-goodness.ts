import type { HumanLabel } from "../bench/bench-item.js";

/**
 * How good humans found each candidate, in [0, 1], for the reliability plot (a named convention):
 * rankings map tier t of T to 1 − t/(T−1); a lone tie tier is 1 ("A=B=Good") or 0 ("A=B=Bad");
 * score labels are clamped to [0, 1].
 */
export function humanGoodness(label: HumanLabel): number[] {
  if (label.kind === "scores") return label.scores.map((s) => Math.max(0, Math.min(1, s)));
  const out: number[] = [];
  const T = label.tiers.length;
  for (const [t, tier] of label.tiers.entries()) {
    const g = T === 1 ? (label.tieQuality === "bad" ? 0 : 1) : 1 - t / (T - 1);
    for (const c of tier) out[c] = g;
  }
  return out;
}
