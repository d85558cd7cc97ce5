import { blockSsim, meanDeltaE } from "../../checks/difference.js";
import { damageTiles, measureLocalDamage } from "../../checks/local-damage.js";
import { measureLocalDetail } from "../../checks/local-detail.js";
import type { EditOpName } from "../../contract/edit-op.js";
import type { Principle } from "../../contract/principle.js";
import type { Measurement, Verdict } from "../../contract/verdict.js";
import { type Attribute, allowance } from "./allowances.js";
import { deliveryDetailRatio } from "./delivery-baseline.js";
import { keepReference, keepTone } from "./keep-reference.js";
import { makeVerdict } from "./make-verdict.js";
import { type PairAnalysis, regionKey } from "./pair-analysis.js";
import { type Curve, DRIFT, scoreOn } from "./score-curve.js";

const DAMAGE: Curve = [
  [0, 1],
  [6, 0.95],
  [12, 0.7],
  [20, 0.45],
  [40, 0.15],
  [80, 0.05],
];
const DELTA_E_OUTSIDE: Curve = [
  [0, 1],
  [1, 0.95],
  [2.5, 0.75],
  [5, 0.45],
  [10, 0.15],
  [20, 0.05],
];
const POLARITY: Curve = [
  [-1, 0.02],
  [0, 0.1],
  [0.5, 0.4],
  [0.8, 0.85],
  [0.9, 1],
];
/** |ln| of a tile's detail change relative to the median tile: a smear or pasted texture. */
const LOCAL_DETAIL: Curve = [
  [0, 1],
  [0.4, 0.95],
  [0.7, 0.7],
  [1, 0.45],
  [1.5, 0.2],
  [2.5, 0.05],
];
const COVERED: Curve = [
  [0, 1],
  [0.05, 0.8],
  [0.15, 0.5],
  [0.4, 0.2],
];
const SSIM_OUTSIDE: Curve = [
  [0.6, 0.1],
  [0.8, 0.35],
  [0.9, 0.6],
  [0.97, 0.9],
  [1, 1],
];

/** Base tolerances for unrequested change. */
const TOLERANCE: Record<
  "deltaL" | "contrast" | "chroma" | "colourStructure" | "warmth" | "detail" | "noise",
  number
> = {
  colourStructure: Math.log(1.2),
  deltaL: 4,
  contrast: Math.log(1.12),
  chroma: Math.log(1.15),
  warmth: 3,
  detail: Math.log(1.35),
  noise: 2.5,
};

const LABEL: Record<string, string> = {
  deltaL: "lightness",
  contrast: "contrast",
  chroma: "saturation",
  colourStructure: "the colours (replaced by a tint or remapped)",
  warmth: "white balance",
  detail: "sharpness",
  noise: "noise",
  damage: "a local change",
  localDetail: "detail in one area (smeared, blurred or textured)",
  geometry: "the frame",
  covered: "the picture's edges (covered by the border)",
  polarity: "the lightness pattern (inverted or replaced)",
  deltaE: "colour outside the region",
  ssim: "structure outside the region",
};

interface Component {
  name: string;
  score: number;
}

/** Verifies that what should stay, stayed: the frame, tone, detail and every local patch (or everything outside the region). */
export function verifyKeep(principle: Principle, ops: readonly EditOpName[], pair: PairAnalysis): Verdict {
  const by = "checks:preservation";
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
  const components: Component[] = [];
  const m: Record<string, Measurement> = {};
  const geometryAllowed = allowance(ops, "geometry") === Infinity;
  if (ops.includes("border") && !ops.includes("crop") && a.kind === "crop") {
    // A frame drawn over the picture instead of around it hides the picture's edges.
    const w = a.window;
    const covered =
      1 - ((w.x1 - w.x0) * (w.y1 - w.y0)) / (pair.source.image.width * pair.source.image.height);
    m.coveredByBorder = covered;
    components.push({ name: "covered", score: scoreOn(COVERED, covered) });
  }
  // Editing models often return another resolution: the whole frame scaled alike is not a frame change.
  const rescaledOnly =
    a.kind === "full" &&
    a.transform === "identity" &&
    !pair.border.found &&
    Math.abs(a.scaleX / a.scaleY - 1) < 0.03;
  if (rescaledOnly && !pair.sameFrame) m.rescaled = Math.sqrt(a.scaleX * a.scaleY);
  if (!pair.sameFrame && !geometryAllowed && !rescaledOnly) {
    components.push({ name: "geometry", score: 0.15 });
    m.transform = a.transform;
    m.alignment = a.kind;
    m.border = pair.border.found;
  }
  const region = principle.scope === "outside-region" ? principle.region : undefined;
  // The source with the change a look op implies applied (vignette, hue shift, posterize); see keep-reference.ts.
  const reference = region ? null : keepReference(pair, ops);
  if (region) {
    const maskA = pair.regionMask(region, false, "analysis");
    const de = meanDeltaE(pair.lab.source, pair.lab.candidate, maskA);
    const ssim = blockSsim(
      { width: pair.lab.source.width, height: pair.lab.source.height, data: pair.lab.source.L },
      { width: pair.lab.candidate.width, height: pair.lab.candidate.height, data: pair.lab.candidate.L },
      maskA,
    );
    m.deltaEOutside = de;
    m.ssimOutside = ssim;
    components.push(
      { name: "deltaE", score: scoreOn(DELTA_E_OUTSIDE, de) },
      { name: "ssim", score: scoreOn(SSIM_OUTSIDE, ssim) },
    );
  } else {
    const t = keepTone(pair, reference ?? pair.small.source);
    const d = pair.detail();
    const drifts: Record<keyof typeof TOLERANCE, number> = {
      deltaL: Math.abs(t.deltaL),
      contrast: Math.abs(Math.log(t.contrastRatio)),
      chroma: Math.abs(Math.log(t.chromaRatio)),
      colourStructure: Math.abs(Math.log(Math.max(0.05, t.chromaGain))),
      warmth: Math.abs(t.warmth),
      // Losing fine detail up to what a delivery blur alone loses is not an unrequested change.
      detail:
        d.detailRatio >= 1
          ? Math.log(d.detailRatio)
          : Math.max(0, Math.log(deliveryDetailRatio(pair) / d.detailRatio)),
      noise: Math.max(0, d.noiseIncrease),
    };
    if (allowance(ops, "polarity") !== Infinity) {
      m.lightnessCorrelation = t.lumaCorrelation;
      components.push({ name: "polarity", score: scoreOn(POLARITY, t.lumaCorrelation) });
    }
    for (const [name, drift] of Object.entries(drifts) as Array<[keyof typeof TOLERANCE, number]>) {
      const grant = allowance(ops, name);
      if (grant === Infinity) continue;
      m[name] = drift;
      components.push({ name, score: scoreOn(DRIFT, drift / (TOLERANCE[name] * grant)) });
    }
  }
  const damageGrant = allowance(ops, "damage");
  if (damageGrant !== Infinity || region) {
    const small = pair.small;
    const outside = region ? pair.regionMask(region, false, "analysis") : null;
    const base = region ? small.source : (reference ?? small.source);
    // The source's tiles are shared by the candidates that keep its frame (see SourceAnalysis.derived).
    const tiles = pair.source.derived(base, `damageTiles:${regionKey(region)}`, () =>
      damageTiles(base, outside),
    );
    const dmg = measureLocalDamage(base, small.candidate, outside, tiles);
    const excess = Math.max(0, dmg.maxTileResidual - 2 * dmg.medianTileResidual);
    m.localChange = excess;
    m.changedShare = dmg.damagedShare;
    components.push({ name: "damage", score: scoreOn(DAMAGE, excess / (region ? 1 : damageGrant)) });
  }
  if ((allowance(ops, "damage") !== Infinity && allowance(ops, "detail") !== Infinity) || region) {
    const outside = region ? pair.regionMask(region, false, "full") : null;
    const ld = measureLocalDetail(pair.luma.source, pair.luma.candidate, outside);
    m.localDetailChange = ld.worstDeviation;
    components.push({
      name: "localDetail",
      score: scoreOn(LOCAL_DETAIL, ld.worstDeviation / (region ? 1 : allowance(ops, "damage"))),
    });
  }
  if (components.length === 0) {
    return makeVerdict(principle, 1, "nothing measurable was left to keep", m, by);
  }
  const worst = components.reduce((w, c) => (c.score < w.score ? c : w));
  const changed = components.filter((c) => c.score < 0.6).map((c) => LABEL[c.name] ?? c.name);
  const summary =
    changed.length === 0
      ? `kept${region ? ` outside the ${region.label}` : ""}: no unrequested change beyond tolerance (weakest: ${LABEL[worst.name] ?? worst.name}, ${worst.score.toFixed(2)})`
      : `unrequested change${region ? ` outside the ${region.label}` : ""} in ${changed.join(", ")}`;
  return makeVerdict(principle, worst.score, summary, m, by);
}

export type { Attribute };
