import type { Principle } from "../../contract/principle.js";
import type { Measurement, Verdict } from "../../contract/verdict.js";
import { round3 } from "./score-curve.js";

/** A pass/fail verdict from a score in [0,1]: pass ⇔ score ≥ 0.5. */
export function makeVerdict(
  principle: Principle,
  score: number,
  summary: string,
  measurements: Record<string, Measurement>,
  decidedBy: string,
): Verdict {
  const s = round3(Math.min(1, Math.max(0, score)));
  return {
    principleId: principle.id,
    status: s >= 0.5 ? "pass" : "fail",
    score: s,
    evidence: { summary, measurements: roundAll(measurements), decidedBy },
  };
}

export function abstainVerdict(
  principle: Principle,
  reason: string,
  decidedBy: string,
  measurements: Record<string, Measurement> = {},
): Verdict {
  return {
    principleId: principle.id,
    status: "abstain",
    score: null,
    reason,
    evidence: { summary: reason, measurements: roundAll(measurements), decidedBy },
  };
}

function roundAll(m: Record<string, Measurement>): Record<string, Measurement> {
  const out: Record<string, Measurement> = {};
  for (const [k, v] of Object.entries(m)) out[k] = typeof v === "number" ? Math.round(v * 10000) / 10000 : v;
  return out;
}
