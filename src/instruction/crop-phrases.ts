import type { CropAnchor, CropShape } from "../contract/edit-op.js";
import type { Clause } from "./clauses.js";
import { findRegion, type RegionMatch } from "./regions.js";
import type { GeometryHit } from "./rotation-phrases.js";

/**
 * Crops. "crop to the left half" keeps the left half (a crop anchored left, not a region restriction);
 * "crop the top third" keeps the top third; "crop off / cut off / remove the top third" keeps the bottom
 * two-thirds; "crop it square" is a centred square; "crop to the centre" or a bare "crop" / "zoom in" is a
 * centre crop; "crop it in half" is a centred half.
 */
const CROP_WORDS = new Set(["crop", "cropped", "cropping", "trim", "trimmed", "chop", "zoomin", "reframe"]);
const CUT_PARTICLES = new Set(["off", "out", "away", "half", "down", "to"]);
const REMOVE_WORDS = new Set(["off", "out", "away", "remove", "rid", "lose", "delete", "chop", "drop"]);
const SHAPES: ReadonlyArray<readonly [number, CropShape]> = [
  [1 / 2, "half"],
  [1 / 3, "third"],
  [1 / 4, "quarter"],
  [2 / 3, "two-thirds"],
];
const FRACTION_WORDS: Readonly<Record<string, number>> = {
  half: 1 / 2,
  third: 1 / 3,
  quarter: 1 / 4,
  twothirds: 2 / 3,
};
const OPPOSITE: Readonly<Record<string, CropAnchor>> = {
  top: "bottom",
  bottom: "top",
  left: "right",
  right: "left",
};

function shapeOf(fraction: number): CropShape | null {
  return SHAPES.find(([f]) => Math.abs(f - fraction) < 1e-6)?.[1] ?? null;
}

function isCropClause(clause: Clause, region: RegionMatch | null, hasOtherOp: boolean): boolean {
  const words = clause.words;
  return words.some((w, i) => {
    if (w.negated) return false;
    if (CROP_WORDS.has(w.value) || CROP_WORDS.has(w.lemma)) return true;
    if (w.lemma === "cut" && words.slice(i + 1, i + 5).some((x) => CUT_PARTICLES.has(x.value))) return true;
    const keepOnly =
      (w.lemma === "keep" && words[i + 1]?.value === "only") ||
      (w.value === "only" && words[i + 1]?.lemma === "keep");
    if (keepOnly && region) return true;
    // "just give me the left half", "show me only the centre"
    if (["give", "show"].includes(w.lemma) && words[i + 1]?.value === "me" && region && !hasOtherOp)
      return true;
    return w.lemma === "remove" && region?.kind === "band" && !region.complement;
  });
}

/** The crop a clause asks for, or null when it asks for none. */
export function findCrop(clause: Clause, hasOtherOp: boolean): GeometryHit | null {
  const values = clause.words.map((w) => w.value);
  const region = findRegion(values);
  const squareOnly =
    values.includes("square") &&
    !hasOtherOp &&
    clause.words.some((w) => ["make", "turn", "square"].includes(w.lemma));
  if (!isCropClause(clause, region, hasOtherOp) && !squareOnly) return null;
  const removing =
    values.some((v) => REMOVE_WORDS.has(v)) || (values.includes("trim") && !values.includes("to"));
  const op = (shape: CropShape, anchor: CropAnchor): GeometryHit => ({ op: { op: "crop", shape, anchor } });
  if (values.includes("square")) {
    const anchor: CropAnchor = region?.kind === "band" && region.side ? region.side : "center";
    return op("square", anchor);
  }
  if (!region) {
    // "… and crop away the rest" refers back to a crop already named.
    if (values.includes("rest") || values.includes("else")) return null;
    const fraction = values.map((v) => FRACTION_WORDS[v]).find((f) => f !== undefined);
    const shape = fraction === undefined ? "center" : (shapeOf(fraction) ?? "center");
    return op(shape, "center");
  }
  if (region.kind === "corner") {
    return {
      reason: "Cropping to a corner quarter is not supported; crop to a half, third, square or the centre",
    };
  }
  if (region.kind === "centre") {
    const fraction = values.map((v) => FRACTION_WORDS[v]).find((f) => f !== undefined);
    return op(fraction === undefined ? "center" : (shapeOf(fraction) ?? "center"), "center");
  }
  const side = region.side ?? "left";
  const keepSide = removing !== region.complement ? OPPOSITE[side] : side;
  const keepFraction = removing !== region.complement ? 1 - region.fraction : region.fraction;
  const shape = shapeOf(keepFraction);
  if (!shape || !keepSide) {
    return { reason: `Cropping to keep ${Math.round(keepFraction * 100)}% of the image is not supported` };
  }
  return op(shape, keepSide);
}
