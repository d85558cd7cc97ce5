import type { Rng } from "./seeded-rng.js";

export interface ConfidenceInterval {
  low: number;
  high: number;
  /** Convention, e.g. "percentile bootstrap 95%, 1000 resamples". */
  method: string;
}

export interface BootstrapOptions {
  rng: Rng;
  /** Number of resamples; default 1000. */
  iterations?: number;
  /** Two-sided level; default 0.95. */
  level?: number;
}

/**
 * Percentile bootstrap: resample `items` with replacement, recompute `statistic`, take the
 * (1-level)/2 and 1-(1-level)/2 quantiles. Resamples whose statistic is NaN are skipped.
 * Returns null when there are no items or no finite resample.
 */
export function bootstrapCi<T>(
  items: readonly T[],
  statistic: (sample: readonly T[]) => number,
  options: BootstrapOptions,
): ConfidenceInterval | null {
  const iterations = options.iterations ?? 1000;
  const level = options.level ?? 0.95;
  const n = items.length;
  if (n === 0) return null;
  const stats: number[] = [];
  const sample: T[] = new Array(n);
  for (let it = 0; it < iterations; it++) {
    for (let i = 0; i < n; i++) sample[i] = items[Math.floor(options.rng() * n)] as T;
    const s = statistic(sample);
    if (Number.isFinite(s)) stats.push(s);
  }
  if (stats.length === 0) return null;
  stats.sort((a, b) => a - b);
  const q = (p: number) =>
    stats[Math.min(stats.length - 1, Math.max(0, Math.floor(p * stats.length)))] as number;
  const alpha = (1 - level) / 2;
  return {
    low: q(alpha),
    high: q(1 - alpha),
    method: `percentile bootstrap ${Math.round(level * 100)}%, ${iterations} resamples`,
  };
}
