/** A random source returning floats in [0, 1). Injected so bootstrap results are reproducible. */
export type Rng = () => number;

/** Mulberry32: a small, fast, seeded PRNG. Same seed, same sequence. */
export function seededRng(seed: number): Rng {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
