import type { PreparedCase } from "../../contract/edit-case.js";
import type { JudgeRunOptions } from "../../contract/judge.js";
import type { JudgeResult } from "../../contract/result.js";
import { EditJudgeError } from "../../errors/editjudge-error.js";
import { askVieSamples, VIE_PRINCIPLES, type VieFlavor, type VieScores } from "./vie-scores.js";
import { vieOutcome } from "./viescore-judge.js";
import { VlmJudge } from "./vlm-judge.js";
import { buildResult, judgeCandidates, round } from "./vlm-result.js";

const FLAVOR: VieFlavor = { sc: "editscore-sc", pq: "editscore-pq", scale: 25, reasoningFirst: true };

/**
 * EditScore (Luo et al., 2025): the VIEScore criteria on 0–25 with reasoning first; each sub-score is
 * divided by 2.5 and combined as in VIEScore. With `passes` k > 1, k samples are drawn (temperature
 * 0.7 unless set; one call per prompt with n = k, topped up with single calls if the server ignores n) and the reward is the mean of the per-pass rewards (Avg@k); a pass whose reply
 * cannot be used (unparseable, cut off, or rejected by the server) is null in `passes` and left out of the mean;
 * if every pass fails, the candidate errors.
 */
export class EditScoreJudge extends VlmJudge {
  readonly id = "editscore";
  readonly version = "1.0.0";
  protected async judgeCase(edit: PreparedCase, options: JudgeRunOptions): Promise<JudgeResult> {
    const caps = await this.rt.capabilities(options.signal);
    const k = this.rt.config.passes;
    const temperature = this.rt.config.temperature ?? (k > 1 ? 0.7 : 0);
    const candidates = await judgeCandidates(edit, VIE_PRINCIPLES, this.id, options, async (index) => {
      const samples = await askVieSamples(
        this.rt,
        edit,
        index,
        FLAVOR,
        {
          caps,
          temperature,
          ...(options.signal ? { signal: options.signal } : {}),
        },
        k,
      );
      const ok = samples.filter((s): s is VieScores => !(s instanceof EditJudgeError));
      if (ok.length === 0) throw samples[0] as EditJudgeError;
      const outcomes = samples.map((s) =>
        s instanceof EditJudgeError ? null : vieOutcome(this.id, s.sc, s.pq, 25, s.reasoning),
      );
      const passes = outcomes.map((o) => o?.reward ?? null);
      const mean = (xs: number[]): number => xs.reduce((a, b) => a + b, 0) / xs.length;
      const avg = (pick: (s: VieScores) => [number, number]): [number, number] => [
        mean(ok.map((s) => pick(s)[0])),
        mean(ok.map((s) => pick(s)[1])),
      ];
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
        reward: round(mean(passes.filter((p): p is number => p !== null))),
        passes,
        ...(failed > 0
          ? {
              rewardReason: `${failed} of ${k} passes could not be used (${firstError(samples)}); mean of the rest`,
            }
          : {}),
      };
    });
    return buildResult(this, edit, VIE_PRINCIPLES, candidates, caps.notes, { capabilities: caps, passes: k });
  }
}

function firstError(samples: ReadonlyArray<VieScores | EditJudgeError>): string {
  return samples.find((s): s is EditJudgeError => s instanceof EditJudgeError)?.message ?? "";
}
