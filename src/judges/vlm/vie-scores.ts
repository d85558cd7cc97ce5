import { z } from "zod";
import type { BackendCapabilities, ChatChoice, ChatPart, ChatRequest } from "../../contract/backend.js";
import type { PreparedCase } from "../../contract/edit-case.js";
import type { Principle } from "../../contract/principle.js";
import { JudgeOutputParseError } from "../../errors/judge-output-parse-error.js";
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
  const [only] = await askVieSamples(rt, edit, index, flavor, ask, 1);
  if (!only || only instanceof JudgeOutputParseError) throw only;
  return only;
}

/**
 * Draws `k` samples of the SC and PQ answers. Each prompt is sent once with `n: k`; a server that
 * returns fewer choices (Ollama, OpenAI for some models) gets the missing samples as separate calls,
 * each its own cache entry. Sample i pairs SC choice i with PQ choice i; an unparseable sample is
 * returned as its JudgeOutputParseError.
 */
export async function askVieSamples(
  rt: VlmRuntime,
  edit: PreparedCase,
  index: number,
  flavor: VieFlavor,
  ask: VieAsk,
  k: number,
): Promise<Array<VieScores | JudgeOutputParseError>> {
  const candidate = edit.candidates[index];
  if (!candidate) throw new Error(`no candidate ${index}`);
  const [source, edited] = await Promise.all([rt.images.encode(edit.source), rt.images.encode(candidate)]);
  const answer = z.object({
    score: z.tuple([z.number().min(0).max(flavor.scale), z.number().min(0).max(flavor.scale)]),
    reasoning: z.string().optional(),
  });
  const jsonSchema = rt.schemaFor(ask.caps, { name: "vie_scores", schema: wireSchema(flavor) });
  const request = (name: string, parts: ChatPart[]): ChatRequest => ({
    promptId: rt.template(name).id,
    messages: [{ role: "user", content: parts }],
    temperature: ask.temperature,
    maxTokens: rt.config.maxTokens,
    ...(jsonSchema ? { jsonSchema } : {}),
  });
  const sc = request(
    flavor.sc,
    renderTemplate(rt.template(flavor.sc), { instruction: edit.instruction }, { source, candidate: edited }),
  );
  const pq = request(flavor.pq, renderTemplate(rt.template(flavor.pq), {}, { candidate: edited }));
  const [scChoices, pqChoices] = await Promise.all([
    sampleChoices(rt, sc, k, ask.signal),
    sampleChoices(rt, pq, k, ask.signal),
  ]);
  return scChoices.map((scChoice, i) => {
    try {
      const a = parseJsonAnswer(scChoice, answer, "semantic-consistency");
      const b = parseJsonAnswer(pqChoices[i], answer, "perceptual-quality");
      return { sc: a.score, pq: b.score, reasoning: { sc: a.reasoning ?? "", pq: b.reasoning ?? "" } };
    } catch (error) {
      if (error instanceof JudgeOutputParseError) return error;
      throw error;
    }
  });
}

/** k choices for a request: one call with n = k, topped up with single calls when the server returns fewer. */
async function sampleChoices(rt: VlmRuntime, request: ChatRequest, k: number, signal?: AbortSignal) {
  const first = await rt.backend.complete(k > 1 ? { ...request, n: k } : request, signal);
  const choices: ChatChoice[] = first.choices.slice(0, k);
  const missing = Array.from({ length: k - choices.length }, (_, m) => choices.length + m);
  const extra = await Promise.all(
    missing.map((sample) => rt.backend.complete({ ...request, sample }, signal).then((r) => r.choices[0])),
  );
  for (const choice of extra) if (choice) choices.push(choice);
  return choices;
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
