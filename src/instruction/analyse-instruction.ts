import type { EditOp } from "../contract/edit-op.js";
import type { Region } from "../contract/region.js";
import { type Clause, splitClauses } from "./clauses.js";
import { matchContentEdits } from "./match-content-edits.js";
import type { Tokenize } from "./nlp-tokens.js";
import { normalizeInstruction } from "./normalize-instruction.js";
import { type ClauseParse, parseClause } from "./parse-clause.js";
import { assignRegions, clauseAsks, type RequestedChange, regionOnlyTargets } from "./requested-changes.js";
import { genericReason } from "./unknown-phrases.js";

function key(op: EditOp, region: Region | null): string {
  return JSON.stringify([op, region]);
}

/** "It's too big, downscale it by a factor of 2": one resize, the one with numbers. */
function dropVagueResizes(changes: RequestedChange[]): void {
  const resizes = changes.filter((c) => c.op.op === "resize");
  const specific = resizes.some(
    (c) => c.op.op === "resize" && (c.op.factor !== null || c.op.width !== null || c.op.height !== null),
  );
  if (!specific) return;
  for (let i = changes.length - 1; i >= 0; i--) {
    const op = changes[i]?.op;
    if (op?.op === "resize" && op.factor === null && op.width === null && op.height === null)
      changes.splice(i, 1);
  }
}

function unknown(reason: string): EditOp {
  return { op: "unknown", reason };
}

/** Reads an instruction into the changes it asks for, in order: pixel edits, content edits, unknowns. */
export function analyseInstruction(tokenize: Tokenize, instruction: string): RequestedChange[] {
  const normalized = normalizeInstruction(instruction);
  const clauses: Clause[] = splitClauses(tokenize(normalized.text), normalized.quotes);
  const parses: ClauseParse[] = [];
  let inherited: ClauseParse["lastDirection"] = null;
  for (const clause of clauses) {
    const parse = parseClause(clause, inherited);
    parses.push(parse);
    inherited = parse.lastDirection ?? inherited;
  }
  const regions = assignRegions(clauses, parses);
  const regionTargets = regionOnlyTargets(clauses, parses);
  // Content edits are read per clause, and only from clauses without a pixel edit ("add a bit of noise" is noise,
  // not an object). When clause splitting hides one (no clause matches), the whole instruction is read instead.
  const perClause = clauses.map((c, i) =>
    (parses[i]?.local.length ?? 0) + (parses[i]?.global.length ?? 0) > 0 ? [] : matchContentEdits(c.text),
  );
  const covered = perClause.map((ops) => ops.length > 0);
  const anyCovered = covered.some(Boolean);
  const hasPixelEdit = parses.some((p) => p.local.length + p.global.length > 0);
  const content = anyCovered ? perClause.flat() : hasPixelEdit ? [] : matchContentEdits(instruction);

  const changes: RequestedChange[] = [];
  const seen = new Set<string>();
  const add = (op: EditOp, region: Region | null, source: string) => {
    const k = key(op, region);
    if (seen.has(k)) return;
    seen.add(k);
    changes.push({ op, region, source });
  };
  const unknowns: RequestedChange[] = [];
  for (const [i, parse] of parses.entries()) {
    const clause = clauses[i];
    if (!clause) continue;
    const restrictedBy = [...regionTargets]
      .filter(([, target]) => target === i)
      .map(([from]) => parses[from]?.region ?? null);
    const clauseRegions = restrictedBy.length > 0 && !regions[i] ? restrictedBy : [regions[i] ?? null];
    for (const op of parse.local) {
      if (op.op === "unknown") continue;
      for (const region of clauseRegions) add(op, region, clause.text);
    }
    for (const op of parse.global) add(op, null, clause.text);
    const isContent = covered[i] || (content.length > 0 && !anyCovered);
    if (isContent || parse.keepOnly || regionTargets.has(i)) continue;
    const localUnknown = parse.local.find((op) => op.op === "unknown");
    if (localUnknown) unknowns.push({ op: localUnknown, region: null, source: clause.text });
    else if (
      parse.local.length === 0 &&
      parse.global.length === 0 &&
      (parse.reasons.length > 0 || clauseAsks(clause))
    ) {
      unknowns.push({
        op: unknown(parse.reasons[0] ?? genericReason(clause.text)),
        region: null,
        source: clause.text,
      });
    }
  }
  for (const op of content) add(op, null, instruction);
  dropVagueResizes(changes);
  if (changes.length > 0) {
    const asked = unknowns.filter((u) => u.op.op === "unknown" && !u.op.reason.startsWith('"'));
    return [
      ...changes,
      ...asked,
      ...unknowns.filter(
        (u) =>
          !asked.includes(u) &&
          /\b(add|remove|replace|put|insert|change|make)\b/.test(u.source.toLowerCase()),
      ),
    ];
  }
  const specific = unknowns
    .map((u) => (u.op.op === "unknown" ? u.op.reason : ""))
    .find((r) => r && !r.startsWith('"'));
  const why = specific ?? genericReason(instruction.trim());
  return [{ op: unknown(why), region: null, source: instruction.trim() }];
}
