import { z } from "zod";
import type { ChatImagePart, ChatPart, ChatRequest } from "../../contract/backend.js";
import type { PreparedCase } from "../../contract/edit-case.js";
import type { JudgeRunOptions } from "../../contract/judge.js";
import type { Principle } from "../../contract/principle.js";
import type { CandidateResult, JudgeResult } from "../../contract/result.js";
import { EditJudgeError } from "../../errors/editjudge-error.js";
import { InputError } from "../../errors/input-error.js";
import { JudgeOutputParseError } from "../../errors/judge-output-parse-error.js";
import { clip, parseJsonAnswer } from "./json-answer.js";
import { pairwiseSlots } from "./original-prompts.js";
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
 * Reads GenAI-Bench's verdict label from a free-text reply as its `parse_response` does: the first `[[…]]` on a
 * line (Python `re.search(r"\[\[.*\]\]")`), which must be one of the four labels; `[[A>>B]]` / `[[B>>A]]`, which
 * its scoring counts as A>B / B>A, are read so too. Anything else, including `[[A=B]]` (no Good/Bad), is unreadable.
 */
export function parseGenaiVerdict(text: string): PairVerdict | null {
  const match = /\[\[.*\]\]/.exec(text)?.[0];
  if (!match) return null;
  const label = match.slice(2, -2).replace(">>", ">");
  return (VERDICTS as readonly string[]).includes(label) ? (label as PairVerdict) : null;
}

/** Captions GenAI-Bench's template asks for, from `case.metadata` (its column names); "" when absent. */
function captions(edit: PreparedCase): { source_prompt: string; target_prompt: string; given: boolean } {
  const text = (key: string) =>
    typeof edit.metadata?.[key] === "string" ? (edit.metadata[key] as string) : "";
  const source = text("source_prompt");
  const target = text("target_prompt");
  return { source_prompt: source, target_prompt: target, given: source !== "" || target !== "" };
}

/**
 * Pairwise judge for exactly two candidates, GenAI-Bench's image-edition judge. Original form (default): its
 * template read from GenAI-Bench, text and images interleaved where the template puts them (source, A, B), the
 * verdict read from the `[[…]]` label. `pairwiseOrders: "given"` (default, GenAI-Bench's form and the one `bench`
 * uses for its parity) asks once in the given order: rewards 1/0 for the preferred/other, 0.5 each for A=B=Good,
 * 0 each for A=B=Bad. `"both"` also asks with the candidates swapped and averages the two, reporting position
 * consistency. The own-worded variant asks for a JSON verdict instead.
 */
export class PairwiseJudge extends VlmJudge {
  readonly id = "pairwise";
  readonly version = "2.0.0";
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
    const original = rt.original(this.id);
    const both = rt.config.pairwiseOrders === "both";
    const caption = captions(edit);
    const jsonSchema = original
      ? undefined
      : rt.schemaFor(caps, { name: "pairwise", schema: wireSchema(textBudget(rt.config.maxTokens)) });
    const ask = async (x: ChatImagePart, y: ChatImagePart): Promise<PairVerdict> => {
      const base = { temperature: rt.config.temperature ?? 0, maxTokens: rt.config.maxTokens };
      if (original) {
        const filled = pairwiseSlots(rt.reference, {
          source_prompt: caption.source_prompt,
          target_prompt: caption.target_prompt,
          instruct_prompt: edit.instruction,
        });
        const images: Record<string, ChatImagePart> = {
          source_image: source,
          left_output_image: x,
          right_output_image: y,
        };
        const content: ChatPart[] = filled.slots.flatMap((slot): ChatPart[] =>
          "image" in slot
            ? [images[slot.image] as ChatImagePart]
            : slot.text.length > 0
              ? [{ type: "text", text: slot.text }]
              : [],
        );
        const request: ChatRequest = { promptId: filled.id, messages: [{ role: "user", content }], ...base };
        const reply = await rt.backend.complete(request, options.signal);
        const choice = reply.choices[0];
        const text = choice?.text ?? "";
        const verdict = parseGenaiVerdict(text);
        if (!verdict && choice?.finishReason === "length") {
          throw new JudgeOutputParseError(
            `the pairwise reply was cut off at the max-tokens limit of ${rt.config.maxTokens} tokens (finish_reason "length") before its [[…]] label; raise --max-tokens`,
            text,
          );
        }
        if (!verdict) {
          throw new JudgeOutputParseError(
            `the pairwise reply holds no [[A>B]], [[B>A]], [[A=B=Good]] or [[A=B=Bad]] label: "${clip(text)}"`,
            text,
          );
        }
        return verdict;
      }
      const template = rt.template("pairwise");
      const reply = await rt.backend.complete(
        {
          promptId: template.id,
          messages: userMessage(template, { instruction: edit.instruction }, { source, a: x, b: y }),
          ...base,
          ...(jsonSchema ? { jsonSchema } : {}),
        },
        options.signal,
      );
      return parseJsonAnswer(reply.choices[0], ANSWER, "pairwise", rt.config.maxTokens).verdict;
    };
    const common = {
      capabilities: caps,
      promptVariant: original ? "original" : "editjudge",
      orders: both ? "both" : "given",
      ...(original ? { captions: caption.given ? "from metadata" : "none (empty)" } : {}),
    };
    let candidates: CandidateResult[];
    let extra: Record<string, unknown> = common;
    try {
      if (!both) {
        const verdict = await ask(a, b);
        const rewards = pairRewards(verdict);
        candidates = [first, second].map((c, index) => {
          const reward = rewards[index] ?? 0;
          return {
            index,
            name: c.name,
            reward,
            dimensions: { instructionFollowing: reward, preservation: null, quality: null },
            verdicts: [scoredVerdict("follow-1", reward, `as (A,B): ${verdict}`, this.id, { verdict })],
          };
        });
        extra = { ...common, verdicts: { original: verdict } };
      } else {
        const [asGiven, swapped] = await Promise.all([ask(a, b), ask(b, a)]);
        const mapped = unswap(swapped);
        const r1 = pairRewards(asGiven);
        const r2 = pairRewards(mapped);
        const consistent = asGiven === mapped;
        candidates = [first, second].map((c, index) => {
          const reward = round(((r1[index] ?? 0) + (r2[index] ?? 0)) / 2);
          const verdict = scoredVerdict(
            "follow-1",
            reward,
            `as (A,B): ${asGiven}; swapped, in original order: ${mapped}${consistent ? "" : " (position-inconsistent)"}`,
            this.id,
            { original: asGiven, swapped, swappedInOriginalOrder: mapped, positionConsistent: consistent },
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
          ...common,
          verdicts: { original: asGiven, swapped, swappedInOriginalOrder: mapped },
          positionConsistent: consistent,
        };
      }
    } catch (error) {
      if (options.signal?.aborted || !(error instanceof EditJudgeError)) throw error;
      const failed = failedOutcome(PRINCIPLES, this.id, error);
      candidates = [first, second].map((c, index) => ({ index, name: c.name, ...failed }));
      extra = { ...common, ...(both ? { positionConsistent: null } : {}) };
    }
    options.onProgress?.(2, 2);
    return buildResult(this, edit, PRINCIPLES, candidates, caps.notes, extra);
  }
}
