import type { RgbImage } from "./pixels/rgb-image.js";
import { solveLinear } from "./pixels/solve-linear.js";
import type { Mask } from "./pixels/stats.js";

export interface LocalDamage {
  /** Largest tile residual (RGB units, 0–441) after explaining global tone/colour changes. */
  maxTileResidual: number;
  /** Median tile residual: how well a global colour mapping explains the change. */
  medianTileResidual: number;
  /** Share of tiles whose residual exceeds 12 RGB units: the size of the local change. */
  damagedShare: number;
  tiles: number;
}

/** Tents (hat functions) over luma: any tone curve of the lightness, as toning or a tinted monochrome applies. */
const LUMA_KNOTS = 8;
const FEATURES = 10 + LUMA_KNOTS;

/**
 * Adds the features of one pixel to `sum`. Only the (at most three) tents around its luma can be non-zero, and
 * adding a zero changes no sum, so only those are added: the sums are bit for bit those of all the features.
 */
function addFeatures(r: number, g: number, b: number, sum: Float64Array): void {
  const R = r / 255;
  const G = g / 255;
  const B = b / 255;
  sum[0] = (sum[0] as number) + 1;
  sum[1] = (sum[1] as number) + R;
  sum[2] = (sum[2] as number) + G;
  sum[3] = (sum[3] as number) + B;
  sum[4] = (sum[4] as number) + R * R;
  sum[5] = (sum[5] as number) + G * G;
  sum[6] = (sum[6] as number) + B * B;
  sum[7] = (sum[7] as number) + R * G;
  sum[8] = (sum[8] as number) + R * B;
  sum[9] = (sum[9] as number) + G * B;
  const y = (0.299 * R + 0.587 * G + 0.114 * B) * (LUMA_KNOTS - 1);
  const k0 = Math.min(LUMA_KNOTS - 1, Math.floor(y));
  for (let k = Math.max(0, k0 - 1); k <= Math.min(LUMA_KNOTS - 1, k0 + 1); k++)
    sum[10 + k] = (sum[10 + k] as number) + Math.max(0, 1 - Math.abs(y - k));
}

/** Per-channel least squares of target on quadratic features of the source tile means, ridge-regularised. */
function fitMapping(src: Float64Array[], dst: number[][], use: boolean[]): number[][] {
  // The normal matrix XᵀX is the same for the three channels; only Xᵀy differs.
  const ata = Array.from({ length: FEATURES }, () => new Array<number>(FEATURES).fill(0));
  const aty = [0, 1, 2].map(() => new Array<number>(FEATURES).fill(0));
  for (let t = 0; t < src.length; t++) {
    if (!use[t]) continue;
    const x = src[t] as Float64Array;
    const y = dst[t] as number[];
    for (let i = 0; i < FEATURES; i++) {
      const xi = x[i] as number;
      // Features are ≥ 0 and the targets finite: a zero feature adds only zeros, which change no sum.
      if (xi === 0) continue;
      const row = ata[i] as number[];
      for (let j = i; j < FEATURES; j++) row[j] = (row[j] as number) + xi * (x[j] as number);
      for (let c = 0; c < 3; c++)
        (aty[c] as number[])[i] = ((aty[c] as number[])[i] as number) + xi * (y[c] as number);
    }
  }
  for (let i = 0; i < FEATURES; i++) {
    for (let j = 0; j < i; j++) (ata[i] as number[])[j] = (ata[j] as number[])[i] as number;
    (ata[i] as number[])[i] = ((ata[i] as number[])[i] as number) + 1e-3;
  }
  return aty.map((rhs) => Array.from(solveLinear(ata, rhs)));
}

/** The source side of `measureLocalDamage`: its tiles and each tile's mean features. */
export interface DamageTiles {
  tile: number;
  /** Offset of each tile's top-left pixel (y · width + x). */
  origins: number[];
  features: Float64Array[];
}

/**
 * The source's tiles (about 32 along the longer side, counted when their centre is in the mask) and the mean of
 * each feature over a tile's pixels (not the features of its mean colour): a non-linear mapping of the pixels is
 * then predicted exactly for tiles that mix light and dark. It depends on the source and mask alone.
 */
export function damageTiles(source: RgbImage, mask: Mask = null): DamageTiles {
  const { width: w, height: h, rgb } = source;
  const tile = Math.max(4, Math.round(Math.max(w, h) / 32));
  const origins: number[] = [];
  const all: Float64Array[] = [];
  const n = tile * tile;
  for (let ty = 0; ty + tile <= h; ty += tile) {
    for (let tx = 0; tx + tile <= w; tx += tile) {
      const centre = (ty + (tile >> 1)) * w + tx + (tile >> 1);
      if (mask && !mask[centre]) continue;
      const f = new Float64Array(FEATURES);
      for (let y = ty; y < ty + tile; y++) {
        for (let x = tx; x < tx + tile; x++) {
          const p = (y * w + x) * 3;
          addFeatures(rgb[p] as number, rgb[p + 1] as number, rgb[p + 2] as number, f);
        }
      }
      for (let i = 0; i < FEATURES; i++) f[i] = (f[i] as number) / n;
      origins.push(ty * w + tx);
      all.push(f);
    }
  }
  return { tile, origins, features: all };
}

/** Mean RGB of the candidate over each of the source's tiles. */
function candidateMeans(candidate: RgbImage, tiles: DamageTiles): number[][] {
  const { width: w, rgb } = candidate;
  const { tile } = tiles;
  const n = tile * tile;
  return tiles.origins.map((origin) => {
    let r = 0;
    let g = 0;
    let b = 0;
    for (let y = 0; y < tile; y++) {
      const row = (origin + y * w) * 3;
      for (let k = row; k < row + tile * 3; k += 3) {
        r += rgb[k] as number;
        g += rgb[k + 1] as number;
        b += rgb[k + 2] as number;
      }
    }
    return [r / n, g / n, b / n];
  });
}

/**
 * Change that a global colour mapping does not explain, tile by tile: a pasted patch, a smear,
 * an object added or removed. Tile means are compared after fitting candidate ≈ f(source) with a
 * per-channel quadratic in RGB (with cross terms) plus a piecewise-linear curve of luma (robust: refit without the worst tiles), so global tone and colour
 * edits, blur, noise and sharpening leave it low. Tiles are counted when their centre is in the mask.
 * `tiles` is `damageTiles(source, mask)`, passed in when it was computed before.
 */
export function measureLocalDamage(
  source: RgbImage,
  candidate: RgbImage,
  mask: Mask = null,
  tiles: DamageTiles = damageTiles(source, mask),
): LocalDamage {
  const src = tiles.features;
  if (src.length < 8)
    return { maxTileResidual: 0, medianTileResidual: 0, damagedShare: 0, tiles: src.length };
  const dst = candidateMeans(candidate, tiles);
  const residuals = (coefs: number[][]) =>
    src.map((x, t) => {
      let e = 0;
      for (let c = 0; c < 3; c++) {
        let pred = 0;
        for (let i = 0; i < FEATURES; i++) pred += ((coefs[c] as number[])[i] as number) * (x[i] as number);
        // Clipping is part of a global mapping: a prediction past the ends clips the same way.
        const diff = ((dst[t] as number[])[c] as number) - Math.max(0, Math.min(255, pred));
        e += diff * diff;
      }
      return Math.sqrt(e);
    });
  let use = src.map(() => true);
  let res = residuals(fitMapping(src, dst, use));
  for (let round = 0; round < 2; round++) {
    const sorted = [...res].sort((a, b) => a - b);
    const cut = Math.max(6, 3 * (sorted[Math.floor(sorted.length / 2)] as number));
    use = res.map((r) => r <= cut);
    res = residuals(fitMapping(src, dst, use));
  }
  const sorted = [...res].sort((a, b) => a - b);
  return {
    maxTileResidual: sorted[sorted.length - 1] as number,
    medianTileResidual: sorted[Math.floor(sorted.length / 2)] as number,
    damagedShare: res.filter((r) => r > 12).length / res.length,
    tiles: res.length,
  };
}
