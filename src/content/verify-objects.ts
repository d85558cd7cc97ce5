import type { EditOp } from "../contract/edit-op.js";
import type { Principle } from "../contract/principle.js";
import type { Verdict } from "../contract/verdict.js";
import { centre, contains, describeBox, iou, padBox } from "./box-geometry.js";
import type { Detection } from "./content-types.js";
import { abstainVerdict, scoredVerdict } from "./content-verdict.js";
import type { ContentThresholds } from "./thresholds.js";

type ObjectOp = Extract<EditOp, { op: "object-add" | "object-remove" | "object-replace" }>;

export interface ObjectInputs {
  source: readonly Detection[];
  candidate: readonly Detection[];
  thresholds: ContentThresholds;
}

const D = "content:detector" as const;

export function present(dets: readonly Detection[], label: string, minScore: number): Detection[] {
  return dets.filter((d) => d.label === label && d.score >= minScore);
}

/** Candidate detections of `label` with no detection of the same label at the same place in the source. */
export function addedObjects(input: ObjectInputs, label: string): Detection[] {
  const t = input.thresholds;
  const before = input.source.filter((d) => d.label === label && d.score >= t.objectMinScore / 2);
  return present(input.candidate, label, t.objectMinScore).filter(
    (c) => !before.some((s) => iou(s.box, c.box) > t.sameObjectIou),
  );
}

const list = (dets: readonly Detection[]) =>
  dets.map((d) => `${d.label} ${d.score.toFixed(2)} at ${describeBox(d.box)}`).join("; ");

/** Why an object the detector has no class for is not checked; text named without its words gets the fix. */
function notADetectorClass(object: string): string {
  if (/^(?:the |some |any )?(?:text|words?|writing|lettering|caption|letters)$/i.test(object.trim()))
    return `"${object}" names text without its words, so neither the detector nor the OCR can check it; quote the words, e.g. remove the text "SALE"`;
  return `"${object}" is not one of the 80 COCO classes the detector knows`;
}

export function verifyObjectOp(principle: Principle, op: ObjectOp, input: ObjectInputs): Verdict {
  const details = { candidateDetections: input.candidate, sourceDetections: input.source };
  const t = input.thresholds;
  if (op.op === "object-replace") return verifyReplace(principle, op, input, details);
  const cls = op.cocoClass;
  if (!cls) return abstainVerdict(principle, D, notADetectorClass(op.object), details);
  const s = present(input.source, cls, t.objectMinScore);
  const c = present(input.candidate, cls, t.objectMinScore);
  const measurements = { sourceCount: s.length, candidateCount: c.length, minScore: t.objectMinScore };
  if (op.op === "object-remove") {
    if (s.length === 0) return verifyWeakRemove(principle, cls, input, details);
    const summary = `${cls}: ${s.length} in the source, ${c.length} in the candidate${c.length ? ` (${list(c)})` : ""}`;
    if (c.length >= s.length)
      return scoredVerdict(principle, D, 0.15, `${summary}: not removed`, measurements, details);
    return scoredVerdict(
      principle,
      D,
      0.7 + 0.3 * (1 - c.length / s.length),
      `${summary}: removed`,
      measurements,
      details,
    );
  }
  const want = op.count ?? 1;
  const added = Math.max(c.length - s.length, 0);
  const fresh = addedObjects(input, cls);
  const summary = `${cls}: ${s.length} in the source, ${c.length} in the candidate${fresh.length ? `; new: ${list(fresh)}` : ""}`;
  const m = { ...measurements, added, requested: op.count, bestNewScore: fresh[0]?.score ?? null };
  if (added === 0) {
    // Below the threshold, a weak new detection still ranks above none (both fail).
    const weak = addedObjects({ ...input, thresholds: { ...t, objectMinScore: t.objectMinScore / 2 } }, cls);
    const hint = Math.max(0, ...weak.map((d) => d.score));
    const note = weak.length ? ` (weak new ${cls} ${hint.toFixed(2)} below ${t.objectMinScore})` : "";
    return scoredVerdict(principle, D, 0.1 + 0.3 * hint, `${summary}: none added${note}`, m, details);
  }
  const best = Math.max(...fresh.map((d) => d.score), 0);
  if (op.count !== null && added !== want)
    return scoredVerdict(
      principle,
      D,
      added < want ? 0.3 : 0.4,
      `${summary}: ${added} added, ${want} asked`,
      m,
      details,
    );
  return scoredVerdict(principle, D, 0.7 + 0.3 * best, `${summary}: added`, m, details);
}

function verifyReplace(
  principle: Principle,
  op: Extract<ObjectOp, { op: "object-replace" }>,
  input: ObjectInputs,
  details: object,
): Verdict {
  const t = input.thresholds;
  if (!op.fromClass || !op.toClass) {
    const which = op.fromClass ? op.to : op.from;
    return abstainVerdict(principle, D, notADetectorClass(which), details);
  }
  const olds = present(input.source, op.fromClass, t.objectMinScore);
  if (olds.length === 0)
    return abstainVerdict(
      principle,
      D,
      `the detector finds no ${op.fromClass} in the source to replace`,
      details,
    );
  const remaining = present(input.candidate, op.fromClass, t.objectMinScore);
  const gone = olds.filter((o) => !remaining.some((r) => iou(r.box, o.box) > t.sameObjectIou));
  const news = addedObjects(input, op.toClass).filter((n) =>
    olds.some((o) => contains(padBox(o.box, 0.5, 0.05), centre(n.box))),
  );
  const m = {
    replaced: gone.length,
    sourceCount: olds.length,
    newNearby: news.length,
    minScore: t.objectMinScore,
  };
  const summary =
    `${op.fromClass}: ${gone.length} of ${olds.length} gone; ${op.toClass} near the old place: ` +
    `${news.length ? list(news) : "none"}`;
  if (gone.length > 0 && news.length > 0)
    return scoredVerdict(
      principle,
      D,
      0.75 + 0.25 * Math.max(...news.map((n) => n.score)),
      summary,
      m,
      details,
    );
  return scoredVerdict(principle, D, gone.length > 0 || news.length > 0 ? 0.35 : 0.1, summary, m, details);
}

/**
 * Remove, when the source shows the class only below the threshold: compares weak detections
 * (≥ half the threshold) instead of abstaining; a pass is capped at 0.6 because the evidence is weak.
 */
function verifyWeakRemove(principle: Principle, cls: string, input: ObjectInputs, details: object): Verdict {
  const weak = input.thresholds.objectMinScore / 2;
  const s = present(input.source, cls, weak);
  const c = present(input.candidate, cls, weak);
  if (s.length === 0)
    return abstainVerdict(
      principle,
      D,
      `the detector finds no ${cls} in the source (score ≥ ${weak}); nothing to check`,
      details,
    );
  const gone = s.filter((o) => !c.some((d) => iou(d.box, o.box) > input.thresholds.sameObjectIou));
  const m = {
    sourceCount: s.length,
    candidateCount: c.length,
    gone: gone.length,
    minScore: weak,
    weakEvidence: true,
  };
  const summary = `${cls} only weakly detected (score ≥ ${weak}): ${s.length} in the source, ${c.length} in the candidate, ${gone.length} gone`;
  if (gone.length === 0 || c.length >= s.length)
    return scoredVerdict(principle, D, 0.2, `${summary}: not removed`, m, details);
  return scoredVerdict(principle, D, 0.6, `${summary}: removed`, m, details);
}
