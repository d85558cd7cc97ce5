import { z } from "zod";
import type { ChatImagePart } from "../../contract/backend.js";
import type { PreparedCase } from "../../contract/edit-case.js";
import type { JudgeRunOptions } from "../../contract/judge.js";
import type { Principle } from "../../contract/principle.js";
import type { CandidateResult, JudgeResult } from "../../contract/result.js";
import { EditJudgeError } from "../../errors/editjudge-error.js";
import { InputError } from "../../errors/input-error.js";
import { parseJsonAnswer } from "./json-answer.js";
import { userMessage } from "./prompt-template.js";
import { textBudget } from "./text-budget.js";
import { VlmJudge } from "./vlm-judge.js";
import { buildResult, failedOutcome, round, scoredVerdict } from "./vlm-result.js";

export type PairVerdict = "A>B" | "B>A" | "A=B=Good" | "A=B=Bad";
const VERDICTS = ["A>B", "B>A", "A=B=Good", "A=B=Bad"] as const;
const ANSWER = z.object({ reasoning: z.string().optional(), verdict: z.enum(VERDICTS) });
const wireSchema = (reasoningChars: number) => ({
  type: "object",
  properties: {
    reasoning: { type: "string", maxLength: reasoningChars },
    verdict: { type: "string", enum: [...VERDICTS] },
  },
  required: ["reasoning", "verdict"],
  additionalProperties: false,
});

const PRINCIPLES: Principle[] = [
  { id: "follow-1", kind: "follow", origin: "vlm", text: "this edit is preferred over the other (pairwise)" },
];

/** Rewards of [first, second] candidate for a verdict in the original order. */
export function pairRewards(v: PairVerdict): [number, number] {
  return v === "A>B" ? [1, 0] : v === "B>A" ? [0, 1] : v === "A=B=Good" ? [0.5, 0.5] : [0, 0];
}

/** A verdict given with the candidates swapped, expressed in the original order. */
export function unswap(v: PairVerdict): PairVerdict {
  return v === "A>B" ? "B>A" : v === "B>A" ? "A>B" : v;
}

/**
 * GenAI-Bench-style pairwise judge for exactly two candidates. It asks once as (A, B) and once
 * swapped as (B, A); each candidate's reward is the mean over both orders of 1 (preferred), 0 (not
 * preferred), 0.5 (A=B=Good) or 0 (A=B=Bad). `extra` holds both verdicts and position consistency.
 */
export class PairwiseJudge extends VlmJudge {
  readonly id = "pairwise";
  readonly version = "1.0.0";
  protected async judgeCase(edit: PreparedCase, options: JudgeRunOptions): Promise<JudgeResult> {
    const [first, second] = edit.candidates;
    if (edit.candidates.length !== 2 || !first || !second) {
      throw new InputError(
        "candidates",
        `the pairwise judge compares exactly 2 candidates, got ${edit.candidates.length}; pass two --candidate images`,
      );
    }
    const rt = this.rt;
    const caps = await rt.capabilities(options.signal);
    const [source, a, b] = await Promise.all([
      rt.images.encode(edit.source),
      rt.images.encode(first),
      rt.images.encode(second),
    ]);
    const jsonSchema = rt.schemaFor(caps, {
      name: "pairwise",
      schema: wireSchema(textBudget(rt.config.maxTokens)),
    });
    const ask = async (x: ChatImagePart, y: ChatImagePart): Promise<PairVerdict> => {
      const template = rt.template("pairwise");
      const reply = await rt.backend.complete(
        {
          promptId: template.id,
          messages: userMessage(template, { instruction: edit.instruction }, { source, a: x, b: y }),
          temperature: rt.config.temperature ?? 0,
          maxTokens: rt.config.maxTokens,
          ...(jsonSchema ? { jsonSchema } : {}),
        },
        options.signal,
      );
      return parseJsonAnswer(reply.choices[0], ANSWER, "pairwise", rt.config.maxTokens).verdict;
    };
    let candidates: CandidateResult[];
    let extra: Record<string, unknown> = { capabilities: caps };
    try {
      const [original, swapped] = await Promise.all([ask(a, b), ask(b, a)]);
      const mapped = unswap(swapped);
      const r1 = pairRewards(original);
      const r2 = pairRewards(mapped);
      const consistent = original === mapped;
      candidates = [first, second].map((c, index) => {
        const reward = round(((r1[index] ?? 0) + (r2[index] ?? 0)) / 2);
        const verdict = scoredVerdict(
          "follow-1",
          reward,
          `as (A,B): ${original}; swapped, in original order: ${mapped}${consistent ? "" : " (position-inconsistent)"}`,
          this.id,
          { original, swapped, swappedInOriginalOrder: mapped, positionConsistent: consistent },
        );
        return {
          index,
          name: c.name,
          reward,
          dimensions: { instructionFollowing: reward, preservation: null, quality: null },
          verdicts: [verdict],
        };
      });
      extra = {
        ...extra,
        verdicts: { original, swapped, swappedInOriginalOrder: mapped },
        positionConsistent: consistent,
      };
    } catch (error) {
      if (options.signal?.aborted || !(error instanceof EditJudgeError)) throw error;
      const failed = failedOutcome(PRINCIPLES, this.id, error);
      candidates = [first, second].map((c, index) => ({ index, name: c.name, ...failed }));
      extra = { ...extra, positionConsistent: null };
    }
    options.onProgress?.(2, 2);
    return buildResult(this, edit, PRINCIPLES, candidates, caps.notes, extra);
  }
}
