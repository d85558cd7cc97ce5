import { measureBlockiness } from "../../checks/blockiness.js";
import { cropPlane } from "../../checks/geometry/plane-ops.js";
import { regionToRect } from "../../checks/pixels/rect-mask.js";
import type { EditOp } from "../../contract/edit-op.js";
import type { Principle } from "../../contract/principle.js";
import type { Verdict } from "../../contract/verdict.js";
import { deliveryDetailRatio, halfScaleNoiseIncrease } from "./delivery-baseline.js";
import { makeVerdict } from "./make-verdict.js";
import type { PairAnalysis } from "./pair-analysis.js";
import { type Curve, scoreOn } from "./score-curve.js";

type FilterOp = Extract<EditOp, { op: "blur" | "sharpen" | "noise" | "pixelate" }>;

/** Fine detail ÷ what a delivery blur alone leaves (`deliveryDetailRatio`): below 1 is blurred beyond delivery. */
const BLUR: Curve = [
  [0, 0.65],
  [0.05, 0.75],
  [0.12, 0.95],
  [0.55, 0.95],
  [0.7, 0.8],
  [0.82, 0.55],
  [0.92, 0.35],
  [1, 0.1],
  [1.6, 0.03],
];
const SHARPEN: Curve = [
  [0.4, 0.02],
  [1, 0.1],
  [1.1, 0.35],
  [1.2, 0.55],
  [1.35, 0.8],
  [1.6, 0.95],
  [3, 0.95],
  [5, 0.7],
  [10, 0.5],
];
const NOISE: Curve = [
  [0, 0.1],
  [1, 0.35],
  [2, 0.55],
  [4, 0.85],
  [6, 0.95],
  [25, 0.95],
  [50, 0.65],
];
/** Block size ÷ the shorter side of the pixelated area: past ~5% the picture is no longer recognisable. */
const BLOCK_SIZE: Curve = [
  [0.04, 1],
  [0.08, 0.85],
  [0.15, 0.65],
  [0.3, 0.5],
];
const PIXELATE: Curve = [
  [0, 0.05],
  [0.2, 0.3],
  [0.4, 0.55],
  [0.6, 0.85],
  [0.8, 0.95],
];

const fmtSigned = (x: number) => (x >= 0 ? "+" : "") + x.toFixed(1);

export function verifyFilterFollow(principle: Principle, op: FilterOp, pair: PairAnalysis): Verdict {
  const where = principle.region ? ` in the ${principle.region.label}` : "";
  const by = "checks:detail";
  if (op.op === "pixelate") {
    const crop = (p: typeof pair.luma.source) =>
      principle.region ? cropPlane(p, regionToRect(principle.region, p.width, p.height)) : p;
    const c = measureBlockiness(crop(pair.luma.candidate));
    const s = measureBlockiness(crop(pair.luma.source));
    const gain = c.pixelation - s.pixelation;
    const regionPlane = crop(pair.luma.candidate);
    const blockShare = c.blockSize / Math.max(1, Math.min(regionPlane.width, regionPlane.height));
    const tooCoarse = blockShare > 0.08;
    const score = scoreOn(PIXELATE, gain) * scoreOn(BLOCK_SIZE, blockShare);
    return makeVerdict(
      principle,
      score,
      `block grid strength ${c.pixelation.toFixed(2)} (source ${s.pixelation.toFixed(2)}), block ${c.blockSize}px${where}${tooCoarse ? "; blocks are very coarse" : ""}`,
      { pixelation: c.pixelation, pixelationSource: s.pixelation, blockSize: c.blockSize },
      "checks:blockiness",
    );
  }
  const d = pair.detail(principle.region);
  const m = {
    detailRatio: d.detailRatio,
    residualStructure: d.residualStructure,
    noiseSource: d.noiseSource,
    noiseCandidate: d.noiseCandidate,
  };
  if (op.op === "blur") {
    // A delivery's slight blur is not the requested one: measure the loss beyond it.
    const delivery = deliveryDetailRatio(pair, principle.region);
    const beyond = d.detailRatio / delivery;
    return makeVerdict(
      principle,
      scoreOn(BLUR, beyond),
      `fine detail ×${d.detailRatio.toFixed(2)} of the source${where}; a delivery blur alone leaves ×${delivery.toFixed(2)} (blurred: clearly below it)`,
      { ...m, deliveryDetailRatio: delivery },
      by,
    );
  }
  if (op.op === "sharpen") {
    let score = scoreOn(SHARPEN, d.detailRatio);
    const noiseLike = d.residualStructure < 0.1;
    if (noiseLike) score = Math.min(score, 0.3);
    return makeVerdict(
      principle,
      score,
      `fine detail ×${d.detailRatio.toFixed(2)}${where}, residual follows the source's edges (r=${d.residualStructure.toFixed(2)})${noiseLike ? "; the added detail is noise, not sharpening" : ""}`,
      m,
      by,
    );
  }
  // Full resolution, or half resolution when a delivery blur has smoothed the finest grain away.
  const half = halfScaleNoiseIncrease(pair, principle.region);
  let score = Math.max(scoreOn(NOISE, d.noiseIncrease), scoreOn(NOISE, half));
  const edgeLike = d.residualStructure > 0.6;
  if (edgeLike) score = Math.min(score, 0.35);
  return makeVerdict(
    principle,
    score,
    `noise σ ${d.noiseSource.toFixed(1)} → ${d.noiseCandidate.toFixed(1)}${where} (added ${fmtSigned(d.noiseIncrease)}; at half resolution ${fmtSigned(half)})${edgeLike ? "; the change follows edges (sharpening), not noise" : ""}`,
    { ...m, noiseIncreaseHalfScale: half },
    by,
  );
}
