import type { PreparedCase } from "../../contract/edit-case.js";
import type { Judge, JudgeRunOptions } from "../../contract/judge.js";
import type { CandidateResult, JudgeResult } from "../../contract/result.js";
import type { Verdict } from "../../contract/verdict.js";
import { parseInstruction } from "../../instruction/parse-instruction.js";
import { aggregateVerdicts, rankCandidates } from "../../scoring/aggregate.js";

export const CHECKS_JUDGE_VERSION = "0.1.0";

/** The embedded judge: rule-based principles, verified by pure pixel checks. */
export class ChecksJudge implements Judge {
  readonly id = "checks";
  readonly version = CHECKS_JUDGE_VERSION;

  async judge(edit: PreparedCase, options: JudgeRunOptions = {}): Promise<JudgeResult> {
    const principles = parseInstruction(edit.instruction);
    const candidates: CandidateResult[] = [];
    for (const [index, candidate] of edit.candidates.entries()) {
      options.signal?.throwIfAborted();
      const verdicts: Verdict[] = principles.map((p) => ({
        principleId: p.id,
        status: "abstain",
        score: null,
        reason: "not implemented",
        evidence: { summary: "not implemented", measurements: {}, decidedBy: "checks" },
      }));
      candidates.push({ index, name: candidate.name, ...aggregateVerdicts(principles, verdicts), verdicts });
      options.onProgress?.(index + 1, edit.candidates.length);
    }
    return {
      contractVersion: "1",
      judge: { id: this.id, version: this.version },
      instruction: edit.instruction,
      principles,
      candidates,
      ranking: rankCandidates(candidates.map((c) => c.reward)),
      notes: [],
    };
  }
}
