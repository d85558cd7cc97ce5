import type { Plane } from "./pixels/rgb-image.js";

export interface Halo {
  /**
   * Mean overshoot (0–255 luma units) of the candidate past the range its neighbourhood had in the
   * source (mapped through the global tone curve), over the source's edge pixels: the bright and dark rims that
   * over-sharpening draws along edges. ≈0 for blur, tone changes and mild sharpening.
   */
  overshoot: number;
  /** Share of edge pixels overshooting by more than 12 luma units. */
  haloShare: number;
}

/** Neighbourhood radius for the source's local range (an 11×11 window). */
const RADIUS = 5;
/** A pixel is on an edge when its source neighbourhood spans at least this many luma units. */
const EDGE_RANGE = 24;
/**
 * Pixels are sampled on a grid of this step (1 in 16): the overshoot is a mean over the edge pixels, which a
 * regular grid estimates without bias, and every 11×11 range costs a pass over the window.
 */
const STEP = 4;

/**
 * Max and min of the source's 11×11 neighbourhoods at the sampled pixels, as `measureHalo` reads them: the
 * pixel (x, y) with x and y multiples of STEP is entry (y / STEP) * cols + x / STEP.
 */
export interface EdgeRange {
  cols: number;
  hi: Float32Array;
  lo: Float32Array;
}

/**
 * Max and min over the 11×11 window around every sampled pixel (x and y multiples of STEP): along rows first
 * (at sampled x only, every row), then down the columns (at sampled y only), in arrays of the samples alone.
 */
export function edgeRange(p: Plane): EdgeRange {
  const { width: w, height: h, data } = p;
  const cols = Math.ceil(w / STEP);
  const rows = Math.ceil(h / STEP);
  const rowHi = new Float32Array(cols * h);
  const rowLo = new Float32Array(cols * h);
  for (let y = 0; y < h; y++) {
    const row = y * w;
    for (let x = 0, k = y * cols; x < w; x += STEP, k++) {
      let top = data[row + x] as number;
      let bottom = top;
      const x0 = Math.max(0, x - RADIUS);
      const x1 = Math.min(w - 1, x + RADIUS);
      for (let i = row + x0, end = row + x1; i <= end; i++) {
        const v = data[i] as number;
        top = Math.max(top, v);
        bottom = Math.min(bottom, v);
      }
      rowHi[k] = top;
      rowLo[k] = bottom;
    }
  }
  const hi = new Float32Array(cols * rows);
  const lo = new Float32Array(cols * rows);
  for (let y = 0, r = 0; y < h; y += STEP, r++) {
    const y0 = Math.max(0, y - RADIUS);
    const y1 = Math.min(h - 1, y + RADIUS);
    for (let c = 0; c < cols; c++) {
      let top = rowHi[y * cols + c] as number;
      let bottom = rowLo[y * cols + c] as number;
      for (let i = y0 * cols + c, end = y1 * cols + c; i <= end; i += cols) {
        top = Math.max(top, rowHi[i] as number);
        bottom = Math.min(bottom, rowLo[i] as number);
      }
      hi[r * cols + c] = top;
      lo[r * cols + c] = bottom;
    }
  }
  return { cols, hi, lo };
}

const BINS = 64;

/** Mean candidate luma for each source luma bin (a global tone curve), empty bins filled from neighbours. */
function toneCurve(source: Float32Array, candidate: Float32Array): Float32Array {
  const sum = new Float64Array(BINS);
  const count = new Uint32Array(BINS);
  for (let i = 0; i < source.length; i += 3) {
    const b = Math.min(BINS - 1, Math.max(0, ((source[i] as number) * BINS) / 256) | 0);
    sum[b] = (sum[b] as number) + (candidate[i] as number);
    count[b] = (count[b] as number) + 1;
  }
  const curve = new Float32Array(BINS).fill(Number.NaN);
  for (let b = 0; b < BINS; b++)
    if ((count[b] as number) >= 4) curve[b] = (sum[b] as number) / (count[b] as number);
  let last = Number.NaN;
  for (let b = 0; b < BINS; b++) {
    if (Number.isNaN(curve[b] as number)) curve[b] = last;
    else last = curve[b] as number;
  }
  last = Number.NaN;
  for (let b = BINS - 1; b >= 0; b--) {
    if (Number.isNaN(curve[b] as number)) curve[b] = last;
    else last = curve[b] as number;
  }
  for (let b = 0; b < BINS; b++) if (Number.isNaN(curve[b] as number)) curve[b] = (b + 0.5) * (256 / BINS);
  return curve;
}

function mapThrough(curve: Float32Array, v: number): number {
  const x = Math.min(BINS - 1, Math.max(0, (v * BINS) / 256 - 0.5));
  const i = Math.floor(x);
  const j = Math.min(BINS - 1, i + 1);
  return (curve[i] as number) + ((curve[j] as number) - (curve[i] as number)) * (x - i);
}

/**
 * Over-sharpening halos between aligned luma planes of equal size. The source's tones are first
 * mapped through the global tone curve the candidate shows (mean candidate luma per source luma),
 * so a brightness, contrast or negative change is not a halo; then every edge pixel's overshoot past
 * the mapped range of its 11×11 source neighbourhood is measured. `range` is `edgeRange(source)`, passed in
 * when it was computed before.
 */
export function measureHalo(source: Plane, candidate: Plane, range: EdgeRange = edgeRange(source)): Halo {
  const { width: w, height: h } = source;
  const c = candidate.data;
  const curve = toneCurve(source.data, c);
  const { cols, hi, lo } = range;
  let total = 0;
  let edges = 0;
  let haloed = 0;
  // Sampled coordinates only (where edgeRange measured), away from the frame's edge.
  const first = Math.ceil((RADIUS + 1) / STEP) * STEP;
  for (let y = first; y < h - RADIUS; y += STEP) {
    for (let x = first; x < w - RADIUS; x += STEP) {
      const i = y * w + x;
      const k = (y / STEP) * cols + x / STEP;
      if ((hi[k] as number) - (lo[k] as number) < EDGE_RANGE) continue;
      const a = mapThrough(curve, hi[k] as number);
      const b = mapThrough(curve, lo[k] as number);
      const top = Math.max(a, b);
      const bottom = Math.min(a, b);
      const v = c[i] as number;
      const over = v > top ? v - top : v < bottom ? bottom - v : 0;
      total += over;
      if (over > 12) haloed++;
      edges++;
    }
  }
  return edges === 0
    ? { overshoot: 0, haloShare: 0 }
    : { overshoot: total / edges, haloShare: haloed / edges };
}
