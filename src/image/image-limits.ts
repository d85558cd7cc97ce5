import { ConfigError } from "../errors/config-error.js";

export interface ImageLimits {
  /** Largest accepted image, in pixels (width × height). Default 40 MP. */
  maxPixels: number;
  /** Largest accepted encoded file, in bytes. Default 50 MiB. */
  maxFileBytes: number;
}

export const DEFAULT_IMAGE_LIMITS: ImageLimits = Object.freeze({
  maxPixels: 40_000_000,
  maxFileBytes: 50 * 1024 * 1024,
});

/**
 * A caller's limits completed with the defaults (a partial object keeps the defaults it does not name, so it never
 * turns a limit off) and checked: each must be a positive integer.
 */
export function imageLimits(given: Partial<ImageLimits> | undefined): ImageLimits {
  if (given === undefined) return DEFAULT_IMAGE_LIMITS;
  if (typeof given !== "object" || given === null)
    throw new ConfigError(
      "limits",
      `limits must be an object such as { maxPixels: 40000000 }, got ${String(given)}`,
    );
  const limits = { ...DEFAULT_IMAGE_LIMITS, ...given };
  for (const key of ["maxPixels", "maxFileBytes"] as const) {
    const value = limits[key];
    if (!Number.isInteger(value) || value < 1)
      throw new ConfigError(
        `limits.${key}`,
        `limits.${key} must be a positive integer, got ${String(value)}`,
      );
  }
  return limits;
}
