import type { PreparedCase } from "../../contract/edit-case.js";
import type { Judge, JudgeRunOptions } from "../../contract/judge.js";
import type { JudgeResult } from "../../contract/result.js";
import type { EditJudgeError } from "../../errors/editjudge-error.js";
import { askVieScores, VIE_PRINCIPLES, type VieFlavor, type VieScores } from "./vie-scores.js";
import { vieOutcome } from "./viescore-judge.js";
import { buildResult, judgeCandidates, round } from "./vlm-result.js";
import type { VlmRuntime } from "./vlm-runtime.js";

const FLAVOR: VieFlavor = { sc: "editscore-sc", pq: "editscore-pq", scale: 25, reasoningFirst: true };

/**
 * EditScore (Luo et al., 2025): the VIEScore criteria on 0–25 with reasoning first; each sub-score is
 * divided by 2.5 and combined as in VIEScore. With `passes` k > 1, k samples are drawn (temperature
 * 0.7 unless set) and the reward is the mean of the per-pass rewards (Avg@k); a pass whose reply
 * cannot be parsed is null in `passes` and left out of the mean; if every pass fails, the candidate errors.
 */
export class EditScoreJudge implements Judge {
  readonly id = "editscore";
  readonly version = "1.0.0";
  readonly #rt: VlmRuntime;

  constructor(runtime: VlmRuntime) {
    this.#rt = runtime;
  }

  async judge(edit: PreparedCase, options: JudgeRunOptions = {}): Promise<JudgeResult> {
    const caps = await this.#rt.capabilities(options.signal);
    const k = this.#rt.config.passes;
    const temperature = this.#rt.config.temperature ?? (k > 1 ? 0.7 : 0);
    const candidates = await judgeCandidates(edit, VIE_PRINCIPLES, this.id, options, async (index) => {
      const settled = await Promise.allSettled(
        Array.from({ length: k }, (_, pass) =>
          askVieScores(this.#rt, edit, index, FLAVOR, {
            caps,
            temperature,
            ...(k > 1 ? { sample: pass } : {}),
            ...(options.signal ? { signal: options.signal } : {}),
          }),
        ),
      );
      const ok = settled.filter((s): s is PromiseFulfilledResult<VieScores> => s.status === "fulfilled");
      if (ok.length === 0) throw (settled[0] as PromiseRejectedResult).reason as EditJudgeError;
      const outcomes = settled.map((s) =>
        s.status === "fulfilled" ? vieOutcome(this.id, s.value.sc, s.value.pq, 25, s.value.reasoning) : null,
      );
      const passes = outcomes.map((o) => o?.reward ?? null);
      const mean = (xs: number[]): number => xs.reduce((a, b) => a + b, 0) / xs.length;
      const avg = (pick: (s: VieScores) => [number, number]): [number, number] => [
        mean(ok.map((s) => pick(s.value)[0])),
        mean(ok.map((s) => pick(s.value)[1])),
      ];
      const merged = vieOutcome(
        this.id,
        avg((s) => s.sc),
        avg((s) => s.pq),
        25,
        {
          sc: ok.map((s) => s.value.reasoning.sc).join("\n---\n"),
          pq: ok.map((s) => s.value.reasoning.pq).join("\n---\n"),
        },
      );
      const failed = settled.length - ok.length;
      return {
        ...merged,
        reward: round(mean(passes.filter((p): p is number => p !== null))),
        passes,
        ...(failed > 0
          ? { rewardReason: `${failed} of ${k} passes could not be parsed; mean of the rest` }
          : {}),
      };
    });
    return buildResult(this, edit, VIE_PRINCIPLES, candidates, caps.notes, { capabilities: caps, passes: k });
  }

  close(): Promise<void> {
    return this.#rt.close();
  }
}
