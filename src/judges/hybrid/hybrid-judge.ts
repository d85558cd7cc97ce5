import type { BackendUsage } from "../../contract/backend.js";
import type { PreparedCase } from "../../contract/edit-case.js";
import type { Judge, JudgeRunOptions } from "../../contract/judge.js";
import type { CandidateResult, JudgeResult } from "../../contract/result.js";
import type { Verdict } from "../../contract/verdict.js";
import { aggregateVerdicts } from "../../scoring/aggregate.js";
import { verifyPrinciple } from "../vlm/verify-principle.js";
import { buildResult, judgeCandidates } from "../vlm/vlm-result.js";
import type { VlmRuntime } from "../vlm/vlm-runtime.js";

/** True when a checks verdict is confident enough to decide: not abstained and |score − 0.5| ≥ margin. */
export function checksDecides(verdict: Verdict | undefined, margin: number): boolean {
  return (
    verdict !== undefined &&
    verdict.status !== "abstain" &&
    verdict.score !== null &&
    Math.abs(verdict.score - 0.5) >= margin
  );
}

/**
 * Grounded checks first, a VLM where they are unsure. The `checks` judge produces the principles
 * and a verdict for each; a confident checks verdict stands (decidedBy "hybrid:checks"); every other
 * principle is verified by the VLM with a yes/no question (decidedBy "hybrid:vlm"). Aggregation as in checks.
 */
export class HybridJudge implements Judge {
  readonly id = "hybrid";
  readonly version = "1.1.0";
  readonly #checks: Judge;
  readonly #rt: VlmRuntime;
  readonly #margin: number;

  constructor(checks: Judge, runtime: VlmRuntime, margin = runtime.config.hybridMargin) {
    this.#checks = checks;
    this.#rt = runtime;
    this.#margin = margin;
  }

  async judge(edit: PreparedCase, options: JudgeRunOptions = {}): Promise<JudgeResult> {
    const result = await this.#judgeCase(edit, options);
    this.#rt.forgetUnusable(result);
    return result;
  }

  async #judgeCase(edit: PreparedCase, options: JudgeRunOptions): Promise<JudgeResult> {
    const grounded = await this.#checks.judge(edit, options.signal ? { signal: options.signal } : {});
    const principles = grounded.principles;
    const caps = await this.#rt.capabilities(options.signal);
    let byChecks = 0;
    let byVlm = 0;
    const candidates: CandidateResult[] = await judgeCandidates(
      edit,
      principles,
      "hybrid:vlm",
      options,
      async (index) => {
        const checked = grounded.candidates.find((c) => c.index === index)?.verdicts ?? [];
        const verdicts = await Promise.all(
          principles.map(async (p): Promise<Verdict> => {
            const fromChecks = checked.find((v) => v.principleId === p.id);
            if (fromChecks && checksDecides(fromChecks, this.#margin)) {
              byChecks++;
              return { ...fromChecks, evidence: { ...fromChecks.evidence, decidedBy: "hybrid:checks" } };
            }
            byVlm++;
            const v = await verifyPrinciple(this.#rt, edit, index, p, caps, "hybrid:vlm", options.signal);
            const checksSaid = fromChecks
              ? { status: fromChecks.status, score: fromChecks.score, summary: fromChecks.evidence.summary }
              : null;
            return {
              ...v,
              evidence: { ...v.evidence, details: { vlm: v.evidence.details, checks: checksSaid } },
            };
          }),
        );
        return { ...aggregateVerdicts(principles, verdicts), verdicts };
      },
    );
    const notes = [
      ...grounded.notes,
      ...caps.notes,
      `${byChecks} verdicts decided by checks, ${byVlm} by the VLM`,
    ];
    return buildResult(this, edit, principles, candidates, notes, {
      capabilities: caps,
      margin: this.#margin,
      decidedBy: { checks: byChecks, vlm: byVlm },
    });
  }

  /** The VLM half's model-server totals (the checks half has no backend). */
  usage(): BackendUsage | null {
    return this.#rt.usage();
  }

  async close(): Promise<void> {
    await this.#checks.close?.();
    await this.#rt.close();
  }
}
