import type { Plane, RgbImage } from "../pixels/rgb-image.js";
import { boxDownsamplePlane } from "./plane-ops.js";

/**
 * A small-angle rotation about the image centre, found by an alignment search: the source, rotated by θ
 * and scaled by s about its centre, is compared (NCC of luminance) with the candidate's central area.
 * Covers the three ways a tool delivers a tilt: same canvas with filled corners, rotated and cropped to
 * fill (zoomed), or an enlarged canvas (ImageMagick `-rotate`), each possibly rescaled afterwards.
 */
export interface SmallRotation {
  /** Degrees clockwise (as seen on screen, y pointing down). */
  degrees: number;
  /** Candidate pixels per source pixel. */
  scale: number;
  /** NCC of luminance at (degrees, scale) over the compared area. */
  ncc: number;
  /** NCC at 0° (best scale), for comparison. */
  nccUnrotated: number;
}

const SIDE = 128;
const MAX_DEGREES = 25;

function sample(p: Plane, x: number, y: number): number {
  const x0 = Math.floor(x);
  const y0 = Math.floor(y);
  const fx = x - x0;
  const fy = y - y0;
  const w = p.width;
  const d = p.data;
  const i = y0 * w + x0;
  const a = d[i] as number;
  const b = d[i + 1] as number;
  const c = d[i + w] as number;
  const e = d[i + w + 1] as number;
  return a + (b - a) * fx + (c - a + (a - b - c + e) * fx) * fy;
}

/** Source coordinates (in `source` pixels) of candidate pixel (x, y) under rotation θ and scale s about the centres. */
export function inverseMap(
  x: number,
  y: number,
  cand: { width: number; height: number },
  src: { width: number; height: number },
  degrees: number,
  scale: number,
): [number, number] {
  const t = (degrees * Math.PI) / 180;
  const cos = Math.cos(t);
  const sin = Math.sin(t);
  const dx = (x + 0.5 - cand.width / 2) / scale;
  const dy = (y + 0.5 - cand.height / 2) / scale;
  // Candidate = R(θ clockwise) · source; invert: rotate counter-clockwise.
  return [cos * dx + sin * dy + src.width / 2 - 0.5, -sin * dx + cos * dy + src.height / 2 - 0.5];
}

interface Grid {
  xs: Float64Array;
  ys: Float64Array;
  values: Float64Array;
}

/** Candidate samples on a grid over its central area (the part inside the source for any tilt up to 25°). */
function centralGrid(c: Plane): Grid {
  const xs: number[] = [];
  const ys: number[] = [];
  const values: number[] = [];
  const step = 2;
  for (let y = Math.round(c.height * 0.25); y < c.height * 0.75; y += step)
    for (let x = Math.round(c.width * 0.22); x < c.width * 0.78; x += step) {
      xs.push(x);
      ys.push(y);
      values.push(c.data[y * c.width + x] as number);
    }
  return { xs: Float64Array.from(xs), ys: Float64Array.from(ys), values: Float64Array.from(values) };
}

function nccAtPose(s: Plane, c: Plane, g: Grid, degrees: number, scale: number): number {
  let sx = 0;
  let sy = 0;
  let sxx = 0;
  let syy = 0;
  let sxy = 0;
  let n = 0;
  for (let i = 0; i < g.values.length; i++) {
    const [u, v] = inverseMap(g.xs[i] as number, g.ys[i] as number, c, s, degrees, scale);
    if (u < 0 || v < 0 || u >= s.width - 1 || v >= s.height - 1) continue;
    const a = sample(s, u, v);
    const b = g.values[i] as number;
    sx += a;
    sy += b;
    sxx += a * a;
    syy += b * b;
    sxy += a * b;
    n++;
  }
  if (n < g.values.length * 0.5) return -1;
  const cov = sxy - (sx * sy) / n;
  const va = sxx - (sx * sx) / n;
  const vb = syy - (sy * sy) / n;
  return va <= 1e-9 || vb <= 1e-9 ? 0 : cov / Math.sqrt(va * vb);
}

/** Finds the small rotation (±25°) and scale that best map the source luminance onto the candidate's. */
export function findSmallRotation(source: Plane, candidate: Plane): SmallRotation {
  const fs = Math.max(1, Math.round(Math.max(source.width, source.height) / SIDE));
  const fc = Math.max(1, Math.round(Math.max(candidate.width, candidate.height) / SIDE));
  const s = boxDownsamplePlane(source, fs);
  const c = boxDownsamplePlane(candidate, fc);
  const g = centralGrid(c);
  const base = (c.width / s.width + c.height / s.height) / 2;
  // Zoom-to-fill after a tilt of up to 25° enlarges by at most ~1.8×; an enlarged canvas shrinks the ratio.
  const scales: number[] = [];
  for (let k = -8; k <= 14; k++) scales.push(base * 1.05 ** k);
  let best = { degrees: 0, scale: base, ncc: -2 };
  let unrotated = -2;
  for (const sc of scales) {
    const at0 = nccAtPose(s, c, g, 0, sc);
    unrotated = Math.max(unrotated, at0);
    for (let d = -MAX_DEGREES; d <= MAX_DEGREES; d += 1) {
      const r = d === 0 ? at0 : nccAtPose(s, c, g, d, sc);
      if (r > best.ncc) best = { degrees: d, scale: sc, ncc: r };
    }
  }
  // Refine angle and scale.
  for (const [dStep, sStep] of [
    [0.5, 1.02],
    [0.2, 1.008],
    [0.08, 1.003],
  ] as const) {
    const centre = best;
    for (const dd of [-2, -1, 0, 1, 2])
      for (const ss of [-2, -1, 0, 1, 2]) {
        const d = centre.degrees + dd * dStep;
        const sc = centre.scale * sStep ** ss;
        const r = nccAtPose(s, c, g, d, sc);
        if (r > best.ncc) best = { degrees: d, scale: sc, ncc: r };
      }
    for (const ss of [-2, -1, 0, 1, 2])
      unrotated = Math.max(unrotated, nccAtPose(s, c, g, 0, centre.scale * sStep ** ss));
  }
  return {
    degrees: best.degrees,
    scale: (best.scale * fc) / fs,
    ncc: best.ncc,
    nccUnrotated: unrotated,
  };
}

/**
 * The source warped onto the candidate's pixels by the rotation: where the rotated source does not cover
 * the candidate (the filled corners of a tilt), the candidate's own pixels are used, so later comparisons
 * see no change there.
 */
export function warpRotated(source: RgbImage, candidate: RgbImage, rotation: SmallRotation): RgbImage {
  const { width, height } = candidate;
  const out = new Uint8Array(width * height * 3);
  const src = source.rgb;
  const sw = source.width;
  // Leave a 1.5-pixel margin inside the source so the filled-corner edge is not compared.
  const margin = 1.5;
  for (let y = 0; y < height; y++)
    for (let x = 0; x < width; x++) {
      const o = (y * width + x) * 3;
      const [u, v] = inverseMap(x, y, candidate, source, rotation.degrees, rotation.scale);
      if (u < margin || v < margin || u > source.width - 1 - margin || v > source.height - 1 - margin) {
        out[o] = candidate.rgb[o] as number;
        out[o + 1] = candidate.rgb[o + 1] as number;
        out[o + 2] = candidate.rgb[o + 2] as number;
        continue;
      }
      const x0 = Math.floor(u);
      const y0 = Math.floor(v);
      const fx = u - x0;
      const fy = v - y0;
      const i = (y0 * sw + x0) * 3;
      const j = i + sw * 3;
      for (let k = 0; k < 3; k++) {
        const a = src[i + k] as number;
        const b = src[i + 3 + k] as number;
        const c = src[j + k] as number;
        const d = src[j + 3 + k] as number;
        out[o + k] = Math.round(a + (b - a) * fx + (c - a + (a - b - c + d) * fx) * fy);
      }
    }
  return { width, height, rgb: out };
}
