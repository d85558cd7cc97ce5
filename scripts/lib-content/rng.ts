export { seededRandom as makeRng } from "../../src/test-helpers/seeded-random.js";

export function pick<T>(rng: () => number, items: readonly T[]): T {
  return items[Math.floor(rng() * items.length)] as T;
}
