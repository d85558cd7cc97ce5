import { fitQuantizer } from "../../checks/posterization.js";
import type { EditOp } from "../../contract/edit-op.js";
import type { Principle } from "../../contract/principle.js";
import type { Verdict } from "../../contract/verdict.js";
import { makeVerdict } from "./make-verdict.js";
import type { PairAnalysis } from "./pair-analysis.js";
import { type Curve, scoreOn } from "./score-curve.js";

type PosterizeOp = Extract<EditOp, { op: "posterize" }>;

/** Histogram combing gained over the source: a photo ≈ 0.05, posterized to 2–12 levels 0.15–0.7. */
export const COMBING_GAIN: Curve = [
  [0, 0.05],
  [0.04, 0.2],
  [0.08, 0.5],
  [0.14, 0.85],
  [0.2, 0.95],
];

/** |ln(levels found ÷ levels asked)|: one level off out of 4–6 is fine, double or half is not. */
const LEVEL_ERROR: Curve = [
  [0, 1],
  [0.2, 0.95],
  [0.45, 0.6],
  [0.7, 0.3],
  [1.1, 0.1],
];

/** Posterized: the tone levels combed into a few spikes that the source's histogram did not have. */
export function verifyPosterizeFollow(principle: Principle, op: PosterizeOp, pair: PairAnalysis): Verdict {
  const c = pair.candidatePosterization;
  const s = pair.source.posterization;
  const gain = c.combing - s.combing;
  const fit = fitQuantizer(pair.small.source, pair.small.candidate);
  const levels = fit.quantizer.levels;
  // Without a level count, 2 levels per channel (8 colours) is past what "posterize" usually means.
  const levelScore =
    op.levels === null
      ? levels <= 2
        ? 0.6
        : 1
      : scoreOn(LEVEL_ERROR, Math.abs(Math.log(levels / op.levels)));
  return makeVerdict(
    principle,
    Math.min(scoreOn(COMBING_GAIN, gain), levelScore),
    `histogram combing ${c.combing.toFixed(2)} (source ${s.combing.toFixed(2)}); best fit ${levels} levels per channel (error ${fit.error.toFixed(1)})${op.levels === null ? "" : `; asked ${op.levels}`}`,
    { combing: c.combing, combingSource: s.combing, levels, quantizerError: fit.error },
    "checks:posterization",
  );
}
