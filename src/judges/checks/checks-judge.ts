import type { PreparedCase } from "../../contract/edit-case.js";
import type { DecodedImage } from "../../contract/image.js";
import type { Judge, JudgeRunOptions } from "../../contract/judge.js";
import type { Principle } from "../../contract/principle.js";
import type { CandidateResult, JudgeResult } from "../../contract/result.js";
import type { Verdict } from "../../contract/verdict.js";
import { EditJudgeError } from "../../errors/editjudge-error.js";
import { createInstructionParser } from "../../instruction/instruction-parser.js";
import { aggregateVerdicts, rankCandidates } from "../../scoring/aggregate.js";
import { contentFactor, contentView } from "./content-resolution.js";
import type { ContentStage } from "./content-stage.js";
import { planMask } from "./mask-plan.js";
import { SourceAnalysis } from "./pair-analysis.js";
import { PixelPool } from "./pixel-pool.js";
import { type ReducedImage, reduceImage, reduceMask, sharedMask, sharedReduced } from "./reduced-image.js";
import { verifyPixels } from "./verify-pixels.js";
import { workingFactor } from "./working-resolution.js";

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
  /**
   * Images this judge compacted (`compactImage`): the reduced form it kept of each, by the empty pixel array that
   * stands for it, so a copy of the image (`{ ...image, name }`, as the reward server makes) is found too.
   */
  readonly #compacted = new WeakMap<Uint8Array, ReducedImage>();
  /** With content models: what they read of each compacted image (`contentView`), by the same key. */
  readonly #contentViews = new WeakMap<Uint8Array, DecodedImage>();

  constructor(options: ChecksJudgeOptions = {}) {
    this.#content = options.contentStage;
    this.#pool = PixelPool.tryCreate(options.workers ?? 0);
  }

  /**
   * Keeps an image over the working resolution in its reduced form (working image and full-resolution tiles, in
   * shared memory for the pool) and, with content models, in the form they read (at most CONTENT_SIDE), and
   * returns it without its pixels; the full-resolution pixels can then go as soon as the image is decoded.
   * Images analysed as given are returned as they are.
   */
  compactImage(image: DecodedImage, source: { width: number; height: number }): DecodedImage {
    const factor = workingFactor(source);
    // With content models, an image they read as it is stays whole: keeping it reduced too would only add memory.
    if (factor === 1 || (this.#content && contentFactor(image) === 1)) return image;
    const reduced = reduceImage(image, factor);
    const compact = { ...image, rgb: new Uint8Array(0) };
    this.#compacted.set(compact.rgb, this.#pool ? sharedReduced(reduced) : reduced);
    if (this.#content) this.#contentViews.set(compact.rgb, contentView(image));
    return compact;
  }

  /** An image as the content models read it: the form kept when compacted, else reduced now if large. */
  #contentView(image: DecodedImage): DecodedImage {
    const kept = this.#contentViews.get(image.rgb);
    if (kept) return { ...kept, name: image.name };
    if (image.rgb.length !== image.width * image.height * 3) throw compactedElsewhere(image);
    return contentView(image);
  }

  /** An image of the case reduced by the case's working factor: the form kept when compacted, else reduced now. */
  #reduced(image: DecodedImage, factor: number): ReducedImage {
    const kept = this.#compacted.get(image.rgb);
    if (kept && kept.factor === factor) return kept;
    if (kept || image.rgb.length !== image.width * image.height * 3) throw compactedElsewhere(image);
    return reduceImage(image, factor);
  }

  async judge(edit: PreparedCase, options: JudgeRunOptions = {}): Promise<JudgeResult> {
    let principles: Principle[] = this.#parser.parse(edit.instruction);
    // The content models read each image at most CONTENT_SIDE (the pixel checks, the case as given).
    const seen = this.#content
      ? {
          ...edit,
          source: this.#contentView(edit.source),
          candidates: edit.candidates.map((c) => this.#contentView(c)),
        }
      : edit;
    if (this.#content) principles = await this.#content.principlesFor(seen, principles, options.signal);
    const masked = planMask(edit, principles);
    principles = masked.principles;
    const ops = principles.flatMap((p) => (p.kind === "follow" && p.op ? [p.op.op] : []));
    // The source is reduced once (or was, when compacted) and each candidate just before it is posted: a worker gets
    // a few megabytes per task whatever the images' size, and full-resolution pixels stay in this thread.
    const factor = workingFactor(edit.source);
    const pool = this.#pool;
    const source = pool ? null : new SourceAnalysis(this.#reduced(edit.source, factor), masked.mask);
    const reducedSource = pool ? sharedReduced(this.#reduced(edit.source, factor)) : null;
    const reducedMask =
      reducedSource && masked.mask ? sharedMask(reduceMask(masked.mask, reducedSource)) : undefined;
    const sourceKey = masked.mask ? `${edit.source.sha256}+mask:${edit.mask?.sha256}` : edit.source.sha256;
    // Content verdicts first (main thread, async models); the principles they leave are pixel principles.
    const content: Array<Array<Verdict | null>> = [];
    for (const index of edit.candidates.keys()) {
      options.signal?.throwIfAborted();
      const row: Array<Verdict | null> = [];
      for (const principle of principles) {
        row.push(this.#content ? await this.#content.verify(principle, seen, index, options.signal) : null);
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
                  candidate: sharedReduced(this.#reduced(candidate, factor)),
                  principles: pixelPrinciples,
                  ops,
                },
                options.signal,
              )
            : verifyPixels(source as SourceAnalysis, this.#reduced(candidate, factor), pixelPrinciples, ops);
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

function compactedElsewhere(image: DecodedImage): EditJudgeError {
  return new EditJudgeError(
    "image_compacted_elsewhere",
    `${image.name}: its pixels were taken out for another case or another judge (compactImage); decode the case again for this one`,
  );
}
