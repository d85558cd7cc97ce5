import { ConfigError } from "../errors/config-error.js";

/**
 * Refuses numeric settings that would make a run misbehave instead of failing: a min-reward that is not a finite
 * number, a batch size or concurrency below 1 (a concurrency of 0 would judge nothing), a shard outside 0 ≤ i < n.
 */
export function checkCurateOptions(options: {
  minReward: number;
  batchSize?: number;
  concurrency?: number;
  shard?: { index: number; count: number };
}): void {
  if (!Number.isFinite(options.minReward))
    throw new ConfigError("min-reward", `minReward ${options.minReward} must be a finite number, e.g. 0.6`);
  for (const [name, value] of [
    ["batch-size", options.batchSize],
    ["concurrency", options.concurrency],
  ] as const)
    if (value !== undefined && !(Number.isInteger(value) && value >= 1))
      throw new ConfigError(name, `${name} ${value} must be a positive integer`);
  const shard = options.shard;
  if (
    shard &&
    !(
      Number.isInteger(shard.index) &&
      Number.isInteger(shard.count) &&
      shard.index >= 0 &&
      shard.index < shard.count
    )
  )
    throw new ConfigError(
      "shard",
      `shard ${shard.index}/${shard.count} must be i/n with 0 ≤ i < n, e.g. 0/4`,
    );
}
