export { seededRng as makeRng } from "../../src/metrics/seeded-rng.js";

export function pick<T>(rng: () => number, items: readonly T[]): T {
  return items[Math.floor(rng() * items.length)] as T;
}
