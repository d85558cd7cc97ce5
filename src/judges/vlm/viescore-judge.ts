import type { PreparedCase } from "../../contract/edit-case.js";
import type { JudgeRunOptions } from "../../contract/judge.js";
import type { JudgeResult } from "../../contract/result.js";
import { fillInstruction, viescorePrompts } from "./original-prompts.js";
import { askVieScores, overallScore, templateFlavor, VIE_PRINCIPLES, type VieFlavor } from "./vie-scores.js";
import { VlmJudge } from "./vlm-judge.js";
import { buildResult, type CandidateOutcome, judgeCandidates, round, scoredVerdict } from "./vlm-result.js";
import type { VlmRuntime } from "./vlm-runtime.js";

/**
 * VIEScore's "tie" (text-guided image editing) form: the SC prompt (context, two-image edit rule, SC rule with
 * the instruction) as the text part first, then the images [source, edited]; the PQ prompt with the edited image
 * only (`image_prompts[-1]`).
 */
export function viescoreOriginalFlavor(rt: VlmRuntime): VieFlavor {
  const prompts = viescorePrompts(rt.reference);
  return {
    scale: 10,
    reasoningFirst: false,
    build: (edit, source, edited) => ({
      sc: {
        promptId: prompts.sc.id,
        parts: [{ type: "text", text: fillInstruction(prompts.sc.text, edit.instruction) }, source, edited],
      },
      pq: { promptId: prompts.pq.id, parts: [{ type: "text", text: prompts.pq.text }, edited] },
    }),
  };
}

/**
 * VIEScore (Ku et al., 2024). SC = [editing success, over-editing] from source + edit, PQ =
 * [naturalness, artifacts] from the edit alone, all on 0–10. O = sqrt(min(SC)·min(PQ)); reward = O/10.
 * The original prompt text by default (read from VIEScore's vie_prompts.py); `promptVariant: "editjudge"` uses
 * the own-worded templates. Temperature defaults to 0 (the original leaves the API's default).
 */
export class VieScoreJudge extends VlmJudge {
  readonly id = "viescore";
  readonly version = "2.0.0";
  protected async judgeCase(edit: PreparedCase, options: JudgeRunOptions): Promise<JudgeResult> {
    const caps = await this.rt.capabilities(options.signal);
    const temperature = this.rt.config.temperature ?? 0;
    const original = this.rt.original(this.id);
    const flavor = original
      ? viescoreOriginalFlavor(this.rt)
      : templateFlavor(this.rt, { sc: "viescore-sc", pq: "viescore-pq" }, 10, false);
    const candidates = await judgeCandidates(edit, VIE_PRINCIPLES, this.id, options, async (index) => {
      const s = await askVieScores(this.rt, edit, index, flavor, {
        caps,
        temperature,
        maxTokens: this.rt.config.maxTokens,
        ...(options.signal ? { signal: options.signal } : {}),
      });
      return vieOutcome(this.id, s.sc, s.pq, 10, s.reasoning);
    });
    return buildResult(this, edit, VIE_PRINCIPLES, candidates, caps.notes, {
      capabilities: caps,
      promptVariant: original ? "original" : "editjudge",
    });
  }
}

/** Verdicts (sub-score / scale), dimensions and reward O/10 from one set of SC and PQ scores. */
export function vieOutcome(
  decidedBy: string,
  sc: readonly [number, number],
  pq: readonly [number, number],
  scale: number,
  reasoning: { sc: string; pq: string },
): CandidateOutcome {
  const to10 = (x: number): number => (x * 10) / scale;
  const sc10: [number, number] = [to10(sc[0]), to10(sc[1])];
  const pq10: [number, number] = [to10(pq[0]), to10(pq[1])];
  const o = overallScore(sc10, pq10);
  const raw = [sc[0], sc[1], pq[0], pq[1]];
  const names = ["editing success", "over-editing", "naturalness", "artifacts"];
  const verdicts = VIE_PRINCIPLES.map((p, i) =>
    scoredVerdict(
      p.id,
      (raw[i] ?? 0) / scale,
      `${names[i]} rated ${raw[i]}/${scale}`,
      decidedBy,
      { rating: raw[i] ?? null, scale },
      { reasoning: i < 2 ? reasoning.sc : reasoning.pq },
    ),
  );
  return {
    reward: round(o / 10),
    dimensions: {
      instructionFollowing: round(sc10[0] / 10),
      preservation: round(sc10[1] / 10),
      quality: round(Math.min(...pq10) / 10),
    },
    verdicts,
  };
}
