import type { EditOp } from "../contract/edit-op.js";
import type { Principle } from "../contract/principle.js";
import type { Verdict } from "../contract/verdict.js";
import { centre, contains, describeBox, iou, padBox } from "./box-geometry.js";
import type { OcrLine } from "./content-types.js";
import { abstainVerdict, scoredVerdict } from "./content-verdict.js";
import { positionBox } from "./position-region.js";
import { allowedEdits, bestTextMatch, type TextMatch } from "./text-match.js";
import type { ContentThresholds } from "./thresholds.js";

type TextOp = Extract<EditOp, { op: "text-add" | "text-replace" | "text-remove" }>;

export interface TextInputs {
  source: readonly OcrLine[];
  candidate: readonly OcrLine[];
  thresholds: ContentThresholds;
}

const D = "content:ocr" as const;
const q = (s: string) => `"${s}"`;

/** Lines of the candidate that were not already in the source at the same place with the same words. */
export function newLines(source: readonly OcrLine[], candidate: readonly OcrLine[]): OcrLine[] {
  return candidate.filter(
    (c) => !source.some((s) => iou(s.box, c.box) > 0.5 && bestTextMatch([s], c.text)?.distance === 0),
  );
}

function found(m: TextMatch): string {
  return `read ${q(m.line.text)} (confidence ${m.line.confidence.toFixed(2)}) at ${describeBox(m.line.box)}`;
}

function evidence(m: TextMatch | null, allowed: number) {
  return {
    editDistance: m ? m.distance : null,
    allowedEdits: allowed,
    similarity: m ? Math.round(m.similarity * 1000) / 1000 : null,
    ocrConfidence: m ? m.line.confidence : null,
    box: m ? m.line.box : null,
  };
}

export function verifyTextOp(principle: Principle, op: TextOp, input: TextInputs): Verdict {
  const details = { candidateLines: input.candidate, sourceLines: input.source };
  const per = input.thresholds.charsPerAllowedEdit;
  if (op.op === "text-add") {
    const allowed = allowedEdits(op.text, per);
    const m = bestTextMatch(newLines(input.source, input.candidate), op.text);
    if (!m)
      return scoredVerdict(
        principle,
        D,
        0,
        `no new text found; wanted ${q(op.text)}`,
        evidence(m, allowed),
        details,
      );
    const where = op.position ? positionBox(op.position) : null;
    const placed = !where || contains(padBox(where, 0, 0.05), centre(m.line.box));
    const text = `${found(m)}; edit distance ${m.distance} to ${q(op.text)} (≤ ${allowed} allowed)`;
    const measurements = { ...evidence(m, allowed), positionOk: placed };
    if (m.distance > allowed)
      return scoredVerdict(principle, D, 0.45 * m.similarity, `${text}: wrong text`, measurements, details);
    if (!placed)
      return scoredVerdict(
        principle,
        D,
        0.3,
        `${text}, but not at the ${op.position}`,
        measurements,
        details,
      );
    const score = 0.75 + 0.25 * m.line.confidence * (1 - m.distance / (allowed + 1));
    return scoredVerdict(
      principle,
      D,
      score,
      `${text}${op.position ? `, at the ${op.position}` : ""}`,
      measurements,
      details,
    );
  }
  if (op.op === "text-remove") {
    const allowed = allowedEdits(op.text, per);
    const before = bestTextMatch(input.source, op.text);
    if (!before || before.distance > allowed)
      return abstainVerdict(
        principle,
        D,
        `the OCR finds no ${q(op.text)} in the source to remove${before ? ` (closest: ${q(before.matched)})` : ""}`,
        details,
      );
    const after = bestTextMatch(input.candidate, op.text);
    const measurements = { ...evidence(after, allowed), sourceBox: before.line.box };
    if (after && after.distance <= allowed)
      return scoredVerdict(
        principle,
        D,
        0.1,
        `${q(op.text)} is still there: ${found(after)}`,
        measurements,
        details,
      );
    const score = 0.85 + 0.15 * (1 - (after?.similarity ?? 0));
    const closest = after
      ? `; closest remaining text ${q(after.matched)} (similarity ${after.similarity.toFixed(2)})`
      : "";
    return scoredVerdict(
      principle,
      D,
      score,
      `${q(op.text)} at ${describeBox(before.line.box)} is gone${closest}`,
      measurements,
      details,
    );
  }
  return verifyReplace(principle, op, input, details);
}

function verifyReplace(
  principle: Principle,
  op: Extract<TextOp, { op: "text-replace" }>,
  input: TextInputs,
  details: object,
): Verdict {
  const per = input.thresholds.charsPerAllowedEdit;
  const allowedTo = allowedEdits(op.to, per);
  const wanted = bestTextMatch(newLines(input.source, input.candidate), op.to);
  const base = evidence(wanted, allowedTo);
  if (!wanted || wanted.distance > allowedTo) {
    const closest = wanted ? `; closest new text ${q(wanted.matched)}, edit distance ${wanted.distance}` : "";
    return scoredVerdict(
      principle,
      D,
      0.45 * (wanted?.similarity ?? 0),
      `no ${q(op.to)} found${closest}`,
      base,
      details,
    );
  }
  if (op.from === "")
    return scoredVerdict(
      principle,
      D,
      0.75 + 0.25 * wanted.line.confidence,
      `${found(wanted)}`,
      base,
      details,
    );
  const allowedFrom = allowedEdits(op.from, per);
  const before = bestTextMatch(input.source, op.from);
  if (!before || before.distance > allowedFrom)
    return abstainVerdict(principle, D, `the OCR finds no ${q(op.from)} in the source to replace`, details);
  const still = bestTextMatch(input.candidate, op.from);
  const gone = !still || still.distance > allowedFrom;
  const near = contains(padBox(before.line.box, 1, 0.1), centre(wanted.line.box));
  const measurements = { ...base, oldTextGone: gone, nearOldPlace: near, sourceBox: before.line.box };
  const text = `${found(wanted)}; ${q(op.from)} ${gone ? "is gone" : "is still there"}`;
  if (!gone) return scoredVerdict(principle, D, 0.35, text, measurements, details);
  if (!near)
    return scoredVerdict(
      principle,
      D,
      0.4,
      `${text}, but the new text is not where the old one was`,
      measurements,
      details,
    );
  return scoredVerdict(
    principle,
    D,
    0.75 + 0.25 * wanted.line.confidence,
    `${text}, replaced in place`,
    measurements,
    details,
  );
}

/** Keep principle: the source's other text lines are still readable in the candidate. */
export function verifyKeepText(
  principle: Principle,
  kept: readonly OcrLine[],
  candidate: readonly OcrLine[],
): Verdict {
  const rows = kept.map((line) => {
    const m = bestTextMatch(candidate, line.text);
    return { text: line.text, box: line.box, similarity: m ? Math.round(m.similarity * 1000) / 1000 : 0 };
  });
  const ok = rows.filter((r) => r.similarity >= 0.7);
  const lost = rows.filter((r) => r.similarity < 0.7).map((r) => q(r.text));
  const summary = `${ok.length} of ${rows.length} existing text lines still read the same${lost.length ? `; lost ${lost.join(", ")}` : ""}`;
  return scoredVerdict(
    principle,
    D,
    rows.length === 0 ? 1 : ok.length / rows.length,
    summary,
    { kept: ok.length, total: rows.length },
    { lines: rows },
  );
}
