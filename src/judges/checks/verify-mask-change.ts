import { countMask } from "../../checks/mask/binary-mask.js";
import type { Principle } from "../../contract/principle.js";
import type { Verdict } from "../../contract/verdict.js";
import { abstainVerdict, makeVerdict } from "./make-verdict.js";
import type { PairAnalysis } from "./pair-analysis.js";
import { type Curve, scoreOn } from "./score-curve.js";

/**
 * Share of the masked pixels that changed visibly → score. Capped at 0.8: a change inside the mask is evidence
 * the edit was made there, not proof that it is the requested one (which the pixel checks cannot read).
 */
const CHANGED: Curve = [
  [0, 0.05],
  [0.05, 0.2],
  [0.15, 0.5],
  [0.3, 0.7],
  [0.5, 0.8],
];

/** A pixel has changed when its colour moved by more than this ΔE*ab. */
const CHANGED_DELTA_E = 6;

/** Follow for a masked edit the pixel checks cannot verify by itself: something visibly changed inside the mask. */
export function verifyMaskChange(principle: Principle, pair: PairAnalysis): Verdict {
  const by = "checks:mask-change";
  const mask = pair.editMask("analysis");
  if (!mask || countMask(mask) === 0)
    return abstainVerdict(principle, "the mask covers no pixel at the analysis scale", by);
  const s = pair.lab.source;
  const c = pair.lab.candidate;
  let n = 0;
  let changed = 0;
  let sum = 0;
  for (let i = 0; i < mask.data.length; i++) {
    if (!mask.data[i]) continue;
    const de = Math.hypot(
      (c.L[i] as number) - (s.L[i] as number),
      (c.a[i] as number) - (s.a[i] as number),
      (c.b[i] as number) - (s.b[i] as number),
    );
    n++;
    sum += de;
    if (de > CHANGED_DELTA_E) changed++;
  }
  const share = changed / n;
  return makeVerdict(
    principle,
    scoreOn(CHANGED, share),
    `${(share * 100).toFixed(1)}% of the masked area changed visibly (ΔE*ab > ${CHANGED_DELTA_E}; mean ΔE ${(sum / n).toFixed(1)}); the pixel checks cannot tell whether it is the requested change`,
    { changedShareInside: share, meanDeltaEInside: sum / n },
    by,
  );
}
