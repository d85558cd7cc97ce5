import type { Principle } from "../contract/principle.js";
import type { Measurement, Verdict } from "../contract/verdict.js";

/** Who decided content verdicts, for `evidence.decidedBy`. */
export type ContentCheckId = "content:ocr" | "content:detector" | "content:faces";

/** A decided verdict: pass ⇔ score ≥ 0.5. */
export function scoredVerdict(
  principle: Principle,
  decidedBy: ContentCheckId,
  score: number,
  summary: string,
  measurements: Record<string, Measurement>,
  details?: unknown,
): Verdict {
  const s = Math.round(Math.min(1, Math.max(0, score)) * 1e4) / 1e4;
  return {
    principleId: principle.id,
    status: s >= 0.5 ? "pass" : "fail",
    score: s,
    evidence: { summary, measurements, decidedBy, ...(details === undefined ? {} : { details }) },
  };
}

export function abstainVerdict(
  principle: Principle,
  decidedBy: ContentCheckId,
  reason: string,
  details?: unknown,
): Verdict {
  return {
    principleId: principle.id,
    status: "abstain",
    score: null,
    reason,
    evidence: { summary: reason, measurements: {}, decidedBy, ...(details === undefined ? {} : { details }) },
  };
}
