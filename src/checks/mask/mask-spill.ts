import type { PixelRect, RgbImage } from "../pixels/rgb-image.js";
import { solveLinear } from "../pixels/solve-linear.js";
import type { BinaryMask } from "./binary-mask.js";

export interface MaskSpill {
  /** Share of the kept pixels (outside the mask and its border band) that changed: 0…1. */
  share: number;
  /** Changed kept pixels, at the images' scale. */
  pixels: number;
  /** Kept pixels compared. */
  kept: number;
  /** Bounding box of the largest connected changed area (half-open, the images' pixels), or null. */
  box: PixelRect | null;
  /** Separate changed areas of at least a tenth of the spill. */
  areas: number;
  /** RGB distance a kept pixel must move (after the global colour fit and 3×3 smoothing) to count as changed. */
  threshold: number;
  /** Median smoothed residual over the kept pixels: what the delivery alone leaves (JPEG, resampling, drift). */
  noiseFloor: number;
}

/** Smallest change (RGB units, 0–441) counted as a spill, above any delivery noise. */
const MIN_THRESHOLD = 20;
/** A change must also stand this many times above the kept area's median residual. */
const NOISE_FACTOR = 4;

const FEATURES = 7;

function features(r: number, g: number, b: number, out: Float64Array): void {
  const R = r / 255;
  const G = g / 255;
  const B = b / 255;
  out[0] = 1;
  out[1] = R;
  out[2] = G;
  out[3] = B;
  out[4] = R * R;
  out[5] = G * G;
  out[6] = B * B;
}

/**
 * Per-channel least squares of candidate on [1, R, G, B, R², G², B²] of the source, over the pixels where
 * `use` is set: a global tone/colour mapping (brightness, contrast, gamma, a saturation loss, a colour cast).
 */
function fitColourMapping(source: RgbImage, candidate: RgbImage, use: Uint8Array): Float64Array[] {
  const ata = Array.from({ length: FEATURES }, () => new Float64Array(FEATURES));
  const aty = [0, 1, 2].map(() => new Float64Array(FEATURES));
  const f = new Float64Array(FEATURES);
  for (let i = 0, p = 0; i < use.length; i++, p += 3) {
    if (!use[i]) continue;
    features(source.rgb[p] as number, source.rgb[p + 1] as number, source.rgb[p + 2] as number, f);
    for (let a = 0; a < FEATURES; a++) {
      const fa = f[a] as number;
      const row = ata[a] as Float64Array;
      for (let b = a; b < FEATURES; b++) row[b] = (row[b] as number) + fa * (f[b] as number);
      for (let c = 0; c < 3; c++) {
        const t = aty[c] as Float64Array;
        t[a] = (t[a] as number) + fa * (candidate.rgb[p + c] as number);
      }
    }
  }
  for (let a = 0; a < FEATURES; a++) {
    const row = ata[a] as Float64Array;
    for (let b = 0; b < a; b++) row[b] = (ata[b] as Float64Array)[a] as number;
    row[a] = (row[a] as number) + 1e-3;
  }
  return aty.map((rhs) => solveLinear(ata, rhs));
}

/**
 * Per pixel, the RGB distance of the candidate from the fitted source at the best of the 3×3 source pixels
 * around it: a delivery resampled with another filter or a half-pixel offset lines up within a pixel, a
 * changed patch matches none of its neighbours.
 */
function residuals(source: RgbImage, candidate: RgbImage, coefs: Float64Array[]): Float32Array {
  const { width: w, height: h } = source;
  const n = w * h;
  const fitted = new Float32Array(n * 3);
  const f = new Float64Array(FEATURES);
  for (let i = 0, p = 0; i < n; i++, p += 3) {
    features(source.rgb[p] as number, source.rgb[p + 1] as number, source.rgb[p + 2] as number, f);
    for (let c = 0; c < 3; c++) {
      const k = coefs[c] as Float64Array;
      let pred = 0;
      for (let j = 0; j < FEATURES; j++) pred += (k[j] as number) * (f[j] as number);
      // Clipping is part of a global mapping: a prediction past the ends clips the same way.
      fitted[p + c] = Math.max(0, Math.min(255, pred));
    }
  }
  const out = new Float32Array(n);
  for (let y = 0; y < h; y++) {
    for (let x = 0; x < w; x++) {
      const p = (y * w + x) * 3;
      const r = candidate.rgb[p] as number;
      const g = candidate.rgb[p + 1] as number;
      const b = candidate.rgb[p + 2] as number;
      let best = Infinity;
      for (let yy = Math.max(0, y - 1); yy <= Math.min(h - 1, y + 1); yy++) {
        for (let xx = Math.max(0, x - 1); xx <= Math.min(w - 1, x + 1); xx++) {
          const q = (yy * w + xx) * 3;
          const e =
            (r - (fitted[q] as number)) ** 2 +
            (g - (fitted[q + 1] as number)) ** 2 +
            (b - (fitted[q + 2] as number)) ** 2;
          if (e < best) best = e;
        }
      }
      out[y * w + x] = Math.sqrt(best);
    }
  }
  return out;
}

function median(values: Float32Array, use: Uint8Array): number {
  const picked: number[] = [];
  for (let i = 0; i < values.length; i++) if (use[i]) picked.push(values[i] as number);
  if (picked.length === 0) return 0;
  picked.sort((a, b) => a - b);
  return picked[picked.length >> 1] as number;
}

/** 3×3 mean of `values` over the neighbours where `use` is set (others are not averaged in). */
function smoothWithin(values: Float32Array, use: Uint8Array, width: number, height: number): Float32Array {
  const out = new Float32Array(values.length);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const i = y * width + x;
      if (!use[i]) continue;
      let s = 0;
      let n = 0;
      for (let dy = -1; dy <= 1; dy++) {
        const yy = y + dy;
        if (yy < 0 || yy >= height) continue;
        for (let dx = -1; dx <= 1; dx++) {
          const xx = x + dx;
          if (xx < 0 || xx >= width || !use[yy * width + xx]) continue;
          s += values[yy * width + xx] as number;
          n++;
        }
      }
      out[i] = s / n;
    }
  }
  return out;
}

/** 3×3 box mean of an RGB image (edge pixels average the neighbours that exist). */
function boxBlur3(image: RgbImage): RgbImage {
  const { width: w, height: h } = image;
  const rgb = new Uint8Array(image.rgb.length);
  for (let y = 0; y < h; y++) {
    for (let x = 0; x < w; x++) {
      let r = 0;
      let g = 0;
      let b = 0;
      let n = 0;
      for (let yy = Math.max(0, y - 1); yy <= Math.min(h - 1, y + 1); yy++) {
        for (let xx = Math.max(0, x - 1); xx <= Math.min(w - 1, x + 1); xx++) {
          const p = (yy * w + xx) * 3;
          r += image.rgb[p] as number;
          g += image.rgb[p + 1] as number;
          b += image.rgb[p + 2] as number;
          n++;
        }
      }
      const o = (y * w + x) * 3;
      rgb[o] = Math.round(r / n);
      rgb[o + 1] = Math.round(g / n);
      rgb[o + 2] = Math.round(b / n);
    }
  }
  return { width: w, height: h, rgb };
}

/** Connected areas (4-neighbour) of the set pixels: each one's size and bounding box, largest first. */
function connectedAreas(
  set: Uint8Array,
  width: number,
  height: number,
): Array<{ size: number; box: PixelRect }> {
  const seen = new Uint8Array(set.length);
  const areas: Array<{ size: number; box: PixelRect }> = [];
  const stack: number[] = [];
  for (let start = 0; start < set.length; start++) {
    if (!set[start] || seen[start]) continue;
    seen[start] = 1;
    stack.push(start);
    const box = { x0: width, y0: height, x1: 0, y1: 0 };
    let size = 0;
    while (stack.length > 0) {
      const i = stack.pop() as number;
      const x = i % width;
      const y = (i - x) / width;
      size++;
      box.x0 = Math.min(box.x0, x);
      box.y0 = Math.min(box.y0, y);
      box.x1 = Math.max(box.x1, x + 1);
      box.y1 = Math.max(box.y1, y + 1);
      const next = [
        x > 0 ? i - 1 : -1,
        x < width - 1 ? i + 1 : -1,
        y > 0 ? i - width : -1,
        y < height - 1 ? i + width : -1,
      ];
      for (const j of next) {
        if (j < 0 || !set[j] || seen[j]) continue;
        seen[j] = 1;
        stack.push(j);
      }
    }
    areas.push({ size, box });
  }
  return areas.sort((a, b) => b.size - a.size);
}

/**
 * Change outside an edit mask that a global colour mapping does not explain. Over the `keep` pixels (outside the
 * mask and its border band) it fits candidate ≈ f(source) per channel (robustly: refit twice without the pixels
 * far off the fit), so a delivery's slight global drift is not a spill; the residual is smoothed 3×3 within the
 * kept pixels (JPEG noise and resampling differences average out) and a pixel whose residual exceeds
 * max(20, 4 × the median) has changed. Pure: aligned images of one size and a mask of that size in.
 */
export function measureMaskSpill(sourceIn: RgbImage, candidateIn: RgbImage, keep: BinaryMask): MaskSpill {
  const { width, height } = sourceIn;
  // Resampling (a delivery at another resolution) and JPEG differ from the source in fine detail, not in
  // areas: compare 3×3 means, where those differences cancel and a changed patch still stands out.
  const source = boxBlur3(sourceIn);
  const candidate = boxBlur3(candidateIn);
  let use = keep.data;
  const kept = use.reduce((n, v) => n + v, 0);
  if (kept === 0) return { share: 0, pixels: 0, kept: 0, box: null, areas: 0, threshold: 0, noiseFloor: 0 };
  let res = residuals(source, candidate, fitColourMapping(source, candidate, use));
  for (let round = 0; round < 2; round++) {
    const cut = Math.max(8, 3 * median(res, keep.data));
    const inliers = new Uint8Array(use.length);
    for (let i = 0; i < use.length; i++) inliers[i] = keep.data[i] && (res[i] as number) <= cut ? 1 : 0;
    use = inliers;
    res = residuals(source, candidate, fitColourMapping(source, candidate, use));
  }
  const smooth = smoothWithin(res, keep.data, width, height);
  const noiseFloor = median(smooth, keep.data);
  const threshold = Math.max(MIN_THRESHOLD, NOISE_FACTOR * noiseFloor);
  const changed = new Uint8Array(smooth.length);
  let pixels = 0;
  for (let i = 0; i < smooth.length; i++) {
    if (keep.data[i] && (smooth[i] as number) > threshold) {
      changed[i] = 1;
      pixels++;
    }
  }
  const areas = pixels === 0 ? [] : connectedAreas(changed, width, height);
  return {
    share: pixels / kept,
    pixels,
    kept,
    box: areas[0]?.box ?? null,
    areas: areas.filter((a) => a.size >= pixels / 10).length,
    threshold,
    noiseFloor,
  };
}
