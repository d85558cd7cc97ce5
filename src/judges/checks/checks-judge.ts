import type { PreparedCase } from "../../contract/edit-case.js";
import type { Judge, JudgeRunOptions } from "../../contract/judge.js";
import type { Principle } from "../../contract/principle.js";
import type { CandidateResult, JudgeResult } from "../../contract/result.js";
import type { Verdict } from "../../contract/verdict.js";
import { createInstructionParser } from "../../instruction/instruction-parser.js";
import { aggregateVerdicts, rankCandidates } from "../../scoring/aggregate.js";
import type { ContentStage } from "./content-stage.js";
import { planMask } from "./mask-plan.js";
import { SourceAnalysis, workingFactor } from "./pair-analysis.js";
import { PixelPool } from "./pixel-pool.js";
import { reduceImage, reduceMask, sharedMask, sharedReduced } from "./reduced-image.js";
import { verifyPixels } from "./verify-pixels.js";

export const CHECKS_JUDGE_VERSION = "0.2.1";

export interface ChecksJudgeOptions {
  /** Content models (OCR, detector, faces). Without one, content principles abstain. */
  contentStage?: ContentStage;
  /** Worker threads for the pixel checks (≥ 2 to use a pool; otherwise they run in this thread). */
  workers?: number;
}

/** The embedded judge: rule-based principles, verified by pure pixel checks and, optionally, content models. */
export class ChecksJudge implements Judge {
  readonly id = "checks";
  readonly version = CHECKS_JUDGE_VERSION;
  /** Pixels only (content models included): callers need not keep the encoded files. */
  readonly usesEncodedImages = false;
  readonly #content: ContentStage | undefined;
  /** One parser per judge: loads the language model once. */
  readonly #parser = createInstructionParser();

  readonly #pool: PixelPool | null;

  constructor(options: ChecksJudgeOptions = {}) {
    this.#content = options.contentStage;
    this.#pool = PixelPool.tryCreate(options.workers ?? 0);
  }

  async judge(edit: PreparedCase, options: JudgeRunOptions = {}): Promise<JudgeResult> {
    let principles: Principle[] = this.#parser.parse(edit.instruction);
    if (this.#content) principles = await this.#content.principlesFor(edit, principles, options.signal);
    const masked = planMask(edit, principles);
    principles = masked.principles;
    const ops = principles.flatMap((p) => (p.kind === "follow" && p.op ? [p.op.op] : []));
    const source = this.#pool ? null : new SourceAnalysis(edit.source, masked.mask);
    // For the pool, the source is reduced here once and each candidate just before it is posted: a worker gets a
    // few megabytes per task whatever the images' size, and the full-resolution pixels stay in this thread.
    const factor = workingFactor(edit.source);
    const pool = this.#pool;
    const reducedSource = pool ? sharedReduced(reduceImage(edit.source, factor)) : null;
    const reducedMask =
      reducedSource && masked.mask ? sharedMask(reduceMask(masked.mask, reducedSource)) : undefined;
    const sourceKey = masked.mask ? `${edit.source.sha256}+mask:${edit.mask?.sha256}` : edit.source.sha256;
    // Content verdicts first (main thread, async models); the principles they leave are pixel principles.
    const content: Array<Array<Verdict | null>> = [];
    for (const index of edit.candidates.keys()) {
      options.signal?.throwIfAborted();
      const row: Array<Verdict | null> = [];
      for (const principle of principles) {
        row.push(this.#content ? await this.#content.verify(principle, edit, index, options.signal) : null);
      }
      content.push(row);
    }
    let done = 0;
    const candidates = await Promise.all(
      edit.candidates.map(async (candidate, index): Promise<CandidateResult> => {
        const row = content[index] ?? [];
        const pixelPrinciples = principles.filter((_, i) => !row[i]);
        options.signal?.throwIfAborted();
        const pixel =
          pool && reducedSource
            ? await pool.run(
                {
                  sourceKey,
                  source: reducedSource,
                  ...(reducedMask ? { mask: reducedMask } : {}),
                  candidate: sharedReduced(reduceImage(candidate, factor)),
                  principles: pixelPrinciples,
                  ops,
                },
                options.signal,
              )
            : verifyPixels(source as SourceAnalysis, candidate, pixelPrinciples, ops);
        let next = 0;
        const verdicts = principles.map((_, i) => row[i] ?? (pixel[next++] as Verdict));
        options.onProgress?.(++done, edit.candidates.length);
        return { index, name: candidate.name, ...aggregateVerdicts(principles, verdicts), verdicts };
      }),
    );
    return {
      contractVersion: "1",
      judge: { id: this.id, version: this.version },
      instruction: edit.instruction,
      principles,
      candidates,
      ranking: rankCandidates(candidates.map((c) => c.reward)),
      notes: masked.notes,
    };
  }

  async close(): Promise<void> {
    await this.#content?.close?.();
    await this.#pool?.close();
  }
}
