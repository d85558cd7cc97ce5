import type { Region } from "../contract/region.js";

/**
 * Named regions of the source frame, in normalised coordinates. Words arrive normalised
 * ("upper" → "top", "middle"/"center" → "centre", "top-left" → "topleft", "two thirds" → "twothirds").
 * A bare side ("the left side", "the top", "on the left") means that half.
 */
export type Side = "top" | "bottom" | "left" | "right";
export type Corner = "topleft" | "topright" | "bottomleft" | "bottomright";

export interface RegionMatch {
  /** null when the phrase names an area that is not a rectangle (e.g. "everything except the centre"). */
  region: Region | null;
  kind: "band" | "corner" | "centre";
  side: Side | null;
  corner: Corner | null;
  /** Fraction of the image the band covers, e.g. 0.5 for a half. */
  fraction: number;
  /** "everything except the top half". */
  complement: boolean;
  /** Word indices [start, end) of the phrase. */
  start: number;
  end: number;
}

const SIDES = new Set<string>(["top", "bottom", "left", "right"]);
const CORNERS = new Set<string>(["topleft", "topright", "bottomleft", "bottomright"]);
const FRACTIONS: Readonly<Record<string, number>> = {
  half: 1 / 2,
  halves: 1 / 2,
  third: 1 / 3,
  quarter: 1 / 4,
  twothirds: 2 / 3,
  threequarters: 3 / 4,
};
const FRACTION_NAMES: ReadonlyArray<readonly [number, string]> = [
  [1 / 2, "half"],
  [1 / 3, "third"],
  [1 / 4, "quarter"],
  [2 / 3, "two-thirds"],
  [3 / 4, "three-quarters"],
];
const AREA_NOUNS = new Set([
  "side",
  "sides",
  "part",
  "portion",
  "section",
  "area",
  "region",
  "bit",
  "strip",
  "band",
  "corner",
  "edge",
  "square",
  "zone",
  "piece",
  "of",
]);
const BARE_SIDE_LEAD = new Set(["the", "at", "on", "along", "in", "its", "image's", "photo's", "only"]);
const EXCEPT_WORDS = new Set(["except", "excluding", "outside", "besides", "but"]);
const OPPOSITE: Readonly<Record<Side, Side>> = { top: "bottom", bottom: "top", left: "right", right: "left" };

function fractionName(fraction: number): string | null {
  return FRACTION_NAMES.find(([f]) => Math.abs(f - fraction) < 1e-6)?.[1] ?? null;
}

export function bandRegion(side: Side, fraction: number): Region {
  const label = `${side} ${fractionName(fraction) ?? `${Math.round(fraction * 100)}%`}`;
  if (side === "top") return { label, x0: 0, y0: 0, x1: 1, y1: fraction };
  if (side === "bottom") return { label, x0: 0, y0: 1 - fraction, x1: 1, y1: 1 };
  if (side === "left") return { label, x0: 0, y0: 0, x1: fraction, y1: 1 };
  return { label, x0: 1 - fraction, y0: 0, x1: 1, y1: 1 };
}

export function cornerRegion(corner: Corner): Region {
  const top = corner.startsWith("top");
  const left = corner.endsWith("left");
  const label = `${top ? "top" : "bottom"}-${left ? "left" : "right"} quarter`;
  return { label, x0: left ? 0 : 0.5, y0: top ? 0 : 0.5, x1: left ? 0.5 : 1, y1: top ? 0.5 : 1 };
}

export const CENTRE_REGION: Region = { label: "centre", x0: 0.25, y0: 0.25, x1: 0.75, y1: 0.75 };

function isComplement(values: readonly string[], start: number): boolean {
  for (let i = Math.max(0, start - 4); i < start; i++) {
    const v = values[i] ?? "";
    if (
      EXCEPT_WORDS.has(v) ||
      (v === "apart" && values[i + 1] === "from") ||
      (v === "other" && values[i + 1] === "than")
    )
      return true;
  }
  return false;
}

function matchAt(values: readonly string[], i: number): Omit<RegionMatch, "complement" | "region"> | null {
  const v = values[i] ?? "";
  const next = values[i + 1] ?? "";
  const nounEnd = AREA_NOUNS.has(next) && next !== "of" ? i + 2 : i + 1;
  if (CORNERS.has(v)) {
    const end = next in FRACTIONS || AREA_NOUNS.has(next) ? i + 2 : i + 1;
    return { kind: "corner", side: null, corner: v as Corner, fraction: 0.25, start: i, end };
  }
  if (v === "centre" || (v === "centred" && AREA_NOUNS.has(next))) {
    return { kind: "centre", side: null, corner: null, fraction: 0.5, start: i, end: nounEnd };
  }
  if (!SIDES.has(v)) return null;
  const side = v as Side;
  const fraction = FRACTIONS[next];
  if (fraction !== undefined) return { kind: "band", side, corner: null, fraction, start: i, end: i + 2 };
  const prev = values[i - 1] ?? "";
  if (AREA_NOUNS.has(next) || BARE_SIDE_LEAD.has(prev)) {
    return { kind: "band", side, corner: null, fraction: 0.5, start: i, end: nounEnd };
  }
  return null;
}

/** Finds the first region phrase in a clause's words (lower-case surface forms). */
export function findRegion(values: readonly string[]): RegionMatch | null {
  for (let i = 0; i < values.length; i++) {
    const m = matchAt(values, i);
    if (!m) continue;
    const complement = isComplement(values, m.start);
    return { ...m, complement, region: regionOf(m, complement) };
  }
  return null;
}

/** The rest of the image outside a matched region ("brighten everything, not the top half"), if rectangular. */
export function complementRegion(m: RegionMatch): Region | null {
  return regionOf(m, !m.complement);
}

function regionOf(m: Omit<RegionMatch, "complement" | "region">, complement: boolean): Region | null {
  if (m.kind === "centre") return complement ? null : CENTRE_REGION;
  if (m.kind === "corner" && m.corner) return complement ? null : cornerRegion(m.corner);
  if (!m.side) return null;
  if (!complement) return bandRegion(m.side, m.fraction);
  const rest = 1 - m.fraction;
  return fractionName(rest) ? bandRegion(OPPOSITE[m.side], rest) : null;
}
