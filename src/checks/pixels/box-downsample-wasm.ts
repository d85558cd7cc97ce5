import type { RgbImage } from "./rgb-image.js";
import { compileKernel, forLoop, kernelModule, op, WASM } from "./wasm-encoding.js";

/**
 * The box downsample as a WebAssembly SIMD kernel: the same sums and rounding as the scalar one in
 * `downsample.ts`, byte for byte, several times faster (a 4096² image in a few milliseconds instead of about
 * 70). Each call copies strips of about a megabyte of source rows into a small memory of its own, so it holds
 * no full-resolution copy and no state between calls.
 *
 * `strip(src, rowBytes, factor, used, out, outRowBytes, rows)` box-averages `rows` output rows: the
 * `rows × factor` source rows lie at `src`, `rowBytes` apart; the first `used` bytes of each count (whole output
 * pixels); the output rows go to `out`, `outRowBytes` apart. The column sums live at address 0 as 16-bit lanes
 * (a factor of at most MAX_FACTOR cannot overflow them): each 16 source bytes are widened and added in two
 * vector adds, then each output pixel sums its `factor` columns per channel and rounds half up.
 */
const [SRC, ROW, F, USED, OUT, OROW_BYTES, ROWS] = [0, 1, 2, 3, 4, 5, 6];
const [R, K, I, P, SUM, O, Q, J, JEND, AREA, HALF, STEP, SUM_G, OROW, A, SUM_B] = [
  7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 22,
];
const PARAMS = 7;
const LOCALS = 16;

/** acc[a + half*16] += widen(half of the 16 bytes at p + i). */
function addHalf(offset: number, widen: readonly number[]): number[] {
  return [
    ...op.get(A),
    ...op.get(A),
    ...op.v128Load(offset),
    ...op.get(P),
    ...op.get(I),
    ...op.add,
    ...op.v128Load(0),
    ...widen,
    ...op.i16x8Add,
    ...op.v128Store(offset),
  ];
}

const columnSums = forLoop(K, op.get(F), [
  // p = src + (r * factor + k) * rowBytes
  ...op.get(SRC),
  ...op.get(R),
  ...op.get(F),
  ...op.mul,
  ...op.get(K),
  ...op.add,
  ...op.get(ROW),
  ...op.mul,
  ...op.add,
  ...op.set(P),
  ...forLoop(
    I,
    op.get(USED),
    [
      ...op.get(I),
      ...op.const(1),
      ...op.shl,
      ...op.set(A),
      ...addHalf(0, op.i16x8ExtendLowU8),
      ...addHalf(16, op.i16x8ExtendHighU8),
    ],
    16,
  ),
]);

/** acc16 at byte j + 2·channel, added to that channel's sum. */
function addColumn(sum: number, channel: number): number[] {
  return [...op.get(sum), ...op.get(J), ...op.load16U(2 * channel), ...op.add, ...op.set(sum)];
}

/** out[orow + o + channel] = (sum + half) / area */
function storeChannel(sum: number, channel: number): number[] {
  return [
    ...op.get(OROW),
    ...op.get(O),
    ...op.add,
    ...op.get(sum),
    ...op.get(HALF),
    ...op.add,
    ...op.get(AREA),
    ...op.divU,
    ...op.store8(channel),
  ];
}

/** One output pixel, whose first column is q: its three channel sums over `factor` columns, rounded. */
const outputPixel = [
  ...op.const(0),
  ...op.set(SUM),
  ...op.const(0),
  ...op.set(SUM_G),
  ...op.const(0),
  ...op.set(SUM_B),
  // jEnd = 2(q + step); for (j = 2q; j < jEnd; j += 6): one column (3 lanes of 2 bytes) per step
  ...op.get(Q),
  ...op.get(STEP),
  ...op.add,
  ...op.const(1),
  ...op.shl,
  ...op.set(JEND),
  ...forLoop(J, op.get(JEND), [...addColumn(SUM, 0), ...addColumn(SUM_G, 1), ...addColumn(SUM_B, 2)], 6, [
    ...op.get(Q),
    ...op.const(1),
    ...op.shl,
  ]),
  ...storeChannel(SUM, 0),
  ...storeChannel(SUM_G, 1),
  ...storeChannel(SUM_B, 2),
];

const outputRow = [
  // orow = out + r * outRowBytes; q = 0; for (o = 0; o < outRowBytes; o += 3) { pixel; q += step }
  ...op.get(OUT),
  ...op.get(R),
  ...op.get(OROW_BYTES),
  ...op.mul,
  ...op.add,
  ...op.set(OROW),
  ...op.const(0),
  ...op.set(Q),
  ...forLoop(
    O,
    op.get(OROW_BYTES),
    [...outputPixel, ...op.get(Q), ...op.get(STEP), ...op.add, ...op.set(Q)],
    3,
  ),
];

const body = [
  ...op.get(F),
  ...op.get(F),
  ...op.mul,
  ...op.set(AREA),
  ...op.get(AREA),
  ...op.const(1),
  ...op.shrU,
  ...op.set(HALF),
  ...op.get(F),
  ...op.const(3),
  ...op.mul,
  ...op.set(STEP),
  ...forLoop(R, op.get(ROWS), [
    // memory.fill(0, 0, (used + 16) * 2): zero the column sums
    ...op.const(0),
    ...op.const(0),
    ...op.get(USED),
    ...op.const(16),
    ...op.add,
    ...op.const(1),
    ...op.shl,
    ...op.memoryFill,
    ...columnSums,
    ...outputRow,
  ]),
];

/** Largest factor whose column sums fit 16 bits (257 × 255 = 65535). */
export const MAX_FACTOR = 257;

/** The compiled kernel (immutable, shared by every call in this thread), or null where WebAssembly SIMD is missing. */
const KERNEL = compileKernel(() => kernelModule("strip", PARAMS, LOCALS, body));

export function wasmBoxAvailable(): boolean {
  return KERNEL !== null;
}

/** Source bytes copied per call of the kernel (whole output rows). */
const STRIP_BYTES = 1 << 20;
const PAGE = 65536;

const align16 = (n: number) => (n + 15) & ~15;

/**
 * Box-downsamples `image` by `factor` (2 ≤ factor ≤ MAX_FACTOR) with the kernel: output floor(w/f) × floor(h/f),
 * each channel (sum + area/2) / area over its f × f block; null when the kernel is not available.
 */
export function wasmBoxDownsample(image: RgbImage, factor: number): RgbImage | null {
  if (!WASM || !KERNEL || factor < 2 || factor > MAX_FACTOR) return null;
  if (image.width < factor || image.height < factor) return null;
  const width = Math.floor(image.width / factor);
  const height = Math.floor(image.height / factor);
  const rowBytes = image.width * 3;
  const outRowBytes = width * 3;
  const used = width * factor * 3;
  const stripRows = Math.max(1, Math.min(height, Math.floor(STRIP_BYTES / (factor * rowBytes))));
  const accBytes = align16((used + 16) * 2);
  const srcAt = accBytes;
  const srcBytes = align16(stripRows * factor * rowBytes + 16);
  const outAt = srcAt + srcBytes;
  const memory = new WASM.Memory({ initial: Math.ceil((outAt + stripRows * outRowBytes) / PAGE) });
  const strip = new WASM.Instance(KERNEL, { env: { memory } }).exports.strip as (...args: number[]) => void;
  const heap = new Uint8Array(memory.buffer);
  const out = new Uint8Array(width * height * 3);
  for (let oy = 0; oy < height; oy += stripRows) {
    const rows = Math.min(stripRows, height - oy);
    const from = oy * factor * rowBytes;
    heap.set(image.rgb.subarray(from, from + rows * factor * rowBytes), srcAt);
    strip(srcAt, rowBytes, factor, used, outAt, outRowBytes, rows);
    out.set(heap.subarray(outAt, outAt + rows * outRowBytes), oy * outRowBytes);
  }
  return { width, height, rgb: out };
}
