import { measureHueShift, rotateHue } from "../../checks/hue-shift.js";
import { labToSrgb } from "../../checks/pixels/lab-to-srgb.js";
import type { RgbImage } from "../../checks/pixels/rgb-image.js";
import { srgbToLab } from "../../checks/pixels/srgb-to-lab.js";
import { fitQuantizer, quantizeRgb } from "../../checks/posterization.js";
import { measureToneChange, type ToneChange } from "../../checks/tone-change.js";
import { applyRadialChange } from "../../checks/vignette.js";
import type { EditOpName } from "../../contract/edit-op.js";
import type { PairAnalysis } from "./pair-analysis.js";

/**
 * The analysis-scale source the local-damage check compares the candidate with. For a vignette, the
 * source with the candidate's radial gain applied, so the darkened (or brightened) edges the
 * request implies are not taken for a local change. For a posterize, the source quantized to the
 * levels that best explain the candidate, so the flat bands are not either. For a hue shift, the source
 * with its hues turned by the measured mean angle. Otherwise the aligned source.
 */
export function keepReference(pair: PairAnalysis, ops: readonly EditOpName[]): RgbImage {
  const small = pair.small;
  if (ops.includes("hue-shift")) {
    const turn = measureHueShift(pair.lab.source, pair.lab.candidate).degrees;
    return labToSrgb(rotateHue(pair.lab.source, turn));
  }
  if (ops.includes("posterize"))
    return quantizeRgb(small.source, fitQuantizer(small.source, small.candidate).quantizer);
  if (!ops.includes("vignette")) return small.source;
  return applyRadialChange(small.source, pair.lab.source, pair.lab.candidate);
}

/**
 * Tone and colour change from the keep reference to the candidate: for a vignette, hue shift or posterize
 * the change the op itself implies is taken out first (see `keepReference`), so only what it does not
 * explain (a cast, a brightness shift on top) counts; otherwise the pair's whole-frame tone change.
 */
export function keepTone(pair: PairAnalysis, reference: RgbImage): ToneChange {
  return reference === pair.small.source
    ? pair.tone()
    : measureToneChange(srgbToLab(reference), pair.lab.candidate, null);
}
