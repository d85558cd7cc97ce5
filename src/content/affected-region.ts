import { padBox, unionBox } from "./box-geometry.js";
import type { ContentOp } from "./content-ops.js";
import type { Box, Detection, OcrLine } from "./content-types.js";
import { positionBox } from "./position-region.js";
import { bestTextMatch } from "./text-match.js";
import type { ContentThresholds } from "./thresholds.js";
import { addedObjects, present } from "./verify-objects.js";
import { newLines } from "./verify-text.js";

export interface RegionInputs {
  sourceLines: readonly OcrLine[] | null;
  candidateLines: ReadonlyArray<readonly OcrLine[]> | null;
  sourceObjects: readonly Detection[] | null;
  candidateObjects: ReadonlyArray<readonly Detection[]> | null;
  thresholds: ContentThresholds;
}

/**
 * The boxes (source frame) an op may change: the named position, the old text's or object's box,
 * and where candidates put new text or objects. Each is padded by a quarter of its size (≥ 3% of the image).
 */
export function affectedBoxes(op: ContentOp, input: RegionInputs): Box[] {
  const boxes: Box[] = [];
  const src = input.sourceLines ?? [];
  const cands = input.candidateLines ?? [];
  const t = input.thresholds;
  const newText = (text: string) =>
    cands.flatMap((lines) => {
      const m = bestTextMatch(newLines(src, lines), text);
      return m && m.similarity >= 0.5 ? [m.line.box] : [];
    });
  if (op.op === "text-add") {
    const where = op.position ? positionBox(op.position) : null;
    boxes.push(...(where ? [where] : newText(op.text)));
  } else if (op.op === "text-replace" || op.op === "text-remove") {
    const old = op.op === "text-remove" ? op.text : op.from;
    const m = old ? bestTextMatch(src, old) : null;
    if (m && m.similarity >= 0.5) boxes.push(m.line.box);
    if (op.op === "text-replace") boxes.push(...newText(op.to));
  } else {
    const objects = { source: input.sourceObjects ?? [], thresholds: t };
    const cls = op.op === "object-replace" ? op.fromClass : op.cocoClass;
    if (op.op !== "object-add" && cls)
      boxes.push(...present(objects.source, cls, t.objectMinScore).map((d) => d.box));
    const added = op.op === "object-replace" ? op.toClass : op.op === "object-add" ? op.cocoClass : null;
    if (added)
      for (const candidate of input.candidateObjects ?? [])
        boxes.push(...addedObjects({ ...objects, candidate }, added).map((d) => d.box));
  }
  return boxes.map((b) => padBox(b, 0.25, 0.03));
}

export function affectedBox(ops: readonly ContentOp[], input: RegionInputs): Box | null {
  return unionBox(ops.flatMap((op) => affectedBoxes(op, input)));
}
