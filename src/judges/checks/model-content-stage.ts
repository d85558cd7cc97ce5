import { affectedBox } from "../../content/affected-region.js";
import { boxToRegion, describeBox, iou } from "../../content/box-geometry.js";
import { ContentAnalyzer } from "../../content/content-analyzer.js";
import { ContentModels, type ModelLoaders } from "../../content/content-models.js";
import {
  asksToChangePerson,
  contentOps,
  isObjectOp,
  isTextOp,
  withContentFollows,
} from "../../content/content-ops.js";
import type { Face, OcrLine } from "../../content/content-types.js";
import { abstainVerdict, type ContentCheckId } from "../../content/content-verdict.js";
import { firstLine } from "../../content/first-line.js";
import { loadHuman } from "../../content/load-human.js";
import { loadOcr } from "../../content/load-ocr.js";
import { bestTextMatch } from "../../content/text-match.js";
import { CONTENT_THRESHOLDS, type ContentThresholds } from "../../content/thresholds.js";
import { verifyIdentity } from "../../content/verify-identity.js";
import { verifyObjectOp } from "../../content/verify-objects.js";
import { verifyKeepText, verifyTextOp } from "../../content/verify-text.js";
import type { PreparedCase } from "../../contract/edit-case.js";
import type { Principle } from "../../contract/principle.js";
import type { Verdict } from "../../contract/verdict.js";
import type { ContentStage } from "./content-stage.js";

export interface ModelContentStageOptions {
  /** Model loaders; defaults load PaddleOCR and Human from the installed packages. */
  loaders?: ModelLoaders;
  thresholds?: Partial<ContentThresholds>;
}

export const DEFAULT_MODEL_LOADERS: ModelLoaders = { ocr: loadOcr, vision: loadHuman };

/** Content verification with OCR (PaddleOCR), a COCO detector (CenterNet) and face embeddings (FaceRes). */
export class ModelContentStage implements ContentStage {
  readonly #models: ContentModels;
  readonly #analyzer: ContentAnalyzer;
  readonly #t: ContentThresholds;
  /** What the keep principles this stage created must compare against. */
  readonly #keepText = new WeakMap<Principle, OcrLine[]>();
  readonly #keepFaces = new WeakMap<Principle, Face[]>();
  /** Identity principles of tone, colour, geometry or filter edits (see `cannotTell`). */
  readonly #pixelOnly = new WeakSet<Principle>();

  constructor(options: ModelContentStageOptions = {}) {
    this.#models = new ContentModels(options.loaders ?? DEFAULT_MODEL_LOADERS);
    this.#analyzer = new ContentAnalyzer(this.#models);
    this.#t = { ...CONTENT_THRESHOLDS, ...options.thresholds };
  }

  async principlesFor(
    edit: PreparedCase,
    parsed: readonly Principle[],
    signal?: AbortSignal,
  ): Promise<Principle[]> {
    let principles = withContentFollows(parsed, edit.instruction);
    const ops = contentOps(principles);
    const a = this.#analyzer;
    const tryRun = <T>(run: () => Promise<T>): Promise<T | null> => run().catch(() => null);
    const hasText = ops.some(isTextOp);
    const hasObjects = ops.some(isObjectOp);
    const sourceLines = hasText ? await tryRun(() => a.lines(edit.source)) : null;
    signal?.throwIfAborted();
    const sourceObjects = hasObjects ? await tryRun(() => a.objects(edit.source)) : null;
    const candidateLines = hasText
      ? await tryRun(() => Promise.all(edit.candidates.map((c) => a.lines(c))))
      : null;
    signal?.throwIfAborted();
    const candidateObjects = hasObjects
      ? await tryRun(() => Promise.all(edit.candidates.map((c) => a.objects(c))))
      : null;
    const box = ops.length
      ? affectedBox(ops, {
          sourceLines,
          candidateLines,
          sourceObjects,
          candidateObjects,
          thresholds: this.#t,
        })
      : null;
    if (box) principles = replaceGenericKeep(principles, boxToRegion(box, "edited content area"), ops);
    const nextKeep = () =>
      `keep-${Math.max(0, ...principles.map((p) => Number(/^keep-(\d+)$/.exec(p.id)?.[1] ?? 0))) + 1}`;
    if (hasText && sourceLines) {
      const edited = ops.flatMap((op) =>
        op.op === "text-remove" ? [op.text] : op.op === "text-replace" && op.from ? [op.from] : [],
      );
      const kept = sourceLines.filter(
        (l) =>
          l.confidence >= this.#t.keepTextMinConfidence &&
          l.text.replace(/\W/g, "").length >= 3 &&
          !(box && iou(l.box, box) > 0) &&
          !edited.some((e) => (bestTextMatch([l], e)?.similarity ?? 0) >= 0.6),
      );
      const replaceAny = ops.some((op) => op.op === "text-replace" && op.from === "");
      if (kept.length > 0 && !replaceAny) {
        const p: Principle = {
          id: nextKeep(),
          kind: "keep",
          scope: "text",
          text: "The other existing text stays readable and unchanged",
          origin: "parser",
        };
        this.#keepText.set(p, kept);
        principles = [...principles, p];
      }
    }
    signal?.throwIfAborted();
    const faces = await tryRun(() => a.faces(edit.source));
    const usable = (faces ?? []).filter((f) => this.#usableFace(f, edit.source.width, edit.source.height));
    if (usable.length > 0 && !asksToChangePerson(edit.instruction, ops)) {
      const p: Principle = {
        id: nextKeep(),
        kind: "keep",
        scope: "identity",
        text: `The ${usable.length === 1 ? "person keeps their" : `${usable.length} people keep their`} identity`,
        origin: "parser",
      };
      this.#keepFaces.set(p, usable);
      if (isPixelOnly(parsed)) this.#pixelOnly.add(p);
      principles = [...principles, p];
    }
    return principles;
  }

  async verify(
    principle: Principle,
    edit: PreparedCase,
    index: number,
    signal?: AbortSignal,
  ): Promise<Verdict | null> {
    const candidate = edit.candidates[index];
    if (!candidate) return null;
    signal?.throwIfAborted();
    const a = this.#analyzer;
    const op = principle.kind === "follow" ? principle.op : undefined;
    if (isTextOp(op)) {
      return this.#guard(principle, "content:ocr", async () =>
        verifyTextOp(principle, op, {
          source: await a.lines(edit.source),
          candidate: await a.lines(candidate),
          thresholds: this.#t,
        }),
      );
    }
    if (isObjectOp(op)) {
      return this.#guard(principle, "content:detector", async () =>
        verifyObjectOp(principle, op, {
          source: await a.objects(edit.source),
          candidate: await a.objects(candidate),
          thresholds: this.#t,
        }),
      );
    }
    const keptLines = this.#keepText.get(principle);
    if (keptLines) {
      return this.#guard(principle, "content:ocr", async () =>
        verifyKeepText(principle, keptLines, await a.lines(candidate)),
      );
    }
    const faces = this.#keepFaces.get(principle);
    if (faces) {
      return this.#guard(principle, "content:faces", async () => {
        const found = (await a.faces(candidate)).filter((f) =>
          this.#usableFace(f, candidate.width, candidate.height),
        );
        const verdict = verifyIdentity(principle, faces, found, this.#t.identityCosine);
        return this.#pixelOnly.has(principle) && verdict.status === "fail" ? cannotTell(verdict) : verdict;
      });
    }
    return null;
  }

  async close(): Promise<void> {
    await this.#models.close();
  }

  #usableFace(face: Face, width: number, height: number): boolean {
    const side = Math.min((face.box[2] - face.box[0]) * width, (face.box[3] - face.box[1]) * height);
    return face.score >= this.#t.faceMinScore && side >= this.#t.faceMinPixels;
  }

  /** A model that cannot load or run makes the verdict abstain with the reason, never a default score. */
  async #guard(principle: Principle, by: ContentCheckId, run: () => Promise<Verdict>): Promise<Verdict> {
    try {
      return await run();
    } catch (error) {
      if (error instanceof Error && error.name === "AbortError") throw error;
      return abstainVerdict(principle, by, `content model unavailable: ${firstLine(error)}`);
    }
  }
}

/** Swaps the parser's generic keep principles for one that keeps everything outside `region`. */
function replaceGenericKeep(
  principles: readonly Principle[],
  region: Principle["region"] & object,
  ops: ReturnType<typeof contentOps>,
): Principle[] {
  const generic = (p: Principle) =>
    p.kind === "keep" &&
    !p.region &&
    (p.scope === undefined || p.scope === "content" || p.scope === "background");
  const id = principles.find(generic)?.id ?? `keep-${principles.filter((p) => p.kind === "keep").length + 1}`;
  const keep: Principle = {
    id,
    kind: "keep",
    scope: "outside-region",
    region,
    text: `Everything outside the edited area (${describeBox([region.x0, region.y0, region.x1, region.y1])}) is unchanged`,
    allows: [...new Set(ops.map((op) => op.op))],
    origin: "parser",
  };
  const rest = principles.filter((p) => !generic(p));
  const firstKeep = rest.findIndex((p) => p.kind === "keep" || p.kind === "quality");
  return firstKeep < 0 ? [...rest, keep] : [...rest.slice(0, firstKeep), keep, ...rest.slice(firstKeep)];
}

/** True when every requested change is a tone, colour, geometry or filter edit the pixel checks verify. */
function isPixelOnly(parsed: readonly Principle[]): boolean {
  return parsed
    .filter((p) => p.kind === "follow")
    .every((p) => p.op !== undefined && p.op.op !== "unknown" && !isTextOp(p.op) && !isObjectOp(p.op));
}

/**
 * Face detection and embeddings are not invariant to the edits the pixel checks handle (a crop can drop a
 * face, a rotation, pixelation or negative can hide one), and for those edits the pixel keep check already
 * verifies that the content stayed. So a failed identity match there is reported as "cannot tell", not as
 * a failure; a successful match still passes.
 */
function cannotTell(verdict: Verdict): Verdict {
  return {
    ...verdict,
    status: "abstain",
    score: null,
    reason: `identity could not be confirmed after this tone/geometry/filter edit (${verdict.evidence.summary}); the pixel preservation check covers the rest`,
  };
}
