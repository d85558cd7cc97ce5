import type { Rgb } from "./edit-spec.js";

export type Split = "dev" | "holdout";
export type Range = readonly [number, number];

/** Ranges the correct edits are drawn from. The holdout split uses different ranges on purpose. */
export interface MagnitudeTable {
  /** Mid-grey L* change of a brightness edit. */
  brightness: Range;
  contrastUp: Range;
  contrastDown: Range;
  saturationUp: Range;
  saturationDown: Range;
  sepia: Range;
  /** Relative red/blue gain change of a white-balance edit. */
  temperature: Range;
  /** Blur sigma, in pixels of a 768-pixel-wide photo (scaled with the photo). */
  blur: Range;
  sharpenAmount: Range;
  sharpenSigma: Range;
  noise: Range;
  /** Mosaic cell, in pixels of a 768-pixel-wide photo. */
  pixelBlock: Range;
  /** Border width as a fraction of the shorter side. */
  border: Range;
  /** Kept fraction of each side for "crop to the centre". */
  centreCrop: Range;
  /** Downscale factors (output = input × factor). */
  resizeFactors: readonly number[];
  borderColors: Readonly<Record<string, Rgb>>;
  /** Vignette strength (corner darkening, 0–1) and where the falloff starts (share of the half-diagonal). */
  vignette: Range;
  vignetteInner: Range;
  /** Corner brightening of "remove the vignette" (gain − 1 at the corners). */
  vignetteRemove: Range;
  posterizeLevels: readonly number[];
  /** |Hue rotation| in degrees. */
  hue: Range;
  /** |Tilt| in degrees. */
  tilt: Range;
}

export const MAGNITUDES: Readonly<Record<Split, MagnitudeTable>> = {
  dev: {
    brightness: [12, 26],
    contrastUp: [1.25, 1.55],
    contrastDown: [0.55, 0.78],
    saturationUp: [1.35, 1.8],
    saturationDown: [0.3, 0.62],
    sepia: [0.75, 1],
    temperature: [0.07, 0.14],
    blur: [1.6, 3.5],
    sharpenAmount: [0.8, 1.5],
    sharpenSigma: [0.8, 1.6],
    noise: [7, 14],
    pixelBlock: [9, 18],
    border: [0.025, 0.07],
    centreCrop: [0.5, 0.7],
    resizeFactors: [1 / 2, 1 / 3, 1 / 4],
    vignette: [0.3, 0.55],
    vignetteInner: [0.25, 0.45],
    vignetteRemove: [0.25, 0.5],
    posterizeLevels: [3, 4, 5, 6, 8],
    hue: [35, 150],
    tilt: [3, 15],
    borderColors: {
      white: [255, 255, 255],
      black: [0, 0, 0],
      red: [215, 30, 35],
      blue: [30, 70, 200],
      green: [40, 150, 60],
      yellow: [240, 210, 40],
      gray: [128, 128, 128],
    },
  },
  holdout: {
    brightness: [16, 32],
    contrastUp: [1.2, 1.7],
    contrastDown: [0.5, 0.82],
    saturationUp: [1.3, 2],
    saturationDown: [0.2, 0.68],
    sepia: [0.6, 0.95],
    temperature: [0.06, 0.17],
    blur: [1.3, 5],
    sharpenAmount: [0.6, 1.9],
    sharpenSigma: [0.7, 2],
    noise: [6, 18],
    pixelBlock: [7, 24],
    border: [0.02, 0.09],
    centreCrop: [0.45, 0.78],
    resizeFactors: [1 / 2, 1 / 4, 0.6],
    vignette: [0.25, 0.65],
    vignetteInner: [0.15, 0.5],
    vignetteRemove: [0.2, 0.6],
    posterizeLevels: [3, 4, 6, 7, 10],
    hue: [25, 170],
    tilt: [2, 20],
    borderColors: {
      orange: [245, 130, 20],
      purple: [120, 40, 160],
      pink: [240, 120, 170],
      brown: [120, 72, 40],
      grey: [128, 128, 128],
      navy: [20, 30, 100],
      white: [255, 255, 255],
      black: [0, 0, 0],
    },
  },
};

/** Over-processed magnitudes, the same for both splits. */
export const EXTREMES = {
  brightnessShift: [58, 75],
  contrastUp: [2.8, 3.6],
  contrastDown: [0.1, 0.2],
  saturationUp: [3.5, 5],
  temperature: [0.38, 0.5],
  blur: [22, 32],
  sharpenAmount: [5, 8],
  sharpenSigma: [2.5, 3.5],
  noise: [55, 75],
  pixelBlock: [56, 84],
  border: [0.24, 0.32],
} as const satisfies Record<string, Range>;
