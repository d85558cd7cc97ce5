import type { RgbImage } from "./pixels/rgb-image.js";

/**
 * Posterization and banding: the histogram of each channel combed into a few spikes. The histogram,
 * smoothed by 1.5 codes (which hides the missing codes a steep tone curve leaves and the spread JPEG and
 * a slight blur add), is compared with the same histogram smoothed by 8 codes; the total-variation distance
 * between the two is ≈ 0.05 for a photo and 0.5–0.9 for one posterized to 2–8 levels. The codes at the
 * ends (0–3, 252–255: clipping, black or white fill) are left out.
 */
export interface Posterization {
  /** Mean over the channels of the distance in [0, 1]; higher is more combed. */
  combing: number;
  /** Peaks per channel of the fine histogram (median over the channels): ≈ the posterize level count. */
  levels: number;
}

const LOW = 4;
const HIGH = 252;

function gaussianSmooth(h: Float64Array, sigma: number): Float64Array {
  const r = Math.ceil(sigma * 3);
  const k: number[] = [];
  for (let i = -r; i <= r; i++) k.push(Math.exp(-(i * i) / (2 * sigma * sigma)));
  const out = new Float64Array(h.length);
  for (let i = 0; i < h.length; i++) {
    let s = 0;
    let w = 0;
    for (let j = -r; j <= r; j++) {
      const x = i + j;
      if (x < LOW || x >= HIGH) continue;
      const kw = k[j + r] as number;
      s += kw * (h[x] as number);
      w += kw;
    }
    out[i] = w > 0 ? s / w : 0;
  }
  return out;
}

function channelCombing(h: Float64Array): { combing: number; levels: number } {
  let total = 0;
  for (let i = LOW; i < HIGH; i++) total += h[i] as number;
  if (total <= 0) return { combing: 0, levels: 0 };
  const fine = gaussianSmooth(h, 1.5);
  const coarse = gaussianSmooth(h, 8);
  let d = 0;
  for (let i = LOW; i < HIGH; i++) d += Math.abs((fine[i] as number) - (coarse[i] as number));
  // Peaks: local maxima of the fine histogram holding at least 2% of the pixels within ±4 codes.
  let levels = 0;
  for (let i = LOW; i < HIGH; i++) {
    const v = fine[i] as number;
    let isMax = true;
    let mass = 0;
    for (let j = -4; j <= 4; j++) {
      const u = fine[i + j] ?? 0;
      if (j !== 0 && (u > v || (u === v && j < 0))) isMax = false;
      mass += h[i + j] ?? 0;
    }
    if (isMax && mass >= 0.02 * total && v > 1.5 * (coarse[i] as number)) levels++;
  }
  return { combing: d / (2 * total), levels };
}

export function measurePosterization(image: RgbImage): Posterization {
  const counts = new Uint32Array(768);
  const { rgb } = image;
  const n = image.width * image.height;
  // Every pixel up to ~1 MP, a regular subsample beyond.
  const step = Math.max(1, Math.floor(n / 1_000_000)) * 3;
  for (let o = 0; o < n * 3; o += step) {
    counts[rgb[o] as number] = (counts[rgb[o] as number] as number) + 1;
    counts[256 + (rgb[o + 1] as number)] = (counts[256 + (rgb[o + 1] as number)] as number) + 1;
    counts[512 + (rgb[o + 2] as number)] = (counts[512 + (rgb[o + 2] as number)] as number) + 1;
  }
  const parts = [0, 1, 2].map((c) =>
    channelCombing(Float64Array.from(counts.subarray(c * 256, c * 256 + 256))),
  );
  const levels = parts.map((p) => p.levels).sort((a, b) => a - b)[1] ?? 0;
  return { combing: parts.reduce((s, p) => s + p.combing, 0) / 3, levels };
}

/** A posterizing quantizer: `even` rounds to N evenly spaced levels (0 and 255 included, as ImageMagick's `-posterize N`); `bits` keeps the top bits (N = 2^bits levels, as PIL's `posterize`). */
export interface Quantizer {
  kind: "even" | "bits";
  levels: number;
}

function quantizeTable(q: Quantizer): Uint8Array {
  if (q.kind === "bits") {
    const step = 256 / q.levels;
    return Uint8Array.from({ length: 256 }, (_, v) => Math.floor(v / step) * step);
  }
  const step = 255 / (q.levels - 1);
  return Uint8Array.from({ length: 256 }, (_, v) => Math.min(255, Math.round(Math.round(v / step) * step)));
}

export function quantizeRgb(image: RgbImage, q: Quantizer): RgbImage {
  const t = quantizeTable(q);
  return { width: image.width, height: image.height, rgb: image.rgb.map((v) => t[v] as number) };
}

/**
 * The posterize levels that best explain the candidate: the quantizer (2–16 even levels, or 1–4 bits)
 * whose result on the aligned source is closest to the candidate (mean absolute difference per channel).
 * Robust to delivery: JPEG and a slight blur raise every quantizer's error alike.
 */
export function fitQuantizer(source: RgbImage, candidate: RgbImage): { quantizer: Quantizer; error: number } {
  const options: Quantizer[] = [];
  for (let n = 2; n <= 16; n++) options.push({ kind: "even", levels: n });
  for (let b = 1; b <= 4; b++) options.push({ kind: "bits", levels: 2 ** b });
  let best = { quantizer: options[0] as Quantizer, error: Infinity };
  const s = source.rgb;
  const c = candidate.rgb;
  const step = Math.max(1, Math.floor(s.length / 3 / 60_000)) * 3;
  for (const q of options) {
    const t = quantizeTable(q);
    let e = 0;
    let n = 0;
    for (let i = 0; i < s.length; i += step)
      for (let k = 0; k < 3; k++) {
        e += Math.abs((t[s[i + k] as number] as number) - (c[i + k] as number));
        n++;
      }
    const error = e / Math.max(1, n);
    if (error < best.error) best = { quantizer: q, error };
  }
  return best;
}
