import type { LabImage } from "./pixels/srgb-to-lab.js";

/**
 * A hue rotation: the circular mean of the per-pixel hue change (CIE LCh, degrees) over the pixels that
 * are chromatic in both images, weighted by the smaller chroma. `consistency` is the mean resultant length
 * (1 = every pixel turned by the same angle, ≈ 0 = scattered); `chromaRatio` compares the chroma of those
 * pixels (a hue shift keeps it ≈ 1; grayscale drives it to 0).
 */
export interface HueShift {
  /** Mean hue change in degrees, in (−180, 180]; positive = red → yellow → green → blue. */
  degrees: number;
  consistency: number;
  /** Mean chroma of the candidate ÷ the source over all pixels. */
  chromaRatio: number;
  /** Share of the source's pixels that are chromatic (C* ≥ 8). */
  chromaticShare: number;
  /**
   * How much more concentrated the candidate's hues are than the source's (chroma-weighted resultant
   * length of the hue directions, candidate minus source): a rotation keeps it ≈ 0; a tint (sepia,
   * a colour cast) that pulls every hue towards one raises it.
   */
  concentrationGain: number;
}

const MIN_CHROMA = 8;

export function measureHueShift(source: LabImage, candidate: LabImage): HueShift {
  let sx = 0;
  let sy = 0;
  let weight = 0;
  let cs = 0;
  let cc = 0;
  let chromatic = 0;
  const spread = { sx: 0, sy: 0, cx: 0, cy: 0, w: 0 };
  const n = source.L.length;
  for (let i = 0; i < n; i++) {
    const a0 = source.a[i] as number;
    const b0 = source.b[i] as number;
    const a1 = candidate.a[i] as number;
    const b1 = candidate.b[i] as number;
    const c0 = Math.hypot(a0, b0);
    const c1 = Math.hypot(a1, b1);
    cs += c0;
    cc += c1;
    if (c0 < MIN_CHROMA) continue;
    chromatic++;
    if (c1 < MIN_CHROMA / 2) continue;
    // Angle between the two chroma vectors: cos = dot/(c0 c1), sin = cross/(c0 c1).
    const w = Math.min(c0, c1);
    spread.sx += (w * a0) / c0;
    spread.sy += (w * b0) / c0;
    spread.cx += (w * a1) / c1;
    spread.cy += (w * b1) / c1;
    spread.w += w;
    sx += (w * (a0 * a1 + b0 * b1)) / (c0 * c1);
    sy += (w * (a0 * b1 - b0 * a1)) / (c0 * c1);
    weight += w;
  }
  const degrees = weight > 0 ? (Math.atan2(sy, sx) * 180) / Math.PI : 0;
  return {
    degrees,
    consistency: weight > 0 ? Math.hypot(sx, sy) / weight : 0,
    chromaRatio: cs > 1e-6 ? cc / cs : 1,
    chromaticShare: n > 0 ? chromatic / n : 0,
    concentrationGain:
      spread.w > 0 ? (Math.hypot(spread.cx, spread.cy) - Math.hypot(spread.sx, spread.sy)) / spread.w : 0,
  };
}

/** The source's a*, b* rotated by `degrees` (its LCh hue turned, chroma and lightness kept). */
export function rotateHue(source: LabImage, degrees: number): LabImage {
  const t = (degrees * Math.PI) / 180;
  const cos = Math.cos(t);
  const sin = Math.sin(t);
  const a = new Float32Array(source.a.length);
  const b = new Float32Array(source.b.length);
  for (let i = 0; i < a.length; i++) {
    const a0 = source.a[i] as number;
    const b0 = source.b[i] as number;
    a[i] = a0 * cos - b0 * sin;
    b[i] = a0 * sin + b0 * cos;
  }
  return { width: source.width, height: source.height, L: source.L, a, b };
}
