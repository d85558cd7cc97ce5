import type { Plane } from "./pixels/rgb-image.js";

export interface Blockiness {
  /** Block size whose grid explains most of the edges, 0 when none stands out. */
  blockSize: number;
  /** 0 (edges anywhere, natural) … 1 (all edges on a block grid: pixelated). */
  pixelation: number;
  /** Excess of edge energy on the 8×8 JPEG grid: 0 natural, higher = visible JPEG blocking. */
  jpegBlockiness: number;
}

function edgeProfiles(p: Plane): { cols: Float64Array; rows: Float64Array } {
  const { width: w, height: h, data } = p;
  const cols = new Float64Array(Math.max(0, w - 1));
  const rows = new Float64Array(Math.max(0, h - 1));
  // Every other line is enough for a profile and halves the work.
  for (let y = 0; y < h; y += 2) {
    let i = y * w;
    let prev = data[i] as number;
    for (let x = 0; x < w - 1; x++) {
      const next = data[++i] as number;
      cols[x] = (cols[x] as number) + Math.abs(next - prev);
      prev = next;
    }
  }
  for (let y = 0; y < h - 1; y++) {
    let acc = 0;
    for (let i = y * w, end = i + w; i < end; i += 2)
      acc += Math.abs((data[i + w] as number) - (data[i] as number));
    rows[y] = acc;
  }
  return { cols, rows };
}

/** Edge energy per residue class x mod b, and the total. */
function residues(profile: Float64Array, b: number): { sums: Float64Array; total: number } {
  const sums = new Float64Array(b);
  let total = 0;
  // r = (x + 1) mod b, stepped instead of divided.
  for (let x = 0, r = 1 % b; x < profile.length; x++, r = r + 1 === b ? 0 : r + 1) {
    const v = profile[x] as number;
    sums[r] = (sums[r] as number) + v;
    total += v;
  }
  return { sums, total };
}

/** Share of edge energy on the grid (period b, offset o), rescaled so 0 = chance and 1 = all of it. */
function share(on: number, total: number, b: number): number {
  if (total <= 1e-9) return 0;
  return (on / total - 1 / b) / (1 - 1 / b);
}

function gridShare(profile: Float64Array, b: number, o: number): number {
  const { sums, total } = residues(profile, b);
  return share(sums[o % b] as number, total, b);
}

function bestGrid(profile: Float64Array, b: number): number {
  const { sums, total } = residues(profile, b);
  return share(Math.max(...sums), total, b);
}

/**
 * Like bestGrid for a period that need not be a whole number of pixels (a mosaic that was then resized):
 * edge energy is binned by phase (bins about a pixel wide) and the grid line may spread over three
 * neighbouring bins (a delivery blur or resampling softens block edges); 0 = chance, 1 = all of it.
 */
function bestSoftGrid(profile: Float64Array, period: number): number {
  const bins = Math.max(3, Math.round(period));
  const sums = new Float64Array(bins);
  let total = 0;
  // phase = (x + 1) mod period, stepped instead of divided: both steps are exact in floating point (the true
  // remainder is representable, and period − 1 is), so the phases are bit for bit those of `%`.
  const back = period - 1;
  for (
    let x = 0, phase = 1 % period;
    x < profile.length;
    x++, phase = phase + 1 < period ? phase + 1 : phase - back
  ) {
    const v = profile[x] as number;
    const b = Math.min(bins - 1, Math.floor((phase * bins) / period));
    sums[b] = (sums[b] as number) + v;
    total += v;
  }
  if (total <= 1e-9) return 0;
  let on = 0;
  for (let b = 0; b < bins; b++)
    on = Math.max(
      on,
      (sums[(b + bins - 1) % bins] as number) + (sums[b] as number) + (sums[(b + 1) % bins] as number),
    );
  const chance = 3 / bins;
  return (on / total - chance) / (1 - chance);
}

/** Smallest period the soft (fractional, three-bin) grid is tried at: below it three bins are most of a block. */
const SOFT_MIN_PERIOD = 9;

/** Pixelation (constant blocks) and JPEG 8×8 blocking from the luminance plane. Pure. */
export function measureBlockiness(luma: Plane): Blockiness {
  const { cols, rows } = edgeProfiles(luma);
  const maxBlock = Math.min(64, Math.floor(Math.min(luma.width, luma.height) / 3));
  const strengths: Array<[number, number]> = [];
  for (let b = 3; b <= maxBlock; b++) strengths.push([b, Math.min(bestGrid(cols, b), bestGrid(rows, b))]);
  // Fractional periods, stepped so the phase drifts by under a third of a pixel across the profile.
  const n = Math.max(cols.length, rows.length, 1);
  for (let p = SOFT_MIN_PERIOD; p <= maxBlock; p += Math.max(0.01, (p * p) / (3 * n))) {
    strengths.push([Math.round(p), Math.min(bestSoftGrid(cols, p), bestSoftGrid(rows, p))]);
  }
  strengths.sort((a, b) => a[0] - b[0]);
  const pixelation = Math.max(0, ...strengths.map(([, s]) => s));
  // A grid of b also explains the edges of a grid of 2b, 3b…: the block size is the largest b that does as well.
  let blockSize = 0;
  for (const [b, s] of strengths) if (s >= pixelation - 0.08) blockSize = b;
  const jpeg = Math.min(gridShare(cols, 8, 0), gridShare(rows, 8, 0));
  return { blockSize: pixelation > 0.3 ? blockSize : 0, pixelation, jpegBlockiness: Math.max(0, jpeg) };
}
