import { toCocoClass } from "../content/coco-classes.js";
import type { EditOp } from "../contract/edit-op.js";
import { splitClauses } from "./split-clauses.js";

const Q = `["'“”‘’]`;
const QUOTED = `${Q}([^"“”]+?)${Q}`;
const TEXT_NOUN = String.raw`(?:text|word|words|caption|title|label|sign|signage|writing|lettering|message|slogan|headline)`;
const ADD_VERB = String.raw`(?:add|insert|put|place|write|draw|paint|include|overlay|type)`;
const REMOVE_VERB = String.raw`(?:remove|delete|erase|take\s+out|take\s+away|get\s+rid\s+of|eliminate|clear)`;
const CHANGE_VERB = String.raw`(?:change|replace|swap|turn|edit|rename|rewrite|switch|transform|convert)`;

const TEXT_REPLACE = new RegExp(
  String.raw`${CHANGE_VERB}\s+(?:the\s+)?(?:${TEXT_NOUN}\s+)?(?:(?:that\s+)?(?:says|saying|reading)\s+)?${QUOTED}\s+(?:to|with|into|by|for)\s+(?:the\s+)?(?:${TEXT_NOUN}\s+)?${QUOTED}`,
  "i",
);
const TEXT_REPLACE_ANY = new RegExp(
  String.raw`${CHANGE_VERB}\s+(?:the\s+)?(?:\w+\s+)?${TEXT_NOUN}\s+(?:to|with|into)\s+(?:say\s+|read\s+)?${QUOTED}`,
  "i",
);
const TEXT_REMOVE = new RegExp(
  String.raw`${REMOVE_VERB}\s+(?:the\s+|all\s+)?(?:${TEXT_NOUN}\s+)?(?:(?:that\s+)?(?:says|saying|reading)\s+)?${QUOTED}`,
  "i",
);
const TEXT_ADD = new RegExp(
  String.raw`${ADD_VERB}\s+(?:(?:a|an|the|some)\s+)?(?:\w+\s+)?(?:${TEXT_NOUN}\s+)?(?:(?:that\s+)?(?:says|saying|reading)\s+)?${QUOTED}(.*)$`,
  "i",
);
const POSITION =
  /\b(?:at|in|on|along|across|near)\s+(?:the\s+)?((?:very\s+)?(?:top|bottom|upper|lower|left|right|middle|centre|center)(?:[\s-]*(?:left|right|top|bottom|middle|centre|center|half|side|corner|edge|part))*)/i;

/** A position phrase with compounds spelled apart: normalisation writes "top-right" as "topright". */
function spellPosition(phrase: string): string {
  return phrase
    .toLowerCase()
    .replace(/\b(top|bottom|upper|lower)(left|right)\b/g, "$1-$2")
    .trim();
}

/** Nouns that name pixel operations, not objects: "add a border", "remove the noise". */
const NOT_OBJECTS = new Set(
  (
    "border frame noise grain blur contrast brightness saturation filter effect vignette tint color colour " +
    "colors colours shadow shadows highlight highlights glow light sharpness haze fog background sky red-eye " +
    "watermark artifacts artifact texture pattern gradient exposure tone warmth sepia image photo picture " +
    "photograph it scene everything style black white gray grey red green blue yellow orange purple pink brown " +
    "night day sunset winter summer painting sketch cartoon version"
  ).split(" "),
);
const COUNTS: Readonly<Record<string, number>> = {
  one: 1,
  single: 1,
  two: 2,
  pair: 2,
  couple: 2,
  three: 3,
  four: 4,
  five: 5,
  six: 6,
  seven: 7,
  eight: 8,
  nine: 9,
  ten: 10,
};
const STOP =
  /^(?:in|on|at|to|into|onto|next|near|beside|behind|under|over|from|of|with|that|which|so|by|along|across|above|below|between|left|right|top|bottom)$/i;
const ARTICLE = /^(?:a|an|the|some|all|any|every|this|that|these|those|his|her|their|its|my)$/i;

/**
 * Finds content edits (text add/replace/remove, object add/remove/replace/count) in an instruction.
 * Returns [] when the instruction asks for none. Each clause ("…, then …", "… and …") yields at most one op.
 */
export function matchContentEdits(instruction: string): EditOp[] {
  const ops: EditOp[] = [];
  for (const clause of splitClauses(instruction)) {
    const op = matchClause(clause);
    if (op) ops.push(op);
  }
  return ops;
}

function matchClause(clause: string): EditOp | null {
  let m = TEXT_REPLACE.exec(clause);
  if (m?.[1] && m[2]) return { op: "text-replace", from: m[1].trim(), to: m[2].trim() };
  m = TEXT_REPLACE_ANY.exec(clause);
  if (m?.[1]) return { op: "text-replace", from: "", to: m[1].trim() };
  m = TEXT_REMOVE.exec(clause);
  if (m?.[1]) return { op: "text-remove", text: m[1].trim() };
  m = TEXT_ADD.exec(clause);
  if (m?.[1]) {
    const where = POSITION.exec(m[2] ?? "");
    return { op: "text-add", text: m[1].trim(), position: where?.[1] ? spellPosition(where[1]) : null };
  }
  return matchObjectClause(clause);
}

function matchObjectClause(clause: string): EditOp | null {
  const replace = new RegExp(
    String.raw`\b${CHANGE_VERB}\s+(.+?)\s+(?:with|into|to|for|by)\s+(.+)$`,
    "i",
  ).exec(clause);
  if (replace?.[1] && replace[2]) {
    const from = nounPhrase(replace[1]);
    const to = nounPhrase(replace[2]);
    if (from && to)
      return { op: "object-replace", from: from.noun, fromClass: from.coco, to: to.noun, toClass: to.coco };
    return null;
  }
  const remove = new RegExp(String.raw`\b${REMOVE_VERB}\s+(.+)$`, "i").exec(clause);
  if (remove?.[1]) {
    const target = nounPhrase(remove[1]);
    return target ? { op: "object-remove", object: target.noun, cocoClass: target.coco } : null;
  }
  const add = /\b(?:add|insert|put|place|include|draw|paint)\s+(.+)$/i.exec(clause);
  if (add?.[1]) {
    const target = nounPhrase(add[1]);
    if (!target) return null;
    return { op: "object-add", object: target.noun, cocoClass: target.coco, count: target.count };
  }
  return null;
}

interface NounPhrase {
  noun: string;
  coco: string | null;
  count: number | null;
}

/** The object a phrase names: the first words that map to COCO, else the head noun before a preposition. */
export function nounPhrase(phrase: string): NounPhrase | null {
  const words = phrase
    .replace(/[^\w\s-]/g, " ")
    .split(/\s+/)
    .filter(Boolean);
  let count: number | null = null;
  const body: string[] = [];
  for (const word of words) {
    if (STOP.test(word) && body.length > 0) break;
    const n = COUNTS[word.toLowerCase()] ?? (/^\d+$/.test(word) ? Number(word) : undefined);
    if (n !== undefined && body.length === 0) count = n;
    else if (!ARTICLE.test(word)) body.push(word.toLowerCase());
  }
  if (body.length === 0) return null;
  for (let i = 0; i < body.length; i++) {
    for (const len of [2, 1]) {
      const words2 = body.slice(i, i + len);
      if (words2.length < len) continue;
      const coco = toCocoClass(words2.join(" "));
      if (coco) return { noun: words2.join(" "), coco, count };
    }
  }
  const head = body[body.length - 1] as string;
  if (NOT_OBJECTS.has(head) || body.some((w) => NOT_OBJECTS.has(w))) return null;
  return { noun: body.join(" "), coco: null, count };
}
