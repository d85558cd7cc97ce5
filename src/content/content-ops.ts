import type { EditOp } from "../contract/edit-op.js";
import type { Principle } from "../contract/principle.js";
import { matchContentEdits } from "../instruction/match-content-edits.js";

export type TextOp = Extract<EditOp, { op: "text-add" | "text-replace" | "text-remove" }>;
export type ObjectOp = Extract<EditOp, { op: "object-add" | "object-remove" | "object-replace" }>;
export type ContentOp = TextOp | ObjectOp;

export function isTextOp(op: EditOp | undefined): op is TextOp {
  return op?.op === "text-add" || op?.op === "text-replace" || op?.op === "text-remove";
}

export function isObjectOp(op: EditOp | undefined): op is ObjectOp {
  return op?.op === "object-add" || op?.op === "object-remove" || op?.op === "object-replace";
}

export function contentOps(principles: readonly Principle[]): ContentOp[] {
  return principles
    .filter((p) => p.kind === "follow")
    .map((p) => p.op)
    .filter((op): op is ContentOp => isTextOp(op) || isObjectOp(op));
}

/** A readable follow-principle text for a content op. */
export function describeOp(op: ContentOp): string {
  switch (op.op) {
    case "text-add":
      return `The text "${op.text}" is added${op.position ? ` at the ${op.position}` : ""}`;
    case "text-replace":
      return op.from
        ? `The text "${op.from}" is replaced by "${op.to}"`
        : `The text is changed to "${op.to}"`;
    case "text-remove":
      return `The text "${op.text}" is removed`;
    case "object-add":
      return `${op.count && op.count > 1 ? `${op.count} ${op.object}` : `A ${op.object}`} added (${op.cocoClass ?? "not a COCO class"})`;
    case "object-remove":
      return `The ${op.object} is removed (${op.cocoClass ?? "not a COCO class"})`;
    case "object-replace":
      return `The ${op.from} is replaced by a ${op.to}`;
  }
}

/**
 * When the parser left the instruction as one "unknown" follow principle but the content matcher
 * understands it, returns follow principles for the content ops instead; otherwise the input unchanged.
 */
export function withContentFollows(parsed: readonly Principle[], instruction: string): Principle[] {
  if (contentOps(parsed).length > 0) return [...parsed];
  const unknown = parsed.filter(
    (p) => p.kind === "follow" && p.origin === "parser" && p.op?.op === "unknown",
  );
  if (unknown.length === 0 || unknown.length !== parsed.filter((p) => p.kind === "follow").length)
    return [...parsed];
  const ops = matchContentEdits(instruction).filter((op): op is ContentOp => isTextOp(op) || isObjectOp(op));
  if (ops.length === 0) return [...parsed];
  const follows: Principle[] = ops.map((op, i) => ({
    id: `follow-${i + 1}`,
    kind: "follow",
    text: describeOp(op),
    op,
    origin: "parser",
  }));
  return [...follows, ...parsed.filter((p) => p.kind !== "follow")];
}

const PERSON_WORDS = String.raw`(?:face|faces|person|persons|man|woman|men|women|people|boy|girl|child|kid|him|her|them|identity|head|portrait|he|she)`;
const CHANGE_WORDS = String.raw`(?:swap|replace|change|different|another|someone|older|younger|age|aging|ageing|transform|turn)`;

/** True when the instruction asks to change who is shown, so the identity need not be kept. */
export function asksToChangePerson(instruction: string, ops: readonly ContentOp[]): boolean {
  if (
    ops.some(
      (op) =>
        (op.op === "object-remove" && op.cocoClass === "person") ||
        (op.op === "object-replace" && op.fromClass === "person"),
    )
  )
    return true;
  const a = new RegExp(String.raw`\b${CHANGE_WORDS}\b[^.]*\b${PERSON_WORDS}\b`, "i");
  const b = new RegExp(String.raw`\b${PERSON_WORDS}\b[^.]*\b${CHANGE_WORDS}\b`, "i");
  return a.test(instruction) || b.test(instruction);
}
