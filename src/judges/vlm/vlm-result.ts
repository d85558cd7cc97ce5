import type { PreparedCase } from "../../contract/edit-case.js";
import type { JudgeRunOptions } from "../../contract/judge.js";
import type { Principle } from "../../contract/principle.js";
import type { CandidateResult, JudgeResult } from "../../contract/result.js";
import type { Verdict } from "../../contract/verdict.js";
import { BackendCallError } from "../../errors/backend-call-error.js";
import { EditJudgeError } from "../../errors/editjudge-error.js";
import { JudgeOutputParseError } from "../../errors/judge-output-parse-error.js";
import { rankCandidates } from "../../scoring/aggregate.js";

/** A candidate's result without its index and name, which the runner fills in. */
export type CandidateOutcome = Omit<CandidateResult, "index" | "name">;

/**
 * Judges every candidate (concurrently; the backend bounds calls in flight). A candidate whose
 * judging fails gets an explicit error and abstaining verdicts that carry the raw reply, never a score.
 */
export async function judgeCandidates(
  edit: PreparedCase,
  principles: readonly Principle[],
  decidedBy: string,
  options: JudgeRunOptions,
  judgeOne: (index: number) => Promise<CandidateOutcome>,
): Promise<CandidateResult[]> {
  let done = 0;
  return Promise.all(
    edit.candidates.map(async (candidate, index): Promise<CandidateResult> => {
      let outcome: CandidateOutcome;
      try {
        outcome = await judgeOne(index);
      } catch (error) {
        if (options.signal?.aborted || !(error instanceof EditJudgeError)) throw error;
        outcome = failedOutcome(principles, decidedBy, error);
      }
      options.onProgress?.(++done, edit.candidates.length);
      return { index, name: candidate.name, ...outcome };
    }),
  );
}

/** A model-server failure that retrying later may cure: 408, 429, 5xx, no connection, or a call timeout. */
function isTransient(error: EditJudgeError): boolean {
  return (error instanceof BackendCallError && error.isRetryable) || error.code === "timeout";
}

/** The outcome of a candidate that could not be judged: error set, reward null, every verdict abstains. */
export function failedOutcome(
  principles: readonly Principle[],
  decidedBy: string,
  error: EditJudgeError,
): CandidateOutcome {
  const rawText = error instanceof JudgeOutputParseError ? error.rawText : undefined;
  const verdicts: Verdict[] = principles.map((p) => ({
    principleId: p.id,
    status: "abstain",
    score: null,
    reason: error.message,
    evidence: {
      summary: `not judged: ${error.message}`,
      measurements: {},
      decidedBy,
      ...(rawText !== undefined ? { details: { rawText } } : {}),
    },
  }));
  return {
    reward: null,
    rewardReason: error.message,
    dimensions: { instructionFollowing: null, preservation: null, quality: null },
    verdicts,
    error: {
      code: error.code,
      message: error.message,
      ...(isTransient(error) ? { transient: true as const } : {}),
    },
  };
}

export function buildResult(
  judge: { id: string; version: string },
  edit: PreparedCase,
  principles: Principle[],
  candidates: CandidateResult[],
  notes: string[],
  extra?: Record<string, unknown>,
): JudgeResult {
  return {
    contractVersion: "1",
    judge: { id: judge.id, version: judge.version },
    instruction: edit.instruction,
    principles,
    candidates,
    ranking: rankCandidates(candidates.map((c) => c.reward)),
    notes,
    ...(extra ? { extra } : {}),
  };
}

/** A verdict from a score in [0,1]: pass ⇔ score ≥ 0.5. */
export function scoredVerdict(
  principleId: string,
  score: number,
  summary: string,
  decidedBy: string,
  measurements: Verdict["evidence"]["measurements"],
  details?: unknown,
): Verdict {
  return {
    principleId,
    status: score >= 0.5 ? "pass" : "fail",
    score: round(score),
    evidence: { summary, measurements, decidedBy, ...(details !== undefined ? { details } : {}) },
  };
}

export function round(x: number): number {
  return Math.round(x * 1e6) / 1e6;
}
