import { measureDetailChange } from "../../checks/detail-change.js";
import { countMask } from "../../checks/mask/binary-mask.js";
import { measureMaskSpill } from "../../checks/mask/mask-spill.js";
import { placeName } from "../../checks/mask/place-name.js";
import { measureToneChange } from "../../checks/tone-change.js";
import type { Principle } from "../../contract/principle.js";
import type { Measurement, Verdict } from "../../contract/verdict.js";
import { abstainVerdict, makeVerdict } from "./make-verdict.js";
import { keptArea } from "./mask-frame.js";
import type { PairAnalysis } from "./pair-analysis.js";
import { type Curve, DRIFT, scoreOn } from "./score-curve.js";

/** Share of the area outside the mask that changed → score: a spill of 0.75% of it fails. */
const SPILL: Curve = [
  [0, 1],
  [0.0015, 0.95],
  [0.004, 0.8],
  [0.0075, 0.5],
  [0.025, 0.25],
  [0.1, 0.05],
];

/**
 * Global drift allowed outside the mask (nothing is granted there): the content keep's tolerances for tone, which
 * a delivery (JPEG q90, a resampling, a VAE round trip's slight blur and saturation loss) stays within.
 */
const TOLERANCE = {
  deltaL: 4,
  contrast: Math.log(1.12),
  chroma: Math.log(1.15),
  warmth: 3,
  /** Wider than the content keep's ×1.35, measured at the analysis scale: a VAE round trip's softening passes. */
  detail: Math.log(1.6),
} as const;

const LABEL: Record<string, string> = {
  spill: "pixels outside the mask (a spill)",
  deltaL: "lightness outside the mask",
  contrast: "contrast outside the mask",
  chroma: "saturation outside the mask",
  warmth: "white balance outside the mask",
  detail: "sharpness outside the mask",
  geometry: "the frame (the mask no longer lines up)",
};

/**
 * Keep for a masked edit: everything outside the mask (and its border band) stays. Three things are measured
 * there: a spill (pixels that changed beyond a global colour mapping, with its area and place), the global
 * tone drift and the detail drift; a changed frame (rotation, crop, border) fails, a plain rescale does not.
 */
export function verifyMaskKeep(principle: Principle, pair: PairAnalysis): Verdict {
  const by = "checks:mask-keep";
  const a = pair.alignment;
  if (a.kind === "none") {
    return makeVerdict(
      principle,
      0.05,
      `the candidate's content does not match the source under any rotation, flip, crop or resize (|NCC| ${Math.abs(a.ncc).toFixed(2)})`,
      { ncc: a.ncc },
      by,
    );
  }
  const small = pair.small;
  const maskA = pair.editMask("analysis");
  if (!maskA) return abstainVerdict(principle, "no mask reached the keep check", by);
  const keepA = keptArea(maskA);
  const m: Record<string, Measurement> = { maskShare: countMask(maskA) / maskA.data.length };
  const scores: Array<{ name: string; score: number }> = [];
  if (a.kind !== "full" || a.transform !== "identity" || pair.border.found) {
    scores.push({ name: "geometry", score: 0.15 });
    m.transform = a.transform;
    m.alignment = a.kind;
    m.border = pair.border.found;
  }
  if (countMask(keepA) === 0)
    return abstainVerdict(
      principle,
      "the mask and its border band cover the whole picture: nothing is left to keep",
      by,
      m,
    );
  const spill = measureMaskSpill(small.source, small.candidate, keepA);
  const src = pair.source.image;
  const toSource = (src.width * src.height) / (small.source.width * small.source.height);
  m.spillShare = spill.share;
  m.spillPixels = Math.round(spill.pixels * toSource);
  m.spillThreshold = spill.threshold;
  m.noiseFloor = spill.noiseFloor;
  let where = "";
  if (spill.box) {
    const sx = src.width / small.source.width;
    const sy = src.height / small.source.height;
    const box = [
      Math.round(spill.box.x0 * sx),
      Math.round(spill.box.y0 * sy),
      Math.round(spill.box.x1 * sx),
      Math.round(spill.box.y1 * sy),
    ] as const;
    const place = placeName(spill.box, small.source.width, small.source.height);
    m.spillBox = box;
    m.spillPlace = place;
    m.spillAreas = spill.areas;
    where = ` ${place === "centre" ? "in the centre" : place.startsWith("a") ? place : `at the ${place}`} (x ${box[0]}–${box[2]}, y ${box[1]}–${box[3]} of the source${spill.areas > 1 ? `; ${spill.areas} separate areas, the largest given` : ""})`;
  }
  scores.push({ name: "spill", score: scoreOn(SPILL, spill.share) });
  const t = measureToneChange(pair.lab.source, pair.lab.candidate, keepA.data);
  // Detail at the analysis scale: a delivery's slight softening (a VAE round trip, a resampling) hardly
  // shows there, a blur of the picture does.
  const plane = (lab: typeof pair.lab.source) => ({ width: lab.width, height: lab.height, data: lab.L });
  const d = measureDetailChange(plane(pair.lab.source), plane(pair.lab.candidate), keepA.data);
  const contrast = Math.max(0.2, d.stdCandidate / Math.max(1e-3, d.stdSource));
  const drifts = {
    deltaL: Math.abs(t.deltaL),
    contrast: Math.abs(Math.log(t.contrastRatio)),
    chroma: Math.abs(Math.log(t.chromaRatio)),
    warmth: Math.abs(t.warmth),
    detail: Math.abs(Math.log(d.highFrequencyRatio / contrast)),
  };
  for (const [name, drift] of Object.entries(drifts) as Array<[keyof typeof TOLERANCE, number]>) {
    m[`${name}Outside`] = drift;
    scores.push({ name, score: scoreOn(DRIFT, drift / TOLERANCE[name]) });
  }
  const worst = scores.reduce((w, c) => (c.score < w.score ? c : w));
  const changed = scores
    .filter((c) => c.score < 0.6 && c.name !== "spill")
    .map((c) => LABEL[c.name] ?? c.name);
  const spillText = `${pct(spill.share)} of the area outside the mask (${(m.spillPixels as number).toLocaleString("en-US")} px) changed${where}`;
  const spilled = scoreOn(SPILL, spill.share) < 0.5;
  const summary =
    worst.score >= 0.5
      ? `kept outside the mask: ${spillText}, no drift beyond tolerance (weakest: ${LABEL[worst.name] ?? worst.name}, ${worst.score.toFixed(2)})`
      : spilled
        ? `the edit spilled outside the mask: ${spillText}${changed.length ? `; also changed: ${changed.join(", ")}` : ""}`
        : // The drift is a shift of the whole area (tone, colour, detail), which the local spill count does not see.
          `unrequested change outside the mask in ${changed.join(", ")}, across the whole area rather than in one place (local changes: ${pct(spill.share)} of it, ${(m.spillPixels as number).toLocaleString("en-US")} px${where})`;
  return makeVerdict(principle, worst.score, summary, m, by);
}

function pct(share: number): string {
  const p = share * 100;
  return `${p < 0.1 && p > 0 ? p.toFixed(2) : p.toFixed(1)}%`;
}
