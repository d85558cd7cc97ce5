import type { Principle } from "../contract/principle.js";
import type { Verdict } from "../contract/verdict.js";
import { describeBox } from "./box-geometry.js";
import type { Face } from "./content-types.js";
import { scoredVerdict } from "./content-verdict.js";

/** Raw cosine similarity of two embeddings (not Human's clamped, re-scaled similarity). */
export function cosine(a: readonly number[], b: readonly number[]): number {
  let dot = 0;
  let na = 0;
  let nb = 0;
  for (let i = 0; i < Math.min(a.length, b.length); i++) {
    const x = a[i] as number;
    const y = b[i] as number;
    dot += x * y;
    na += x * x;
    nb += y * y;
  }
  return na === 0 || nb === 0 ? 0 : dot / Math.sqrt(na * nb);
}

/** Maps a cosine to a score: `threshold` → 0.5, 1 → 1, `threshold − 0.3` or less → 0. */
export function identityScore(cos: number, threshold: number): number {
  if (cos >= threshold) return 0.5 + (0.5 * (cos - threshold)) / (1 - threshold);
  return Math.max(0, (0.5 * (cos - (threshold - 0.3))) / 0.3);
}

/**
 * Keep principle: every face of the source is still the same person in the candidate. Faces are paired
 * greedily by highest cosine (so geometric edits still match); the worst pair decides.
 */
export function verifyIdentity(
  principle: Principle,
  source: readonly Face[],
  candidate: readonly Face[],
  threshold: number,
): Verdict {
  const pairs: Array<{
    sourceBox: readonly number[];
    candidateBox: readonly number[] | null;
    cosine: number;
  }> = [];
  const free = new Set(candidate.map((_, i) => i));
  const all = source.flatMap((s, si) =>
    candidate.map((c, ci) => ({ si, ci, cos: cosine(s.embedding, c.embedding) })),
  );
  all.sort((a, b) => b.cos - a.cos);
  const matched = new Map<number, { ci: number; cos: number }>();
  for (const p of all) {
    if (matched.has(p.si) || !free.has(p.ci)) continue;
    matched.set(p.si, { ci: p.ci, cos: p.cos });
    free.delete(p.ci);
  }
  for (const [si, s] of source.entries()) {
    const m = matched.get(si);
    pairs.push({
      sourceBox: s.box,
      candidateBox: m ? (candidate[m.ci]?.box ?? null) : null,
      cosine: m ? Math.round(m.cos * 1e4) / 1e4 : 0,
    });
  }
  const cosines = pairs.map((p) => p.cosine);
  const worst = Math.min(...cosines);
  const words = pairs.map(
    (p, i) =>
      `face ${i + 1} at ${describeBox(p.sourceBox as [number, number, number, number])}: ${p.candidateBox ? `cosine ${p.cosine.toFixed(3)}` : "not found in the candidate"}`,
  );
  const verdictWord = worst >= threshold ? "same person" : "identity changed";
  return scoredVerdict(
    principle,
    "content:faces",
    identityScore(worst, threshold),
    `${words.join("; ")} (${verdictWord}; threshold ${threshold})`,
    {
      faceCosines: cosines,
      minCosine: worst,
      threshold,
      sourceFaces: source.length,
      candidateFaces: candidate.length,
    },
    { pairs },
  );
}
