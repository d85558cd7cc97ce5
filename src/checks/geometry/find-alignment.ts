import type { PixelRect, Plane } from "../pixels/rgb-image.js";
import { DIHEDRALS, type Dihedral, swapsAxes, transformPlane } from "./dihedral.js";
import { findScaledCrop } from "./find-scaled-crop.js";
import { NccTemplate, SearchPlane } from "./ncc-search.js";
import { boxDownsamplePlane, nccAt, resizePlane } from "./plane-ops.js";

/**
 * How the candidate's content maps onto the source:
 * - "full": the candidate (inside any border) is T(source), possibly resized;
 * - "crop": it is a window of T(source), at the same pixel scale or (identity only) resized;
 * - "none": no transform matched; the content differs.
 */
export interface Alignment {
  kind: "full" | "crop" | "none";
  transform: Dihedral;
  /** For "crop": the window in T(source) pixel coordinates. For "full": all of T(source). */
  window: PixelRect;
  /** Candidate inner size ÷ window size (1 for same-scale crops; ≠1 when resized). */
  scaleX: number;
  scaleY: number;
  /** Normalised cross-correlation of luminance at the chosen alignment (negative for an inverted image). */
  ncc: number;
  /** How well the structure matches: max(|NCC| of luminance, NCC of gradient magnitude); 1 = exact. */
  match: number;
  /** Best match over all the hypotheses, by transform (evidence). */
  scores: Partial<Record<Dihedral, number>>;
}

const COARSE_SIDE = 96;
const ACCEPT_FULL = 0.9;
const MIN_MATCH = 0.5;
const MIN_SCALED_MATCH = 0.75;
/** Coarse |NCC| of an unturned crop above which the turned ones are not searched. */
const SURE_CROP = 0.98;

/**
 * Finds which of the 8 rotations/flips, resize or crop maps the source luminance onto the candidate's
 * inner luminance. Pure: planes in, alignment out. Prefers the identity and the full frame when
 * they match nearly as well as anything else (Occam).
 */
export interface AlignmentOptions {
  /**
   * Also search crops that were resized (default true). The search is the costliest hypothesis, so a caller that
   * knows no crop was asked for and sees the source's aspect ratio can skip it.
   */
  scaledCrops?: boolean;
}

export function findAlignment(source: Plane, candidate: Plane, options: AlignmentOptions = {}): Alignment {
  const factor = Math.max(1, Math.round(Math.max(source.width, source.height) / COARSE_SIDE));
  const sCoarse = boxDownsamplePlane(source, factor);
  const scores: Partial<Record<Dihedral, number>> = {};
  let best: Alignment | null = null;
  const candAspect = candidate.width / candidate.height;
  const sGrad = gradientMagnitude(sCoarse);
  const resized = new Map<string, Plane>();
  const gradients = new Map<string, Plane>();
  for (const t of DIHEDRALS) {
    const st = transformPlane(sCoarse, t);
    const [tw, th] = swapsAxes(t) ? [source.height, source.width] : [source.width, source.height];
    if (Math.abs(tw / th / candAspect - 1) > 0.03) continue;
    const key = `${st.width}x${st.height}`;
    const c = resized.get(key) ?? resizePlane(candidate, st.width, st.height);
    resized.set(key, c);
    const cGrad = gradients.get(key) ?? gradientMagnitude(c);
    gradients.set(key, cGrad);
    const ncc = nccAt(st, c, 0, 0);
    // Gradient magnitude survives a negative or a strong edit of part of the frame.
    const match = Math.max(Math.abs(ncc), nccAt(transformPlane(sGrad, t), cGrad, 0, 0));
    scores[t] = match;
    const bonus = t === "identity" ? 0.02 : 0;
    if (!best || match + bonus > best.match) {
      best = {
        kind: "full",
        transform: t,
        window: { x0: 0, y0: 0, x1: tw, y1: th },
        scaleX: candidate.width / tw,
        scaleY: candidate.height / th,
        ncc,
        match,
        scores,
      };
    }
  }
  if (best && best.match >= ACCEPT_FULL) return best;
  const crop = findCrop(source, candidate, factor, scores);
  if (crop && (!best || crop.match > best.match + 0.02)) best = crop;
  if ((options.scaledCrops ?? true) && (!best || best.match < ACCEPT_FULL)) {
    // A crop that was also resized (an editing model returning its own resolution). More hypotheses
    // than the same-scale search, so it must beat the others clearly.
    const scaled = findScaledCrop(source, candidate, factor);
    if (scaled && scaled.match >= MIN_SCALED_MATCH && (!best || scaled.match > best.match + 0.05)) {
      scaled.scores = scores;
      scores.identity = Math.max(scores.identity ?? 0, scaled.match);
      best = scaled;
    }
  }
  if (!best || best.match < MIN_MATCH) {
    return {
      kind: "none",
      transform: "identity",
      window: { x0: 0, y0: 0, x1: source.width, y1: source.height },
      scaleX: candidate.width / source.width,
      scaleY: candidate.height / source.height,
      ncc: best?.ncc ?? 0,
      match: best?.match ?? 0,
      scores,
    };
  }
  return best;
}

function findCrop(
  source: Plane,
  candidate: Plane,
  factor: number,
  scores: Partial<Record<Dihedral, number>>,
): Alignment | null {
  const cCoarse = boxDownsamplePlane(candidate, factor);
  const sCoarse = boxDownsamplePlane(source, factor);
  let best: { t: Dihedral; ox: number; oy: number; ncc: number } | null = null;
  const coarseTemplate = new NccTemplate(cCoarse);
  for (const t of DIHEDRALS) {
    const [tw, th] = swapsAxes(t) ? [source.height, source.width] : [source.width, source.height];
    if (candidate.width > tw || candidate.height > th) continue;
    if (candidate.width > tw * 0.98 && candidate.height > th * 0.98) continue;
    if (cCoarse.width < 4 || cCoarse.height < 4) continue;
    const st = new SearchPlane(transformPlane(sCoarse, t));
    for (let oy = 0; oy + cCoarse.height <= st.plane.height; oy++) {
      for (let ox = 0; ox + cCoarse.width <= st.plane.width; ox++) {
        const ncc = coarseTemplate.at(st, ox, oy);
        if (!best || Math.abs(ncc) > Math.abs(best.ncc)) best = { t, ox, oy, ncc };
      }
    }
    if (best && best.t === t) scores[t] = Math.max(scores[t] ?? 0, Math.abs(best.ncc));
    // A near-exact window of the unturned source: no turned window could be a likelier reading (Occam), so the
    // turned scans, most of this search's cost, are skipped.
    if (t === "identity" && best && Math.abs(best.ncc) >= SURE_CROP) break;
  }
  if (!best) return null;
  // Refine at full resolution around the coarse position, coarse-to-fine.
  const fullPlane = transformPlane(source, best.t);
  const full = new SearchPlane(fullPlane);
  const templates = new Map<number, NccTemplate>();
  const templateAt = (step: number): NccTemplate => {
    let t = templates.get(step);
    if (!t) {
      t = new NccTemplate(candidate, step);
      templates.set(step, t);
    }
    return t;
  };
  let ox = best.ox * factor;
  let oy = best.oy * factor;
  // The coarse position is within half a coarse pixel of the truth.
  for (
    let radius = Math.ceil(factor / 2) + 1;
    radius >= 1;
    radius = radius === 1 ? 0 : Math.ceil(radius / 2)
  ) {
    const step = radius >= 4 ? 4 : 2;
    let bestValue = -1;
    let bx = ox;
    let by = oy;
    for (let dy = -radius; dy <= radius; dy++) {
      for (let dx = -radius; dx <= radius; dx++) {
        const x = ox + dx;
        const y = oy + dy;
        if (
          x < 0 ||
          y < 0 ||
          x + candidate.width > fullPlane.width ||
          y + candidate.height > fullPlane.height
        )
          continue;
        const v = Math.abs(templateAt(step).at(full, x, y));
        if (v > bestValue) {
          bestValue = v;
          bx = x;
          by = y;
        }
      }
    }
    ox = bx;
    oy = by;
  }
  const ncc = templateAt(2).at(full, ox, oy);
  const window = { x0: ox, y0: oy, x1: ox + candidate.width, y1: oy + candidate.height };
  return { kind: "crop", transform: best.t, window, scaleX: 1, scaleY: 1, ncc, match: Math.abs(ncc), scores };
}

/** |∂x| + |∂y| by forward differences: structure without the sign of the tones. */
function gradientMagnitude(p: Plane): Plane {
  const { width: w, height: h, data } = p;
  const out = new Float32Array(w * h);
  for (let y = 0; y < h; y++) {
    for (let x = 0; x < w; x++) {
      const i = y * w + x;
      const v = data[i] as number;
      const dx = x + 1 < w ? (data[i + 1] as number) - v : 0;
      const dy = y + 1 < h ? (data[i + w] as number) - v : 0;
      out[i] = Math.abs(dx) + Math.abs(dy);
    }
  }
  return { width: w, height: h, data: out };
}
