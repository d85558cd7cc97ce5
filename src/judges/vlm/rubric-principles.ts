import { z } from "zod";
import type { BackendCapabilities } from "../../contract/backend.js";
import type { PreparedCase } from "../../contract/edit-case.js";
import type { Principle, PrincipleKind } from "../../contract/principle.js";
import { parseJsonAnswer } from "./json-answer.js";
import { userMessage } from "./prompt-template.js";
import { textBudget } from "./text-budget.js";
import type { VlmRuntime } from "./vlm-runtime.js";

/**
 * User principles (RewardAnything style). A "follow:", "keep:" or "quality:" prefix sets the kind;
 * without one a principle is a follow principle.
 */
export function userPrinciples(texts: readonly string[]): Principle[] {
  const counts: Record<PrincipleKind, number> = { follow: 0, keep: 0, quality: 0 };
  return texts.map((raw) => {
    const m = /^\s*(follow|keep|quality)\s*:\s*(.+)$/is.exec(raw);
    const kind = (m?.[1]?.toLowerCase() as PrincipleKind | undefined) ?? "follow";
    const text = (m?.[2] ?? raw).trim();
    counts[kind]++;
    return { id: `${kind}-${counts[kind]}`, text, kind, origin: "user" };
  });
}

const SPLIT = z.object({
  follow: z.array(z.string().min(1)).min(1),
  keep: z.array(z.string().min(1)).default([]),
  quality: z.array(z.string().min(1)).default([]),
});

/** At most this many principles of each kind in a constrained split, so its text budget per principle is known. */
const MAX_PER_KIND = 4;

function splitSchema(maxTokens: number): Record<string, unknown> {
  const item = { type: "string", minLength: 1, maxLength: textBudget(maxTokens, 3 * MAX_PER_KIND) };
  const list = { type: "array", items: item, maxItems: MAX_PER_KIND };
  return {
    type: "object",
    properties: { follow: { ...list, minItems: 1 }, keep: list, quality: list },
    required: ["follow", "keep", "quality"],
    additionalProperties: false,
  };
}

/** Edit-RRM style: the VLM splits the instruction into Follow, Keep and Quality principles (once per case). */
export async function splitInstruction(
  rt: VlmRuntime,
  edit: PreparedCase,
  caps: BackendCapabilities,
  signal?: AbortSignal,
): Promise<Principle[]> {
  const template = rt.template("rubric-split");
  const source = await rt.images.encode(edit.source);
  const jsonSchema = rt.schemaFor(caps, {
    name: "rubric_principles",
    schema: splitSchema(rt.config.maxTokens),
  });
  const reply = await rt.backend.complete(
    {
      promptId: template.id,
      messages: userMessage(template, { instruction: edit.instruction }, { source }),
      temperature: 0,
      maxTokens: rt.config.maxTokens,
      ...(jsonSchema ? { jsonSchema } : {}),
    },
    signal,
  );
  const split = parseJsonAnswer(reply.choices[0], SPLIT, "principle-split", rt.config.maxTokens);
  const make = (kind: PrincipleKind, texts: string[]): Principle[] =>
    texts.map((text, i) => ({ id: `${kind}-${i + 1}`, text: text.trim(), kind, origin: "vlm" }));
  return [...make("follow", split.follow), ...make("keep", split.keep), ...make("quality", split.quality)];
}
