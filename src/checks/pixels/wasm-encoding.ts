/**
 * The few pieces of the WebAssembly binary format a hand-written kernel needs: LEB128 numbers, names, sections,
 * and the opcodes it uses. A kernel assembles its module from these at load (no toolchain, no binary in the
 * repository), so its source is readable next to the JavaScript it replaces.
 */

/** Unsigned LEB128. */
export function uleb(value: number): number[] {
  const out: number[] = [];
  let n = value >>> 0;
  do {
    let byte = n & 0x7f;
    n >>>= 7;
    if (n !== 0) byte |= 0x80;
    out.push(byte);
  } while (n !== 0);
  return out;
}

/** Signed LEB128 (for i32.const). */
export function sleb(value: number): number[] {
  const out: number[] = [];
  let n = value | 0;
  for (;;) {
    const byte = n & 0x7f;
    n >>= 7;
    if ((n === 0 && (byte & 0x40) === 0) || (n === -1 && (byte & 0x40) !== 0)) {
      out.push(byte);
      return out;
    }
    out.push(byte | 0x80);
  }
}

export function name(text: string): number[] {
  const bytes = [...new TextEncoder().encode(text)];
  return [...uleb(bytes.length), ...bytes];
}

export function section(id: number, body: readonly number[]): number[] {
  return [id, ...uleb(body.length), ...body];
}

export function vector(items: ReadonlyArray<readonly number[]>): number[] {
  return [...uleb(items.length), ...items.flat()];
}

export const I32 = 0x7f;
export const V128 = 0x7b;

/** Instructions, as byte sequences (memory instructions take their memarg: alignment exponent, offset). */
export const op = {
  block: [0x02, 0x40],
  loop: [0x03, 0x40],
  end: [0x0b],
  br: (depth: number) => [0x0c, ...uleb(depth)],
  brIf: (depth: number) => [0x0d, ...uleb(depth)],
  get: (local: number) => [0x20, ...uleb(local)],
  set: (local: number) => [0x21, ...uleb(local)],
  const: (value: number) => [0x41, ...sleb(value)],
  add: [0x6a],
  mul: [0x6c],
  divU: [0x6e],
  shl: [0x74],
  shrU: [0x76],
  geU: [0x4f],
  load16U: (offset = 0) => [0x2f, 0, ...uleb(offset)],
  store8: (offset = 0) => [0x3a, 0, ...uleb(offset)],
  /** memory.fill on memory 0: (destination, byte, length). */
  memoryFill: [0xfc, 0x0b, 0x00],
  v128Load: (offset = 0) => [0xfd, 0x00, 0, ...uleb(offset)],
  v128Store: (offset = 0) => [0xfd, 0x0b, 0, ...uleb(offset)],
  i16x8ExtendLowU8: [0xfd, ...uleb(0x89)],
  i16x8ExtendHighU8: [0xfd, ...uleb(0x8a)],
  i16x8Add: [0xfd, ...uleb(0x8e)],
  sub: [0x6b],
  /** v128.const of sixteen zero bytes. */
  v128Zero: [0xfd, 0x0c, ...new Array<number>(16).fill(0)],
  /** Loads 8 bytes into the low half, zeroing the high half. */
  v128Load64Zero: (offset = 0) => [0xfd, ...uleb(0x5d), 0, ...uleb(offset)],
  /** Loads 8 bytes into both halves. */
  v128Load64Splat: (offset = 0) => [0xfd, ...uleb(0x0a), 0, ...uleb(offset)],
  /** Stores the low 8 bytes (lane 0 of 64-bit lanes). */
  v128Store64Low: (offset = 0) => [0xfd, ...uleb(0x5b), 0, ...uleb(offset), 0],
  f64x2PromoteLowF32x4: [0xfd, ...uleb(0x5f)],
  f32x4DemoteF64x2Zero: [0xfd, ...uleb(0x5e)],
  f64x2Add: [0xfd, ...uleb(0xf0)],
  f64x2Mul: [0xfd, ...uleb(0xf2)],
} as const;

/**
 * A module importing one memory as env.memory and exporting one function `name` of `params` i32 parameters and
 * no result, whose body uses `locals` i32 locals after them, then `vectorLocals` v128 locals.
 */
export function kernelModule(
  exportName: string,
  params: number,
  locals: number,
  body: readonly number[],
  vectorLocals = 0,
): Uint8Array {
  const type = [0x60, ...vector(Array.from({ length: params }, () => [I32])), 0x00];
  const declared = [[...uleb(locals), I32], ...(vectorLocals > 0 ? [[...uleb(vectorLocals), V128]] : [])];
  const code = [...vector(declared), ...body, ...op.end];
  return new Uint8Array([
    ...[0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00],
    ...section(1, vector([type])),
    ...section(2, vector([[...name("env"), ...name("memory"), 0x02, 0x00, ...uleb(1)]])),
    ...section(3, vector([uleb(0)])),
    ...section(7, vector([[...name(exportName), 0x00, ...uleb(0)]])),
    ...section(10, vector([[...uleb(code.length), ...code]])),
  ]);
}

/**
 * `for (v = start; v < limit; v += step) { body }` as a block/loop; `limit` and `start` are instruction sequences
 * (`limit` is evaluated on every pass).
 */
export function forLoop(
  v: number,
  limit: readonly number[],
  body: readonly number[],
  step = 1,
  start: readonly number[] = op.const(0),
): number[] {
  return [
    ...start,
    ...op.set(v),
    ...op.block,
    ...op.loop,
    ...op.get(v),
    ...limit,
    ...op.geU,
    ...op.brIf(1),
    ...body,
    ...op.get(v),
    ...op.const(step),
    ...op.add,
    ...op.set(v),
    ...op.br(0),
    ...op.end,
    ...op.end,
  ];
}

/** The parts of the WebAssembly JavaScript API used here (Node has them; the type libraries in use do not declare them). */
export interface WasmApi {
  Module: new (bytes: Uint8Array) => object;
  Instance: new (module: object, imports: object) => { exports: Record<string, unknown> };
  Memory: new (descriptor: { initial: number }) => { buffer: ArrayBuffer };
}
export const WASM = (globalThis as unknown as { WebAssembly?: WasmApi }).WebAssembly;

/** A kernel's compiled module (immutable, shared by every call in this thread), or null where WebAssembly or its SIMD is missing. */
export function compileKernel(bytes: () => Uint8Array): object | null {
  try {
    return WASM ? new WASM.Module(bytes()) : null;
  } catch {
    return null;
  }
}
