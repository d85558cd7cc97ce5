export type VerdictStatus = "pass" | "fail" | "abstain";

/** A measured value: numbers where possible so programs can act on them. */
export type Measurement = number | string | boolean | null | readonly number[];

export interface Evidence {
  /** One readable sentence: what was measured and what it means. */
  summary: string;
  /** The numbers behind the summary, keyed by a stable name (e.g. "deltaL", "ssimOutside"). */
  measurements: Record<string, Measurement>;
  /** Which component decided: a check id ("tone"), a VLM judge id, or "hybrid:checks". */
  decidedBy: string;
  /** Structured extras (OCR boxes, detections, VLM raw text). */
  details?: unknown;
}

/** The verdict on one principle for one candidate. */
export interface Verdict {
  principleId: string;
  status: VerdictStatus;
  /** Degree of satisfaction in [0,1]; null when the judge abstained. pass ⇔ score ≥ 0.5. */
  score: number | null;
  /** Why it abstained, when it did. */
  reason?: string;
  evidence: Evidence;
}
