import type { Plane } from "./rgb-image.js";
import { compileKernel, forLoop, kernelModule, op, WASM } from "./wasm-encoding.js";

/**
 * The inner part of the separable Gaussian blur (`gaussian-blur.ts`) as a WebAssembly SIMD kernel, four pixels
 * per step in two float64 pairs: each output is 0 + tap₀·v₀ + tap₁·v₁ + … in the same order and precision as the
 * JavaScript (float32 values and taps widened to float64, the sum rounded to float32 once), so the result is
 * bit for bit the same. The edges, where the JavaScript clamps, stay in JavaScript.
 *
 * `taps(src, dst, width, y0, y1, x0, x1, tapStride, back, taps, count)`: for every row y in [y0, y1) and every
 * four pixels x … x+3 with x in [x0, x1) stepping by 4, dst[y·width + x] = Σₖ taps[k] · src[p + k·tapStride],
 * where p is the pixel's address less `back` bytes (float32 planes, float64 taps, all addresses in bytes).
 */
const [SRC, DST, W, Y0, Y1, X0, X1, TAP_STRIDE, BACK, TAPS, COUNT] = [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10];
const [Y, X, K, P, T, AT] = [11, 12, 13, 14, 15, 16];
const [ACC, ACC2] = [17, 18];
const PARAMS = 11;
const LOCALS = 6;

const tap = [
  // acc += taps[k] · widen(src[p], src[p + 4]); acc2 likewise from p + 8; p += tapStride; t += 8
  ...op.get(ACC),
  ...op.get(T),
  ...op.v128Load64Splat(0),
  ...op.get(P),
  ...op.v128Load64Zero(0),
  ...op.f64x2PromoteLowF32x4,
  ...op.f64x2Mul,
  ...op.f64x2Add,
  ...op.set(ACC),
  // the next pair, in a second accumulator (two independent sums keep the vector unit busy)
  ...op.get(ACC2),
  ...op.get(T),
  ...op.v128Load64Splat(0),
  ...op.get(P),
  ...op.v128Load64Zero(8),
  ...op.f64x2PromoteLowF32x4,
  ...op.f64x2Mul,
  ...op.f64x2Add,
  ...op.set(ACC2),
  ...op.get(P),
  ...op.get(TAP_STRIDE),
  ...op.add,
  ...op.set(P),
  ...op.get(T),
  ...op.const(8),
  ...op.add,
  ...op.set(T),
];

const quad = [
  // at = (y·width + x)·4; p = src + at − back; t = taps; acc = 0
  ...op.get(Y),
  ...op.get(W),
  ...op.mul,
  ...op.get(X),
  ...op.add,
  ...op.const(2),
  ...op.shl,
  ...op.set(AT),
  ...op.get(SRC),
  ...op.get(AT),
  ...op.add,
  ...op.get(BACK),
  ...op.sub,
  ...op.set(P),
  ...op.get(TAPS),
  ...op.set(T),
  ...op.v128Zero,
  ...op.set(ACC),
  ...op.v128Zero,
  ...op.set(ACC2),
  ...forLoop(K, op.get(COUNT), tap),
  // dst[at] = narrow(acc), dst[at + 8] = narrow(acc2) (two float32 each)
  ...op.get(DST),
  ...op.get(AT),
  ...op.add,
  ...op.get(ACC),
  ...op.f32x4DemoteF64x2Zero,
  ...op.v128Store64Low(0),
  ...op.get(DST),
  ...op.get(AT),
  ...op.add,
  ...op.get(ACC2),
  ...op.f32x4DemoteF64x2Zero,
  ...op.v128Store64Low(8),
];

const body = forLoop(Y, op.get(Y1), forLoop(X, op.get(X1), quad, 4, op.get(X0)), 1, op.get(Y0));

const KERNEL = compileKernel(() => kernelModule("taps", PARAMS, LOCALS, body, 2));

export function wasmBlurAvailable(): boolean {
  return KERNEL !== null;
}

const PAGE = 65536;

/** What the JavaScript computes around the kernel's interior: one clamped output of each pass. */
export interface BlurEdges {
  /** Horizontal pass at (x, y) of `data`, clamped at the row's ends. */
  horizontal(data: Float32Array, y: number, x: number): number;
  /** Vertical pass at (x, y) of the horizontal result, clamped at the column's ends. */
  vertical(rows: Float32Array, y: number, x: number): number;
}

/**
 * The blur of `plane` with the normalised `kernel` (2·radius + 1 float32 taps): the interior by the kernel, the
 * clamped edges by `edges`; null where the kernel is not available or the plane is too small for an interior.
 */
export function wasmGaussianBlur(
  plane: Plane,
  kernel: Float32Array,
  radius: number,
  edges: BlurEdges,
): Plane | null {
  const { width: w, height: h, data } = plane;
  if (!WASM || !KERNEL || w < 2 * radius + 4 || h < 2 * radius + 1) return null;
  const n = w * h;
  const tapsAt = 0;
  const srcAt = (kernel.length * 8 + 15) & ~15;
  const rowsAt = srcAt + ((n * 4 + 15) & ~15);
  const outAt = rowsAt + ((n * 4 + 15) & ~15);
  const memory = new WASM.Memory({ initial: Math.ceil((outAt + n * 4 + 16) / PAGE) });
  const run = new WASM.Instance(KERNEL, { env: { memory } }).exports.taps as (...args: number[]) => void;
  new Float64Array(memory.buffer, tapsAt, kernel.length).set(kernel);
  new Float32Array(memory.buffer, srcAt, n).set(data);
  const rows = new Float32Array(memory.buffer, rowsAt, n);
  // Along the rows: the interior by the kernel, four pixels at a time; the clamped ends and up to three left over here.
  const inner = w - 2 * radius;
  const hEnd = radius + 4 * Math.floor(inner / 4);
  run(srcAt, rowsAt, w, 0, h, radius, hEnd, 4, 4 * radius, tapsAt, kernel.length);
  for (let y = 0; y < h; y++) {
    for (let x = 0; x < radius; x++) rows[y * w + x] = edges.horizontal(data, y, x);
    for (let x = hEnd; x < w; x++) rows[y * w + x] = edges.horizontal(data, y, x);
  }
  // Down the columns: interior rows by the kernel (up to three last columns here), the clamped rows here.
  const out = new Float32Array(memory.buffer, outAt, n);
  const vEnd = 4 * Math.floor(w / 4);
  run(rowsAt, outAt, w, radius, h - radius, 0, vEnd, 4 * w, 4 * radius * w, tapsAt, kernel.length);
  for (let y = 0; y < h; y++) {
    const clamped = y < radius || y >= h - radius;
    for (let x = clamped ? 0 : vEnd; x < w; x++) out[y * w + x] = edges.vertical(rows, y, x);
  }
  return { width: w, height: h, data: out.slice() };
}
