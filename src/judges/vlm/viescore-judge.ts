import type { PreparedCase } from "../../contract/edit-case.js";
import type { JudgeRunOptions } from "../../contract/judge.js";
import type { JudgeResult } from "../../contract/result.js";
import { askVieScores, overallScore, VIE_PRINCIPLES, type VieFlavor } from "./vie-scores.js";
import { VlmJudge } from "./vlm-judge.js";
import { buildResult, type CandidateOutcome, judgeCandidates, round, scoredVerdict } from "./vlm-result.js";

const FLAVOR: VieFlavor = { sc: "viescore-sc", pq: "viescore-pq", scale: 10, reasoningFirst: false };

/**
 * VIEScore (Ku et al., 2024). SC = [editing success, over-editing] from source + edit, PQ =
 * [naturalness, artifacts] from the edit alone, all on 0–10. O = sqrt(min(SC)·min(PQ)); reward = O/10.
 */
export class VieScoreJudge extends VlmJudge {
  readonly id = "viescore";
  readonly version = "1.0.0";
  protected async judgeCase(edit: PreparedCase, options: JudgeRunOptions): Promise<JudgeResult> {
    const caps = await this.rt.capabilities(options.signal);
    const temperature = this.rt.config.temperature ?? 0;
    const candidates = await judgeCandidates(edit, VIE_PRINCIPLES, this.id, options, async (index) => {
      const s = await askVieScores(this.rt, edit, index, FLAVOR, {
        caps,
        temperature,
        ...(options.signal ? { signal: options.signal } : {}),
      });
      return vieOutcome(this.id, s.sc, s.pq, 10, s.reasoning);
    });
    return buildResult(this, edit, VIE_PRINCIPLES, candidates, caps.notes, { capabilities: caps });
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
