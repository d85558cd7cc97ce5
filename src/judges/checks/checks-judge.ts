import type { PreparedCase } from "../../contract/edit-case.js";
import type { Judge, JudgeRunOptions } from "../../contract/judge.js";
import type { Principle } from "../../contract/principle.js";
import type { CandidateResult, JudgeResult } from "../../contract/result.js";
import type { Verdict } from "../../contract/verdict.js";
import { createInstructionParser } from "../../instruction/instruction-parser.js";
import { aggregateVerdicts, rankCandidates } from "../../scoring/aggregate.js";
import type { ContentStage } from "./content-stage.js";
import { PairAnalysis, SourceAnalysis } from "./pair-analysis.js";
import { verifyPrinciple } from "./verify-principle.js";

export const CHECKS_JUDGE_VERSION = "0.2.0";

export interface ChecksJudgeOptions {
  /** Content models (OCR, detector, faces). Without one, content principles abstain. */
  contentStage?: ContentStage;
}

/** The embedded judge: rule-based principles, verified by pure pixel checks and, optionally, content models. */
export class ChecksJudge implements Judge {
  readonly id = "checks";
  readonly version = CHECKS_JUDGE_VERSION;
  readonly #content: ContentStage | undefined;
  /** One parser per judge: loads the language model once. */
  readonly #parser = createInstructionParser();

  constructor(options: ChecksJudgeOptions = {}) {
    this.#content = options.contentStage;
  }

  async judge(edit: PreparedCase, options: JudgeRunOptions = {}): Promise<JudgeResult> {
    let principles: Principle[] = this.#parser.parse(edit.instruction);
    if (this.#content) principles = await this.#content.principlesFor(edit, principles, options.signal);
    const ops = principles.flatMap((p) => (p.kind === "follow" && p.op ? [p.op.op] : []));
    const source = new SourceAnalysis(edit.source);
    const candidates: CandidateResult[] = [];
    for (const [index, candidate] of edit.candidates.entries()) {
      options.signal?.throwIfAborted();
      const verdicts: Verdict[] = [];
      const pair = new PairAnalysis(source, candidate);
      for (const principle of principles) {
        const content = this.#content
          ? await this.#content.verify(principle, edit, index, options.signal)
          : null;
        verdicts.push(content ?? verifyPrinciple(principle, ops, pair));
      }
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

  async close(): Promise<void> {
    await this.#content?.close?.();
  }
}
