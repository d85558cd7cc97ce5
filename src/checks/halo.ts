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
  const scratch = windowScratch(Math.max(cols, rows));
  for (let y = 0; y < h; y++) sampledExtremes(data, data, y * w, 1, w, rowHi, rowLo, y * cols, 1, scratch);
  const hi = new Float32Array(cols * rows);
  const lo = new Float32Array(cols * rows);
  for (let c = 0; c < cols; c++) sampledExtremes(rowHi, rowLo, c, cols, h, hi, lo, c, cols, scratch);
  return { cols, hi, lo };
}

/** Per-segment extremes (see `sampledExtremes`), reused from line to line. */
interface WindowScratch {
  segHi: Float64Array;
  segLo: Float64Array;
  headHi: Float64Array;
  headLo: Float64Array;
}

function windowScratch(samples: number): WindowScratch {
  const n = samples + 2;
  return {
    segHi: new Float64Array(n),
    segLo: new Float64Array(n),
    headHi: new Float64Array(n),
    headLo: new Float64Array(n),
  };
}

/**
 * Max (of `his`) and min (of `los`) over the window of ±RADIUS around every STEP-th position of one line of `n`
 * values (at `from`, `from + stride`, …), clipped to the line, written to `hi`/`lo` at `at`, `at + outStride`, ….
 * The window of sample k, positions 4k−5 … 4k+5, is the union of segment k−1, segment k (positions 4m−1 … 4m+2)
 * and the head of segment k+1 (its first three positions), so each value is compared about twice instead of
 * eleven times; the extremes are those of the same values, so the result is exact.
 */
function sampledExtremes(
  his: Float32Array,
  los: Float32Array,
  from: number,
  stride: number,
  n: number,
  hi: Float32Array,
  lo: Float32Array,
  at: number,
  outStride: number,
  scratch: WindowScratch,
): void {
  const samples = Math.ceil(n / STEP);
  const { segHi, segLo, headHi, headLo } = scratch;
  // Segment m (m = 0 … samples) in slot m; an empty one holds −∞ / +∞.
  for (let m = 0; m <= samples; m++) {
    let top = Number.NEGATIVE_INFINITY;
    let bottom = Number.POSITIVE_INFINITY;
    const first = Math.max(0, STEP * m - 1);
    const headEnd = Math.min(n - 1, STEP * m + 1);
    headHi[m] = top;
    headLo[m] = bottom;
    for (let x = first, end = Math.min(n - 1, STEP * m + 2); x <= end; x++) {
      const a = his[from + x * stride] as number;
      const b = los[from + x * stride] as number;
      if (a > top) top = a;
      if (b < bottom) bottom = b;
      if (x === headEnd) {
        headHi[m] = top;
        headLo[m] = bottom;
      }
    }
    segHi[m] = top;
    segLo[m] = bottom;
  }
  for (let k = 0; k < samples; k++) {
    let top = segHi[k] as number;
    let bottom = segLo[k] as number;
    if (k > 0) {
      top = Math.max(top, segHi[k - 1] as number);
      bottom = Math.min(bottom, segLo[k - 1] as number);
    }
    top = Math.max(top, headHi[k + 1] as number);
    bottom = Math.min(bottom, headLo[k + 1] as number);
    hi[at + k * outStride] = top;
    lo[at + k * outStride] = bottom;
  }
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
