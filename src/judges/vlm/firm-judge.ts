import { z } from "zod";
import type { PreparedCase } from "../../contract/edit-case.js";
import type { JudgeRunOptions } from "../../contract/judge.js";
import type { Principle } from "../../contract/principle.js";
import type { JudgeResult } from "../../contract/result.js";
import { parseJsonAnswer } from "./json-answer.js";
import { userMessage } from "./prompt-template.js";
import { textBudget } from "./text-budget.js";
import { VlmJudge } from "./vlm-judge.js";
import { buildResult, judgeCandidates, round, scoredVerdict } from "./vlm-result.js";

const PRINCIPLES: Principle[] = [
  { id: "follow-1", kind: "follow", origin: "vlm", text: "execution: the instruction is carried out (1–5)" },
  {
    id: "keep-1",
    kind: "keep",
    origin: "vlm",
    text: "consistency: what was not mentioned is unchanged (1–5)",
  },
];

const ANSWER = z.object({
  reasoning: z.string().optional(),
  execution: z.number().int().min(1).max(5),
  consistency: z.number().int().min(1).max(5),
});

const wireSchema = (reasoningChars: number) => ({
  type: "object",
  properties: {
    reasoning: { type: "string", maxLength: reasoningChars },
    execution: { type: "integer", minimum: 1, maximum: 5 },
    consistency: { type: "integer", minimum: 1, maximum: 5 },
  },
  required: ["reasoning", "execution", "consistency"],
  additionalProperties: false,
});

/** FIRM reward: clip((E/5) · (w1 + w2·C/5) / (w1 + w2), 0, 1) with E, C on 1–5. */
export function firmReward(e: number, c: number, w1: number, w2: number): number {
  const r = ((e / 5) * (w1 + (w2 * c) / 5)) / (w1 + w2);
  return Math.min(1, Math.max(0, r));
}

/** FIRM-style judge: execution E and consistency C on 1–5; defaults w1 = 0.6, w2 = 0.4. */
export class FirmJudge extends VlmJudge {
  readonly id = "firm";
  readonly version = "1.0.0";
  protected async judgeCase(edit: PreparedCase, options: JudgeRunOptions): Promise<JudgeResult> {
    const rt = this.rt;
    const { firmW1: w1, firmW2: w2 } = rt.config;
    const caps = await rt.capabilities(options.signal);
    const template = rt.template("firm");
    const source = await rt.images.encode(edit.source);
    const jsonSchema = rt.schemaFor(caps, {
      name: "firm",
      schema: wireSchema(textBudget(rt.config.maxTokens)),
    });
    const candidates = await judgeCandidates(edit, PRINCIPLES, this.id, options, async (index) => {
      const edited = await rt.images.encode(edit.candidates[index] ?? edit.source);
      const reply = await rt.backend.complete(
        {
          promptId: template.id,
          messages: userMessage(template, { instruction: edit.instruction }, { source, candidate: edited }),
          temperature: rt.config.temperature ?? 0,
          maxTokens: rt.config.maxTokens,
          ...(jsonSchema ? { jsonSchema } : {}),
        },
        options.signal,
      );
      const a = parseJsonAnswer(reply.choices[0], ANSWER, "firm", rt.config.maxTokens);
      const details = { reasoning: a.reasoning ?? "" };
      const reward = round(firmReward(a.execution, a.consistency, w1, w2));
      return {
        reward,
        dimensions: {
          instructionFollowing: round(a.execution / 5),
          preservation: round(a.consistency / 5),
          quality: null,
        },
        verdicts: [
          scoredVerdict(
            "follow-1",
            a.execution / 5,
            `execution rated ${a.execution}/5`,
            this.id,
            { execution: a.execution },
            details,
          ),
          scoredVerdict(
            "keep-1",
            a.consistency / 5,
            `consistency rated ${a.consistency}/5`,
            this.id,
            { consistency: a.consistency },
            details,
          ),
        ],
      };
    });
    return buildResult(this, edit, PRINCIPLES, candidates, caps.notes, {
      capabilities: caps,
      weights: { w1, w2 },
    });
  }
}
