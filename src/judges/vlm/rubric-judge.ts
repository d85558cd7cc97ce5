import type { PreparedCase } from "../../contract/edit-case.js";
import type { JudgeRunOptions } from "../../contract/judge.js";
import type { Principle } from "../../contract/principle.js";
import type { JudgeResult } from "../../contract/result.js";
import { EditJudgeError } from "../../errors/editjudge-error.js";
import { aggregateVerdicts } from "../../scoring/aggregate.js";
import { splitInstruction, userPrinciples } from "./rubric-principles.js";
import { verifyPrinciple } from "./verify-principle.js";
import { VlmJudge } from "./vlm-judge.js";
import { buildResult, failedOutcome, judgeCandidates } from "./vlm-result.js";

/**
 * Edit-RRM-style rubric judge. Principles come from the request (`--principle`, RewardAnything style)
 * or from the VLM splitting the instruction into Follow/Keep/Quality. Each principle is verified with a
 * yes/no question (score P(yes) with logprobs), and the verdicts are aggregated exactly as in `checks`.
 */
export class RubricJudge extends VlmJudge {
  readonly id = "rubric";
  readonly version = "1.1.0";
  protected async judgeCase(edit: PreparedCase, options: JudgeRunOptions): Promise<JudgeResult> {
    const rt = this.rt;
    const caps = await rt.capabilities(options.signal);
    const notes = [...caps.notes];
    let principles: Principle[];
    if (edit.principles && edit.principles.length > 0) {
      principles = userPrinciples(edit.principles);
      notes.push(`${principles.length} user-supplied principles`);
    } else {
      try {
        principles = await splitInstruction(rt, edit, caps, options.signal);
      } catch (error) {
        if (options.signal?.aborted || !(error instanceof EditJudgeError)) throw error;
        const failed = failedOutcome([], this.id, error);
        const candidates = edit.candidates.map((c, index) => ({ index, name: c.name, ...failed }));
        notes.push(`could not split the instruction into principles: ${error.message}`);
        return buildResult(this, edit, [], candidates, notes, { capabilities: caps });
      }
    }
    const candidates = await judgeCandidates(edit, principles, this.id, options, async (index) => {
      const verdicts = await Promise.all(
        principles.map((p) => verifyPrinciple(rt, edit, index, p, caps, this.id, options.signal)),
      );
      return { ...aggregateVerdicts(principles, verdicts), verdicts };
    });
    return buildResult(this, edit, principles, candidates, notes, {
      capabilities: caps,
      scoring: caps.logprobs ? "P(yes) from top_logprobs" : "yes/no text (no logprobs)",
    });
  }
}
