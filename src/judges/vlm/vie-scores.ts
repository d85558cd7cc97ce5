import { z } from "zod";
import type { BackendCapabilities, ChatRequest } from "../../contract/backend.js";
import type { PreparedCase } from "../../contract/edit-case.js";
import type { Principle } from "../../contract/principle.js";
import { parseJsonAnswer } from "./json-answer.js";
import { renderTemplate } from "./prompt-template.js";
import type { VlmRuntime } from "./vlm-runtime.js";

/** The VIEScore principles: SC = [editing success, over-editing], PQ = [naturalness, artifacts]. */
export const VIE_PRINCIPLES: Principle[] = [
  {
    id: "follow-1",
    kind: "follow",
    origin: "vlm",
    text: "the edit does what the instruction asks (editing success)",
  },
  {
    id: "keep-1",
    kind: "keep",
    origin: "vlm",
    text: "nothing beyond the instruction is changed (no over-editing)",
  },
  { id: "quality-1", kind: "quality", origin: "vlm", text: "the edited image looks natural" },
  { id: "quality-2", kind: "quality", origin: "vlm", text: "the edited image is free of artifacts" },
];

/** Which prompts and scale: VIEScore asks 0–10 with the score first; EditScore 0–25 with reasoning first. */
export interface VieFlavor {
  sc: string;
  pq: string;
  scale: number;
  reasoningFirst: boolean;
}

export interface VieScores {
  /** On the flavor's scale. */
  sc: [number, number];
  pq: [number, number];
  reasoning: { sc: string; pq: string };
}

export interface VieAsk {
  caps: BackendCapabilities;
  temperature: number;
  sample?: number;
  signal?: AbortSignal;
}

/** Asks the SC prompt (source, instruction, candidate) and the PQ prompt (candidate only), then validates both. */
export async function askVieScores(
  rt: VlmRuntime,
  edit: PreparedCase,
  index: number,
  flavor: VieFlavor,
  ask: VieAsk,
): Promise<VieScores> {
  const candidate = edit.candidates[index];
  if (!candidate) throw new Error(`no candidate ${index}`);
  const [source, edited] = await Promise.all([rt.images.encode(edit.source), rt.images.encode(candidate)]);
  const answer = z.object({
    score: z.tuple([z.number().min(0).max(flavor.scale), z.number().min(0).max(flavor.scale)]),
    reasoning: z.string().optional(),
  });
  const request = (name: string, parts: ReturnType<typeof renderTemplate>): ChatRequest => {
    const template = rt.template(name);
    const jsonSchema = rt.schemaFor(ask.caps, { name: "vie_scores", schema: wireSchema(flavor) });
    return {
      promptId: template.id,
      messages: [{ role: "user", content: parts }],
      temperature: ask.temperature,
      maxTokens: rt.config.maxTokens,
      ...(jsonSchema ? { jsonSchema } : {}),
      ...(ask.sample !== undefined ? { sample: ask.sample } : {}),
    };
  };
  const sc = request(
    flavor.sc,
    renderTemplate(rt.template(flavor.sc), { instruction: edit.instruction }, { source, candidate: edited }),
  );
  const pq = request(flavor.pq, renderTemplate(rt.template(flavor.pq), {}, { candidate: edited }));
  const [scReply, pqReply] = await Promise.all([
    rt.backend.complete(sc, ask.signal),
    rt.backend.complete(pq, ask.signal),
  ]);
  const scAnswer = parseJsonAnswer(scReply.choices[0], answer, "semantic-consistency");
  const pqAnswer = parseJsonAnswer(pqReply.choices[0], answer, "perceptual-quality");
  return {
    sc: scAnswer.score,
    pq: pqAnswer.score,
    reasoning: { sc: scAnswer.reasoning ?? "", pq: pqAnswer.reasoning ?? "" },
  };
}

/** O = sqrt(min(SC) · min(PQ)) on the 0–10 scale. */
export function overallScore(sc10: readonly [number, number], pq10: readonly [number, number]): number {
  return Math.sqrt(Math.min(...sc10) * Math.min(...pq10));
}

function wireSchema(flavor: VieFlavor): Record<string, unknown> {
  const score = {
    type: "array",
    items: { type: "integer", minimum: 0, maximum: flavor.scale },
    minItems: 2,
    maxItems: 2,
  };
  const reasoning = { type: "string" };
  return {
    type: "object",
    properties: flavor.reasoningFirst ? { reasoning, score } : { score, reasoning },
    required: flavor.reasoningFirst ? ["reasoning", "score"] : ["score", "reasoning"],
    additionalProperties: false,
  };
}
