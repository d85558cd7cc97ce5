import { z } from "zod";
import type {
  BackendCapabilities,
  ChatChoice,
  ChatImagePart,
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

/**
 * How a VIE-style judge builds its two requests for one candidate: which prompts (own-worded templates or the
 * original text), in which message layout, on which scale.
 */
export interface VieFlavor {
  scale: number;
  reasoningFirst: boolean;
  /** The SC and PQ prompt ids (cache keys) and message parts, given the encoded source and edited images. */
  build(edit: PreparedCase, source: ChatImagePart, edited: ChatImagePart): { sc: ViePrompt; pq: ViePrompt };
  /** Resize the edited image to the source's size before sending (EditScore's evaluation does). */
  resizeToSource?: boolean;
}

export interface ViePrompt {
  promptId: string;
  parts: ChatPart[];
}

/** The own-worded templates `sc` and `pq` (prompts/*.v1.txt): images placed where the template puts them. */
export function templateFlavor(
  rt: VlmRuntime,
  names: { sc: string; pq: string },
  scale: number,
  reasoningFirst: boolean,
): VieFlavor {
  return {
    scale,
    reasoningFirst,
    build: (edit, source, edited) => ({
      sc: {
        promptId: rt.template(names.sc).id,
        parts: renderTemplate(
          rt.template(names.sc),
          { instruction: edit.instruction },
          { source, candidate: edited },
        ),
      },
      pq: {
        promptId: rt.template(names.pq).id,
        parts: renderTemplate(rt.template(names.pq), {}, { candidate: edited }),
      },
    }),
  };
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
  maxTokens: number;
  topP?: number;
  topK?: number;
  /**
   * Seed of pass i. When set, every pass is its own call with its own seed (EditScore: 42 + i, even for one pass)
   * instead of one call with n = k.
   */
  seedOf?: (pass: number) => number;
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
 * each its own cache entry. With `ask.seedOf`, each sample is its own call with its seed. Sample i pairs SC
 * choice i with PQ choice i; an unusable sample (unparseable, cut off, or rejected by the server) is returned as
 * its error.
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
  const size = flavor.resizeToSource ? { width: edit.source.width, height: edit.source.height } : undefined;
  const [source, edited] = await Promise.all([
    rt.images.encode(edit.source),
    rt.images.encode(candidate, size),
  ]);
  const answer = z.object({
    score: z.tuple([z.number().min(0).max(flavor.scale), z.number().min(0).max(flavor.scale)]),
    reasoning: z.string().optional(),
  });
  const jsonSchema = rt.schemaFor(ask.caps, {
    name: "vie_scores",
    schema: wireSchema(flavor, textBudget(ask.maxTokens)),
  });
  const request = (prompt: ViePrompt): ChatRequest => ({
    promptId: prompt.promptId,
    messages: [{ role: "user", content: prompt.parts }],
    temperature: ask.temperature,
    ...(ask.topP !== undefined ? { topP: ask.topP } : {}),
    ...(ask.topK !== undefined ? { topK: ask.topK } : {}),
    maxTokens: ask.maxTokens,
    ...(jsonSchema ? { jsonSchema } : {}),
  });
  const built = flavor.build(edit, source, edited);
  const sc = request(built.sc);
  const pq = request(built.pq);
  const sample = (r: ChatRequest) =>
    ask.seedOf ? seededChoices(rt, r, k, ask.seedOf, ask.signal) : sampleChoices(rt, r, k, ask.signal);
  const [scChoices, pqChoices] = await Promise.all([sample(sc), sample(pq)]);
  return scChoices.map((scChoice, i) => {
    const pqChoice = pqChoices[i];
    if (scChoice instanceof EditJudgeError) return scChoice;
    if (pqChoice instanceof EditJudgeError) return pqChoice;
    try {
      const a = parseJsonAnswer(scChoice, answer, "semantic-consistency", ask.maxTokens);
      const b = parseJsonAnswer(pqChoice, answer, "perceptual-quality", ask.maxTokens);
      return { sc: a.score, pq: b.score, reasoning: { sc: a.reasoning ?? "", pq: b.reasoning ?? "" } };
    } catch (error) {
      if (error instanceof JudgeOutputParseError) return error;
      throw error;
    }
  });
}

/**
 * k choices, one call per pass with that pass's seed (`sample` keeps the cache entries apart too); a pass the
 * server answers with an unusable output costs only that pass, returned as its error.
 */
async function seededChoices(
  rt: VlmRuntime,
  request: ChatRequest,
  k: number,
  seedOf: (pass: number) => number,
  signal?: AbortSignal,
): Promise<Array<ChatChoice | EditJudgeError>> {
  return Promise.all(
    Array.from({ length: k }, (_, pass) =>
      onePass(rt, { ...request, seed: seedOf(pass), ...(pass > 0 ? { sample: pass } : {}) }, signal),
    ),
  );
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
