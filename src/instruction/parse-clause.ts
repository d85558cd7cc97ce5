import type { EditOp } from "../contract/edit-op.js";
import type { Region } from "../contract/region.js";
import { axisOp, undirectedReason } from "./axis-ops.js";
import { findBorder } from "./border-phrases.js";
import type { Clause } from "./clauses.js";
import { colourAt } from "./colour-names.js";
import { findCrop } from "./crop-phrases.js";
import type { DirectionWord } from "./direction-words.js";
import { scanLooks } from "./look-phrases.js";
import { findObjectScope } from "./object-scope.js";
import { complementRegion, findRegion, type RegionMatch } from "./regions.js";
import { findResize } from "./resize-phrases.js";
import { scanAxes } from "./resolve-axis.js";
import { findFlip, findRotation, type GeometryHit } from "./rotation-phrases.js";
import { scanStyles } from "./style-phrases.js";
import { findTilt } from "./tilt-phrases.js";
import { scanTints } from "./tint-phrases.js";
import { axisEntry } from "./tone-lexicon.js";
import { unsupportedReason } from "./unknown-phrases.js";

/** What one clause asks for. Region-capable ops (tone, colour, blur, …) take the clause's region. */
export interface ClauseParse {
  /** Ops that may be restricted to a region. */
  local: EditOp[];
  /** Geometry and frame ops, always whole-image. */
  global: EditOp[];
  regionMatch: RegionMatch | null;
  region: Region | null;
  /** Why parts of the clause could not be understood. */
  reasons: string[];
  lastDirection: DirectionWord | null;
  /** Starts with "keep/leave/preserve …": says what must stay, asks for nothing. */
  keepOnly: boolean;
}

const KEEP_VERBS = new Set(["keep", "leave", "preserve", "maintain", "retain", "don't", "avoid"]);

function geometry(hit: GeometryHit | null, global: EditOp[], reasons: string[]): boolean {
  if (!hit) return false;
  if ("op" in hit) global.push(hit.op);
  else reasons.push(hit.reason);
  return true;
}

/** A negated region with nothing else in its clause ("…, not the top half") means the rest of the image. */
function clauseRegion(match: RegionMatch | null, words: Clause["words"], hasOps: boolean): Region | null {
  if (!match) return null;
  return !hasOps && words[match.start]?.negated ? complementRegion(match) : match.region;
}

export function parseClause(clause: Clause, inherited: DirectionWord | null): ClauseParse {
  const words = clause.words;
  const values = words.map((w) => w.value);
  const global: EditOp[] = [];
  const local: EditOp[] = [];
  const reasons: string[] = [];
  const looks = scanLooks(clause);
  const hueShift = looks.some((l) => l.op.op === "hue-shift");
  const flip = findFlip(clause);
  const tilt = flip || hueShift ? null : findTilt(clause);
  const rotation = flip || tilt || hueShift ? null : findRotation(clause);
  const border = findBorder(clause);
  const namesPixelEdit =
    scanStyles(clause).length > 0 || words.some((w) => axisEntry(w.value, w.lemma, w.pos) !== null);
  const resize = findResize(clause, Boolean(flip || rotation || border) || namesPixelEdit);
  // "cut the resolution in half" is a resize; only an explicit crop word makes it a crop as well.
  const cropWord = words.some((w) => ["crop", "trim", "zoomin"].includes(w.lemma));
  const crop =
    resize && !cropWord
      ? null
      : findCrop(clause, Boolean(flip || rotation || border || resize) || namesPixelEdit);
  const geometric = [flip, rotation, border, crop].some((hit) => geometry(hit, global, reasons));
  if (resize) global.push(resize);
  if (tilt) global.push(tilt);
  for (const look of looks) global.push(look.op);

  const skip = new Set<number>(looks.flatMap((l) => l.indices));
  const regionMatch = geometric || resize || tilt || looks.length > 0 ? null : findRegion(values);
  if (regionMatch) for (let i = regionMatch.start; i < regionMatch.end; i++) skip.add(i);
  for (let i = 0; i < values.length; i++) {
    const colour = colourAt(values, i);
    if (colour && colour.end - colour.start > 1) for (let k = colour.start; k < colour.end; k++) skip.add(k);
  }
  if (border) {
    for (const [i, w] of words.entries())
      if (
        ["color", "colour", "colored", "coloured"].includes(w.lemma) ||
        ["colored", "coloured"].includes(w.value)
      )
        skip.add(i);
  }
  const styles = scanStyles(clause);
  for (const s of styles) {
    skip.add(s.index);
    local.push(s.op);
  }
  const axes = scanAxes(clause, skip, inherited, local.length > 0 || global.length > 0);
  for (const hit of axes.hits) local.push(axisOp(hit.axis, hit.direction));
  const object = regionMatch ? null : findObjectScope(clause);
  const tints = border || object ? { ops: [], reasons: [] } : scanTints(clause, skip);
  for (const t of tints.ops) local.push(t.op);
  reasons.push(...tints.reasons);

  const colour = values.find((_v, i) => colourAt(values, i) !== null);
  if (object && (local.length > 0 || colour !== undefined)) {
    local.length = 0;
    reasons.unshift(
      colour
        ? `Recolouring "${object.phrase}" is not a supported edit; the parser cannot locate "${object.head}" in the image`
        : `The change is aimed at "${object.phrase}", which is not a named region (halves, thirds, corners, centre); the parser cannot locate it`,
    );
  }
  if (regionMatch && regionMatch.region === null) {
    local.length = 0;
    reasons.unshift(
      "The region is not a rectangle (everything except a corner or the centre); it cannot be checked",
    );
  }
  if (local.length === 0 && global.length === 0) {
    for (const axis of axes.undirected) reasons.push(undirectedReason(axis));
    const known = unsupportedReason(clause);
    if (known) reasons.unshift(known);
  }
  const first = words.find(
    (w) => !["please", "just", "only", "and", "but", "also", "then"].includes(w.value),
  );
  return {
    local,
    global,
    regionMatch,
    region: clauseRegion(regionMatch, words, local.length + global.length > 0),
    reasons,
    lastDirection: axes.lastDirection,
    keepOnly: first !== undefined && KEEP_VERBS.has(first.lemma) && local.length === 0 && global.length === 0,
  };
}
