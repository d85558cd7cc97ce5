import { z } from "zod";
import type { ChatImagePart, ChatJsonSchema, ChatRequest } from "../../contract/backend.js";
import type { PreparedCase } from "../../contract/edit-case.js";
import type { JudgeRunOptions } from "../../contract/judge.js";
import type { Principle } from "../../contract/principle.js";
import type { JudgeResult } from "../../contract/result.js";
import { parseJsonAnswer } from "./json-answer.js";
import { firmPrompts } from "./original-prompts.js";
import { userMessage } from "./prompt-template.js";
import { textBudget } from "./text-budget.js";
import { VlmJudge } from "./vlm-judge.js";
import { buildResult, judgeCandidates, round, scoredVerdict } from "./vlm-result.js";
import type { VlmRuntime } from "./vlm-runtime.js";

const PRINCIPLES: Principle[] = [
  { id: "follow-1", kind: "follow", origin: "vlm", text: "execution: the instruction is carried out (1–5)" },
  {
    id: "keep-1",
    kind: "keep",
    origin: "vlm",
    text: "consistency: what was not mentioned is unchanged (1–5)",
  },
];

/** FIRM's answer to either prompt: `{"reasoning": "…", "score": [n]}` with n in 1–5. */
const ORIGINAL_ANSWER = z.object({
  reasoning: z.string().optional(),
  score: z.union([z.tuple([z.number().int().min(1).max(5)]), z.number().int().min(1).max(5)]),
});

const originalWireSchema = (reasoningChars: number) => ({
  type: "object",
  properties: {
    reasoning: { type: "string", maxLength: reasoningChars },
    score: { type: "array", items: { type: "integer", minimum: 1, maximum: 5 }, minItems: 1, maxItems: 1 },
  },
  required: ["reasoning", "score"],
  additionalProperties: false,
});

/** The own-worded variant's single answer (prompts/firm.v1.txt). */
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

/** FIRM's sampling for both calls (its reward server): greedy, at most 256 tokens. */
export const FIRM_SAMPLING = { temperature: 0, maxTokens: 256 } as const;

/** FIRM's normalisation of a 1–5 rating (`range_1_5`, its released configs): (s − 1)/4, so 1 → 0 and 5 → 1. */
export function firmNormalise(s: number): number {
  return (s - 1) / 4;
}

/**
 * FIRM's total score: clip(E'·(w1 + w2·C')/(w1 + w2), 0, 1) with E' = (E−1)/4, C' = (C−1)/4 on 1–5 ratings;
 * with the released weights w1 = 0.6, w2 = 0.4 that is E'·(0.6 + 0.4·C'). An edit not executed (E = 1) scores 0.
 */
export function firmReward(e: number, c: number, w1: number, w2: number): number {
  const denom = w1 + w2;
  if (denom <= 0) return 0;
  const r = (firmNormalise(e) * (w1 + w2 * firmNormalise(c))) / denom;
  return Math.min(1, Math.max(0, r));
}

interface FirmRatings {
  execution: number;
  consistency: number;
  reasoning: { execution: string; consistency: string };
}

/**
 * Original form: two calls (FIRM-Reward's `score_execution` and `score_consistency` modes), each with the images
 * [source, edited] first and then the prompt text filled with the instruction and `case.metadata.requirement`.
 */
async function askOriginal(
  rt: VlmRuntime,
  edit: PreparedCase,
  images: [ChatImagePart, ChatImagePart],
  jsonSchema: ChatJsonSchema | undefined,
  signal?: AbortSignal,
): Promise<FirmRatings> {
  const requirement = typeof edit.metadata?.requirement === "string" ? edit.metadata.requirement : "";
  const prompts = firmPrompts(rt.reference, edit.instruction, requirement);
  const ask = async (prompt: { id: string; text: string }, what: string) => {
    const request: ChatRequest = {
      promptId: prompt.id,
      messages: [{ role: "user", content: [...images, { type: "text", text: prompt.text }] }],
      temperature: rt.config.temperature ?? FIRM_SAMPLING.temperature,
      maxTokens: FIRM_SAMPLING.maxTokens,
      ...(jsonSchema ? { jsonSchema } : {}),
    };
    const reply = await rt.backend.complete(request, signal);
    const a = parseJsonAnswer(reply.choices[0], ORIGINAL_ANSWER, what, FIRM_SAMPLING.maxTokens);
    return { score: Array.isArray(a.score) ? a.score[0] : a.score, reasoning: a.reasoning ?? "" };
  };
  const [e, c] = await Promise.all([
    ask(prompts.execution, "firm execution"),
    ask(prompts.consistency, "firm consistency"),
  ]);
  return {
    execution: e.score,
    consistency: c.score,
    reasoning: { execution: e.reasoning, consistency: c.reasoning },
  };
}

/** Own-worded variant: one call asking for both ratings. */
async function askOwnWorded(
  rt: VlmRuntime,
  edit: PreparedCase,
  images: [ChatImagePart, ChatImagePart],
  jsonSchema: ChatJsonSchema | undefined,
  signal?: AbortSignal,
): Promise<FirmRatings> {
  const template = rt.template("firm");
  const reply = await rt.backend.complete(
    {
      promptId: template.id,
      messages: userMessage(
        template,
        { instruction: edit.instruction },
        { source: images[0], candidate: images[1] },
      ),
      temperature: rt.config.temperature ?? 0,
      maxTokens: rt.config.maxTokens,
      ...(jsonSchema ? { jsonSchema } : {}),
    },
    signal,
  );
  const a = parseJsonAnswer(reply.choices[0], ANSWER, "firm", rt.config.maxTokens);
  const reasoning = a.reasoning ?? "";
  return {
    execution: a.execution,
    consistency: a.consistency,
    reasoning: { execution: reasoning, consistency: reasoning },
  };
}

/**
 * FIRM (FIRM-Reward): execution E and consistency C on 1–5, normalised (s−1)/4; reward E'·(w1 + w2·C')/(w1+w2),
 * defaults w1 = 0.6, w2 = 0.4. Original form (default): FIRM's two prompts, one call each.
 */
export class FirmJudge extends VlmJudge {
  readonly id = "firm";
  readonly version = "2.0.0";
  protected async judgeCase(edit: PreparedCase, options: JudgeRunOptions): Promise<JudgeResult> {
    const rt = this.rt;
    const { firmW1: w1, firmW2: w2 } = rt.config;
    const caps = await rt.capabilities(options.signal);
    const original = rt.original(this.id);
    const source = await rt.images.encode(edit.source);
    const jsonSchema = original
      ? rt.schemaFor(caps, {
          name: "firm_score",
          schema: originalWireSchema(textBudget(FIRM_SAMPLING.maxTokens)),
        })
      : rt.schemaFor(caps, { name: "firm", schema: wireSchema(textBudget(rt.config.maxTokens)) });
    const candidates = await judgeCandidates(edit, PRINCIPLES, this.id, options, async (index) => {
      const edited = await rt.images.encode(edit.candidates[index] ?? edit.source);
      const a = await (original ? askOriginal : askOwnWorded)(
        rt,
        edit,
        [source, edited],
        jsonSchema,
        options.signal,
      );
      const e = firmNormalise(a.execution);
      const c = firmNormalise(a.consistency);
      const reward = round(firmReward(a.execution, a.consistency, w1, w2));
      return {
        reward,
        dimensions: { instructionFollowing: round(e), preservation: round(c), quality: null },
        verdicts: [
          scoredVerdict(
            "follow-1",
            e,
            `execution rated ${a.execution}/5`,
            this.id,
            { execution: a.execution },
            { reasoning: a.reasoning.execution },
          ),
          scoredVerdict(
            "keep-1",
            c,
            `consistency rated ${a.consistency}/5`,
            this.id,
            { consistency: a.consistency },
            { reasoning: a.reasoning.consistency },
          ),
        ],
      };
    });
    return buildResult(this, edit, PRINCIPLES, candidates, caps.notes, {
      capabilities: caps,
      weights: { w1, w2 },
      promptVariant: original ? "original" : "editjudge",
    });
  }
}
