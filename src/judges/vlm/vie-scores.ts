import { z } from "zod";
import type {
  BackendCapabilities,
  ChatChoice,
  ChatPart,
  ChatRequest,
  ChatResponse,
} from "../../contract/backend.js";
import type { PreparedCase } from "../../contract/edit-case.js";
import type { Principle } from "../../contract/principle.js";
import { BackendCallError } from "../../errors/backend-call-error.js";
import { EditJudgeError } from "../../errors/editjudge-error.js";
import { JudgeOutputParseError } from "../../errors/judge-output-parse-error.js";
import { parseJsonAnswer } from "./json-answer.js";
import { renderTemplate } from "./prompt-template.js";
import { textBudget } from "./text-budget.js";
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
  if (!only || only instanceof EditJudgeError) throw only;
  return only;
}

/**
 * Draws `k` samples of the SC and PQ answers. Each prompt is sent once with `n: k`; a server that
 * returns fewer choices (Ollama, OpenAI for some models) gets the missing samples as separate calls,
 * each its own cache entry. Sample i pairs SC choice i with PQ choice i; an unusable sample (unparseable, or
 * rejected by the server) is returned as its error.
 */
export async function askVieSamples(
  rt: VlmRuntime,
  edit: PreparedCase,
  index: number,
  flavor: VieFlavor,
  ask: VieAsk,
  k: number,
): Promise<Array<VieScores | EditJudgeError>> {
  const candidate = edit.candidates[index];
  if (!candidate) throw new Error(`no candidate ${index}`);
  const [source, edited] = await Promise.all([rt.images.encode(edit.source), rt.images.encode(candidate)]);
  const answer = z.object({
    score: z.tuple([z.number().min(0).max(flavor.scale), z.number().min(0).max(flavor.scale)]),
    reasoning: z.string().optional(),
  });
  const jsonSchema = rt.schemaFor(ask.caps, {
    name: "vie_scores",
    schema: wireSchema(flavor, textBudget(rt.config.maxTokens)),
  });
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
    const pqChoice = pqChoices[i];
    if (scChoice instanceof EditJudgeError) return scChoice;
    if (pqChoice instanceof EditJudgeError) return pqChoice;
    try {
      const a = parseJsonAnswer(scChoice, answer, "semantic-consistency", rt.config.maxTokens);
      const b = parseJsonAnswer(pqChoice, answer, "perceptual-quality", rt.config.maxTokens);
      return { sc: a.score, pq: b.score, reasoning: { sc: a.reasoning ?? "", pq: b.reasoning ?? "" } };
    } catch (error) {
      if (error instanceof JudgeOutputParseError) return error;
      throw error;
    }
  });
}

/**
 * k choices for a request: one call with n = k, topped up with single calls when the server returns fewer. When
 * the n = k call fails because the server rejected one choice's output (`model_output_rejected`, which takes the
 * whole reply down), each pass is asked alone, so the unusable one costs only its pass: it is returned as its error.
 */
async function sampleChoices(
  rt: VlmRuntime,
  request: ChatRequest,
  k: number,
  signal?: AbortSignal,
): Promise<Array<ChatChoice | EditJudgeError>> {
  let first: ChatResponse;
  try {
    first = await rt.backend.complete(k > 1 ? { ...request, n: k } : request, signal);
  } catch (error) {
    if (k === 1 || !(error instanceof BackendCallError) || !error.outputRejected) throw error;
    return Promise.all(
      Array.from({ length: k }, (_, sample) =>
        onePass(rt, sample === 0 ? request : { ...request, sample }, signal),
      ),
    );
  }
  const choices: Array<ChatChoice | EditJudgeError> = first.choices.slice(0, k);
  const missing = Array.from({ length: k - choices.length }, (_, m) => choices.length + m);
  const extra = await Promise.all(missing.map((sample) => onePass(rt, { ...request, sample }, signal)));
  choices.push(...extra);
  return choices;
}

/** One pass alone: its choice, or the error that makes only this pass unusable. */
async function onePass(
  rt: VlmRuntime,
  request: ChatRequest,
  signal?: AbortSignal,
): Promise<ChatChoice | EditJudgeError> {
  try {
    const reply = await rt.backend.complete(request, signal);
    return reply.choices[0] ?? new JudgeOutputParseError("the server returned no choice", "");
  } catch (error) {
    if (signal?.aborted || !(error instanceof EditJudgeError)) throw error;
    return error;
  }
}

/** O = sqrt(min(SC) · min(PQ)) on the 0–10 scale. */
export function overallScore(sc10: readonly [number, number], pq10: readonly [number, number]): number {
  return Math.sqrt(Math.min(...sc10) * Math.min(...pq10));
}

function wireSchema(flavor: VieFlavor, reasoningChars: number): Record<string, unknown> {
  const score = {
    type: "array",
    items: { type: "integer", minimum: 0, maximum: flavor.scale },
    minItems: 2,
    maxItems: 2,
  };
  const reasoning = { type: "string", maxLength: reasoningChars };
  return {
    type: "object",
    properties: flavor.reasoningFirst ? { reasoning, score } : { score, reasoning },
    required: flavor.reasoningFirst ? ["reasoning", "score"] : ["score", "reasoning"],
    additionalProperties: false,
  };
}
