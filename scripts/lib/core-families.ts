/** The families both development benchmarks generate (the ImageMagick one adds its own new ones after them). */

/** Families the checks judge documents today (docs/checks.md). */
export const CORE_FAMILIES = [
  "brightness-up",
  "brightness-down",
  "contrast-up",
  "contrast-down",
  "saturation-up",
  "saturation-down",
  "grayscale",
  "sepia",
  "warmer",
  "cooler",
  "invert",
  "rotate",
  "flip",
  "crop",
  "border",
  "blur",
  "sharpen",
  "noise",
  "pixelate",
  "resize",
  "region",
] as const;
