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
