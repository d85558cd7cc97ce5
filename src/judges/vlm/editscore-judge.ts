import type { ChatImagePart, ChatPart } from "../../contract/backend.js";
import type { PreparedCase } from "../../contract/edit-case.js";
import type { JudgeRunOptions } from "../../contract/judge.js";
import type { JudgeResult } from "../../contract/result.js";
import { EditJudgeError } from "../../errors/editjudge-error.js";
import { editscorePrompts, fillInstruction } from "./original-prompts.js";
import {
  askVieSamples,
  overallScore,
  templateFlavor,
  VIE_PRINCIPLES,
  type VieAsk,
  type VieFlavor,
  type VieScores,
} from "./vie-scores.js";
import { vieOutcome } from "./viescore-judge.js";
import { VlmJudge } from "./vlm-judge.js";
import { buildResult, judgeCandidates, round } from "./vlm-result.js";
import type { VlmRuntime } from "./vlm-runtime.js";

/** EditScore's sampling (its Qwen2.5-VL vLLM backend): the seed of pass i is 42 + i, even for one pass. */
export const EDITSCORE_SAMPLING = {
  temperature: 0.7,
  topP: 0.9,
  topK: 20,
  maxTokens: 512,
  seed: 42,
} as const;

/** Images first, each after its `<imgN>: ` label (EditScore's chat template), then the text. */
function labelled(images: readonly ChatImagePart[], text: string): ChatPart[] {
  return [
    ...images.flatMap((image, i): ChatPart[] => [{ type: "text", text: `<img${i + 1}>: ` }, image]),
    { type: "text", text },
  ];
}

/**
 * EditScore's form: SC sees [source, edited], PQ sees [edited] (EditScore.evaluate) or [source, edited] (its RL
 * reward server, `editscorePqImages: "source-and-edited"`). In the evaluation form the edited image is resized to
 * the source's size first, as its evaluation script does; the RL server sends the images as they are.
 */
export function editscoreOriginalFlavor(rt: VlmRuntime): VieFlavor {
  const prompts = editscorePrompts(rt.reference);
  const rlServer = rt.config.editscorePqImages === "source-and-edited";
  return {
    scale: 25,
    reasoningFirst: true,
    resizeToSource: !rlServer,
    build: (edit, source, edited) => ({
      sc: {
        promptId: prompts.sc.id,
        parts: labelled([source, edited], fillInstruction(prompts.sc.text, edit.instruction)),
      },
      pq: {
        promptId: `${prompts.pq.id}${rlServer ? "+source" : ""}`,
        parts: labelled(rlServer ? [source, edited] : [edited], prompts.pq.text),
      },
    }),
  };
}

/** One pass as EditScore reduces it, on 0–10: SC₁, SC₂, min PQ and O = sqrt(min SC · min PQ). */
export function editscorePass(
  s: VieScores,
  scale = 25,
): {
  promptFollowing: number;
  consistency: number;
  perceptualQuality: number;
  overall: number;
} {
  const to10 = (x: number) => x / (scale / 10);
  const sc10: [number, number] = [to10(s.sc[0]), to10(s.sc[1])];
  const pq10: [number, number] = [to10(s.pq[0]), to10(s.pq[1])];
  return {
    promptFollowing: sc10[0],
    consistency: sc10[1],
    perceptualQuality: Math.min(...pq10),
    overall: overallScore(sc10, pq10),
  };
}

/**
 * EditScore (Luo et al., 2025): VIEScore's criteria on 0–25 with reasoning first. Original form (default): the
 * text read from EditScore's vie_prompts.py, images first with `<img1>: `/`<img2>: ` labels, temperature 0.7,
 * top_p 0.9, top_k 20, max 512 tokens and seed 42 + pass, one call per pass. With `passes` k, every dimension and
 * the overall O are the means of the per-pass values (EditScore's "average_last" reduction); reward = mean O / 10.
 * A pass whose reply cannot be used (unparseable, cut off, or rejected by the server) is null in `passes` and left
 * out, with the reason in `rewardReason`; if every pass fails, the candidate errors.
 */
export class EditScoreJudge extends VlmJudge {
  readonly id = "editscore";
  readonly version = "2.0.0";
  protected async judgeCase(edit: PreparedCase, options: JudgeRunOptions): Promise<JudgeResult> {
    const caps = await this.rt.capabilities(options.signal);
    const k = this.rt.config.passes;
    const original = this.rt.original(this.id);
    const flavor = original
      ? editscoreOriginalFlavor(this.rt)
      : templateFlavor(this.rt, { sc: "editscore-sc", pq: "editscore-pq" }, 25, true);
    const signal = options.signal ? { signal: options.signal } : {};
    const ask: VieAsk = original
      ? {
          caps,
          temperature: this.rt.config.temperature ?? EDITSCORE_SAMPLING.temperature,
          topP: EDITSCORE_SAMPLING.topP,
          topK: EDITSCORE_SAMPLING.topK,
          maxTokens: EDITSCORE_SAMPLING.maxTokens,
          seedOf: (pass) => EDITSCORE_SAMPLING.seed + pass,
          ...signal,
        }
      : {
          caps,
          temperature: this.rt.config.temperature ?? (k > 1 ? 0.7 : 0),
          maxTokens: this.rt.config.maxTokens,
          ...signal,
        };
    const candidates = await judgeCandidates(edit, VIE_PRINCIPLES, this.id, options, async (index) => {
      const samples = await askVieSamples(this.rt, edit, index, flavor, ask, k);
      const ok = samples.filter((s): s is VieScores => !(s instanceof EditJudgeError));
      if (ok.length === 0) throw samples[0] as EditJudgeError;
      const perPass = samples.map((s) => (s instanceof EditJudgeError ? null : editscorePass(s)));
      const kept = perPass.filter((p): p is NonNullable<typeof p> => p !== null);
      const mean = (xs: number[]): number => xs.reduce((a, b) => a + b, 0) / xs.length;
      const avg = (pick: (s: VieScores) => [number, number]): [number, number] => [
        mean(ok.map((s) => pick(s)[0])),
        mean(ok.map((s) => pick(s)[1])),
      ];
      // Verdicts show each sub-score's mean; dimensions and reward are means of the per-pass values.
      const merged = vieOutcome(
        this.id,
        avg((s) => s.sc),
        avg((s) => s.pq),
        25,
        {
          sc: ok.map((s) => s.reasoning.sc).join("\n---\n"),
          pq: ok.map((s) => s.reasoning.pq).join("\n---\n"),
        },
      );
      const failed = samples.length - ok.length;
      return {
        ...merged,
        reward: round(mean(kept.map((p) => p.overall)) / 10),
        dimensions: {
          instructionFollowing: round(mean(kept.map((p) => p.promptFollowing)) / 10),
          preservation: round(mean(kept.map((p) => p.consistency)) / 10),
          quality: round(mean(kept.map((p) => p.perceptualQuality)) / 10),
        },
        passes: perPass.map((p) => (p === null ? null : round(p.overall / 10))),
        ...(failed > 0
          ? {
              rewardReason: `${failed} of ${k} passes could not be used (${firstError(samples)}); mean of the rest`,
            }
          : {}),
      };
    });
    return buildResult(this, edit, VIE_PRINCIPLES, candidates, caps.notes, {
      capabilities: caps,
      passes: k,
      promptVariant: original ? "original" : "editjudge",
      ...(original ? { pqImages: this.rt.config.editscorePqImages } : {}),
    });
  }
}

function firstError(samples: ReadonlyArray<VieScores | EditJudgeError>): string {
  return samples.find((s): s is EditJudgeError => s instanceof EditJudgeError)?.message ?? "";
}
