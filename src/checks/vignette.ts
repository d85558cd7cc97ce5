import type { RgbImage } from "./pixels/rgb-image.js";
import type { LabImage } from "./pixels/srgb-to-lab.js";

/**
 * A vignette: the lightness change from source to candidate as a function of the distance from the
 * centre. ΔL* per pixel (aligned source → candidate) is fitted as a + b·r² + c·r⁴, with r = 1 at the
 * corners, by least squares; `cornerChange` is the fitted ΔL* at the corners relative to the centre
 * (b + c): < 0 the edges were darkened (a vignette added), > 0 brightened (a vignette removed).
 * A global tone change moves `a`, not the corner change. `ratio` is corner ÷ centre mean L* of the
 * candidate divided by the same of the source.
 */
export interface VignetteChange {
  /** Fitted ΔL* at the corners minus at the centre. */
  cornerChange: number;
  /** (corner L* ÷ centre L*) of the candidate ÷ that of the source. */
  ratio: number;
  /** Share of the ΔL* variance the radial fit explains (a vignette ≈ 0.6–1, a local change ≈ 0). */
  explained: number;
  /** The ΔL* fit's coefficients (constant, r², r⁴). */
  fit: readonly [number, number, number];
  /** ln(Y candidate ÷ Y source) fitted the same way (a multiplicative vignette), weighted by Y. */
  gainFit: readonly [number, number, number];
}

function radius2(x: number, y: number, w: number, h: number): number {
  const dx = (x + 0.5 - w / 2) / (w / 2);
  const dy = (y + 0.5 - h / 2) / (h / 2);
  return (dx * dx + dy * dy) / 2;
}

/** Solves the 3×3 normal equations (symmetric) by Cramer's rule. */
function solve3(m: number[][], v: number[]): [number, number, number] {
  const det = (a: number[][]): number =>
    (a[0]?.[0] as number) *
      ((a[1]?.[1] as number) * (a[2]?.[2] as number) - (a[1]?.[2] as number) * (a[2]?.[1] as number)) -
    (a[0]?.[1] as number) *
      ((a[1]?.[0] as number) * (a[2]?.[2] as number) - (a[1]?.[2] as number) * (a[2]?.[0] as number)) +
    (a[0]?.[2] as number) *
      ((a[1]?.[0] as number) * (a[2]?.[1] as number) - (a[1]?.[1] as number) * (a[2]?.[0] as number));
  const d = det(m);
  if (Math.abs(d) < 1e-12) return [0, 0, 0];
  const col = (k: number) => m.map((row, i) => row.map((x, j) => (j === k ? (v[i] as number) : x)));
  return [det(col(0)) / d, det(col(1)) / d, det(col(2)) / d];
}

export function measureVignette(source: LabImage, candidate: LabImage): VignetteChange {
  const { width: w, height: h } = source;
  const m = [
    [0, 0, 0],
    [0, 0, 0],
    [0, 0, 0],
  ];
  const v = [0, 0, 0];
  let sum = 0;
  let sum2 = 0;
  let n = 0;
  const gm = [
    [0, 0, 0],
    [0, 0, 0],
    [0, 0, 0],
  ];
  const gv = [0, 0, 0];
  let centre = [0, 0, 0];
  let corner = [0, 0, 0];
  for (let y = 0; y < h; y++)
    for (let x = 0; x < w; x++) {
      const i = y * w + x;
      const d = (candidate.L[i] as number) - (source.L[i] as number);
      const r2 = radius2(x, y, w, h);
      const f = [1, r2, r2 * r2];
      for (let a = 0; a < 3; a++) {
        v[a] = (v[a] as number) + (f[a] as number) * d;
        const row = m[a] as number[];
        for (let b = 0; b < 3; b++) row[b] = (row[b] as number) + (f[a] as number) * (f[b] as number);
      }
      const ys = ((source.L[i] as number) + 16) / 116;
      const yc = ((candidate.L[i] as number) + 16) / 116;
      const wY = ys * ys * ys;
      const g = Math.log((yc * yc * yc + 0.005) / (wY + 0.005));
      for (let a = 0; a < 3; a++) {
        gv[a] = (gv[a] as number) + wY * (f[a] as number) * g;
        const row = gm[a] as number[];
        for (let b = 0; b < 3; b++) row[b] = (row[b] as number) + wY * (f[a] as number) * (f[b] as number);
      }
      sum += d;
      sum2 += d * d;
      n++;
      if (r2 < 0.1)
        centre = [
          (centre[0] as number) + (source.L[i] as number),
          (centre[1] as number) + (candidate.L[i] as number),
          (centre[2] as number) + 1,
        ];
      else if (r2 > 0.6)
        corner = [
          (corner[0] as number) + (source.L[i] as number),
          (corner[1] as number) + (candidate.L[i] as number),
          (corner[2] as number) + 1,
        ];
    }
  const fit = solve3(m, v);
  const gainFit = solve3(gm, gv);
  let resid = 0;
  for (let y = 0; y < h; y++)
    for (let x = 0; x < w; x++) {
      const i = y * w + x;
      const r2 = radius2(x, y, w, h);
      const d = (candidate.L[i] as number) - (source.L[i] as number);
      resid += (d - fit[0] - fit[1] * r2 - fit[2] * r2 * r2) ** 2;
    }
  const variance = sum2 - (sum * sum) / Math.max(1, n);
  const rel = (c: number[]) => ((c[1] as number) + 1) / ((c[0] as number) + 1);
  const ratio = rel(corner) / rel(centre);
  return {
    cornerChange: fit[1] + fit[2],
    ratio: Number.isFinite(ratio) ? ratio : 1,
    explained: variance > 1e-6 ? Math.max(0, 1 - resid / variance) : 0,
    fit,
    gainFit,
  };
}

/** The radial part of the fit, ΔL* at normalised squared radius r² (corners = 1), without the constant. */
export function radialDelta(fit: VignetteChange["fit"], r2: number): number {
  return fit[1] * r2 + fit[2] * r2 * r2;
}

/** Normalised squared radius of pixel (x, y): 0 at the centre, 1 at the corners. */
export { radius2 as radiusSquared };

const RINGS = 16;

/**
 * The source with the candidate's radial gain applied, so that a keep check comparing it with the
 * candidate sees only what a vignette does not explain. The gain is ln(Y candidate ÷ Y source) by ring of
 * normalised radius (16 rings, the median of each, so a local change does not move it), applied to sRGB
 * as exp(gain / 2.2) (a multiplicative vignette in linear light), interpolated between the rings; any
 * radially symmetric falloff (a polynomial, a blurred ellipse as ImageMagick's `-vignette`) is covered.
 */
export function applyRadialChange(rgb: RgbImage, source: LabImage, candidate: LabImage): RgbImage {
  const { width: w, height: h } = rgb;
  const rings: number[][] = Array.from({ length: RINGS }, () => []);
  const ringOf = (x: number, y: number) =>
    Math.min(RINGS - 1, Math.floor(Math.sqrt(radius2(x, y, w, h)) * RINGS));
  const y3 = (L: number) => ((L + 16) / 116) ** 3;
  for (let y = 0; y < h; y++)
    for (let x = 0; x < w; x++) {
      const i = y * w + x;
      const g = Math.log((y3(candidate.L[i] as number) + 0.005) / (y3(source.L[i] as number) + 0.005));
      rings[ringOf(x, y)]?.push(g);
    }
  const gains = rings.map((values) => {
    if (values.length === 0) return Number.NaN;
    values.sort((a, b) => a - b);
    return values[Math.floor(values.length / 2)] as number;
  });
  // Empty rings take their inner neighbour's gain; the centre ring's gain is the reference (0).
  for (let k = 0; k < RINGS; k++) if (Number.isNaN(gains[k])) gains[k] = k > 0 ? (gains[k - 1] as number) : 0;
  const centre = gains[0] as number;
  const out = new Uint8Array(rgb.rgb.length);
  for (let y = 0; y < h; y++)
    for (let x = 0; x < w; x++) {
      const i = y * w + x;
      const t = Math.sqrt(radius2(x, y, w, h)) * RINGS - 0.5;
      const k0 = Math.max(0, Math.min(RINGS - 1, Math.floor(t)));
      const k1 = Math.min(RINGS - 1, k0 + 1);
      const f = Math.max(0, Math.min(1, t - k0));
      const g = (gains[k0] as number) * (1 - f) + (gains[k1] as number) * f - centre;
      const k = Math.exp(g / 2.2);
      for (let c = 0; c < 3; c++)
        out[i * 3 + c] = Math.min(255, Math.round((rgb.rgb[i * 3 + c] as number) * k));
    }
  return { width: w, height: h, rgb: out };
}
