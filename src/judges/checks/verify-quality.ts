import type { EditOpName } from "../../contract/edit-op.js";
import type { Principle } from "../../contract/principle.js";
import type { Measurement, Verdict } from "../../contract/verdict.js";
import { allowance } from "./allowances.js";
import { makeVerdict } from "./make-verdict.js";
import type { PairAnalysis } from "./pair-analysis.js";
import { type Curve, scoreOn } from "./score-curve.js";

const CLIPPING: Curve = [
  [0.01, 1],
  [0.03, 0.85],
  [0.08, 0.55],
  [0.2, 0.25],
  [0.4, 0.08],
];
const BLOCKING: Curve = [
  [0.02, 1],
  [0.05, 0.75],
  [0.1, 0.45],
  [0.2, 0.2],
  [0.35, 0.08],
];
const PIXELATION: Curve = [
  [0.1, 1],
  [0.25, 0.6],
  [0.5, 0.25],
  [0.8, 0.1],
];
/** Histogram combing gained over the source: banding from too few tone levels. */
const BANDING: Curve = [
  [0.03, 1],
  [0.06, 0.8],
  [0.1, 0.5],
  [0.2, 0.2],
  [0.35, 0.08],
];
/** Mean overshoot at edges (luma units) past the source's neighbourhood range: over-sharpening rims. */
const HALO: Curve = [
  [1.5, 1],
  [3, 0.85],
  [6, 0.55],
  [12, 0.3],
  [25, 0.1],
];
const NOISE: Curve = [
  [1.5, 1],
  [3, 0.7],
  [6, 0.4],
  [12, 0.15],
];

/** Does the result look right: no new clipping, JPEG blocking, pixelation, banding or noise beyond what was asked. */
export function verifyQuality(principle: Principle, ops: readonly EditOpName[], pair: PairAnalysis): Verdict {
  const parts: Array<{ name: string; score: number; text: string }> = [];
  const m: Record<string, Measurement> = {};
  const cs = pair.sourceClipping;
  const cc = pair.candidateClipping;
  const clipGain = cc.highlights + cc.shadows - (cs.highlights + cs.shadows);
  m.clippedSource = cs.highlights + cs.shadows;
  m.clippedCandidate = cc.highlights + cc.shadows;
  parts.push({
    name: "clipping",
    score: scoreOn(CLIPPING, clipGain / allowance(ops, "clipping")),
    text: `clipped pixels ${(m.clippedSource * 100).toFixed(1)}% → ${(m.clippedCandidate * 100).toFixed(1)}%`,
  });
  if (allowance(ops, "blocking") !== Infinity) {
    const gain = pair.candidateBlockiness.jpegBlockiness - pair.source.blockiness.jpegBlockiness;
    m.jpegBlockiness = pair.candidateBlockiness.jpegBlockiness;
    parts.push({
      name: "blocking",
      score: scoreOn(BLOCKING, gain),
      text: `8×8 block edges ${pair.candidateBlockiness.jpegBlockiness.toFixed(2)} (source ${pair.source.blockiness.jpegBlockiness.toFixed(2)})`,
    });
  }
  if (allowance(ops, "pixelation") !== Infinity) {
    const gain = pair.candidateBlockiness.pixelation - pair.source.blockiness.pixelation;
    m.pixelation = pair.candidateBlockiness.pixelation;
    parts.push({
      name: "pixelation",
      score: scoreOn(PIXELATION, gain),
      text: `block grid ${pair.candidateBlockiness.pixelation.toFixed(2)}`,
    });
  }
  if (allowance(ops, "banding") !== Infinity) {
    const c = pair.candidatePosterization;
    const gain = c.combing - pair.source.posterization.combing;
    m.banding = c.combing;
    parts.push({
      name: "banding",
      score: scoreOn(BANDING, gain),
      text: `tone levels combed ${c.combing.toFixed(2)} (source ${pair.source.posterization.combing.toFixed(2)})`,
    });
  }
  const noiseGrant = allowance(ops, "noise");
  if (noiseGrant !== Infinity && pair.alignment.kind !== "none") {
    const d = pair.detail();
    m.noiseIncrease = d.noiseIncrease;
    parts.push({
      name: "noise",
      score: scoreOn(NOISE, d.noiseIncrease / noiseGrant),
      text: `noise σ +${Math.max(0, d.noiseIncrease).toFixed(1)}`,
    });
  }
  const haloGrant = allowance(ops, "halo");
  if (haloGrant !== Infinity && pair.alignment.kind !== "none") {
    const h = pair.halo;
    m.haloOvershoot = h.overshoot;
    m.haloShare = h.haloShare;
    parts.push({
      name: "halo",
      score: scoreOn(HALO, h.overshoot / haloGrant),
      text: `halos along edges: overshoot ${h.overshoot.toFixed(1)} on ${(h.haloShare * 100).toFixed(0)}% of edge pixels`,
    });
  }
  const worst = parts.reduce((w, p) => (p.score < w.score ? p : w));
  const bad = parts.filter((p) => p.score < 0.6);
  const summary =
    bad.length === 0
      ? `clean: ${parts.map((p) => p.text).join(", ")}`
      : `artifacts: ${bad.map((p) => p.text).join(", ")}`;
  return makeVerdict(principle, worst.score, summary, m, "checks:quality");
}
