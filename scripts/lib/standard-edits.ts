import type { PlanContext } from "./case-plan.js";
import { chain, type EditSpec } from "./edit-spec.js";
import { EXTREMES, type Range } from "./magnitudes.js";
import type { PlainFamily } from "./phrasing-types.js";

const u = (ctx: PlanContext, range: Range): number => ctx.rng.uniform(range[0], range[1]);

/** A realistic, randomised edit of a parameter-free family. */
export function standardEdit(family: PlainFamily, ctx: PlanContext): EditSpec {
  const { rng, mags, scale } = ctx;
  switch (family) {
    case "brightness-up":
    case "brightness-down":
      return {
        op: "brightness",
        method: rng.pick(["gamma", "knee"] as const),
        amount: (family === "brightness-up" ? 1 : -1) * u(ctx, mags.brightness),
      };
    case "contrast-up":
    case "contrast-down":
      return {
        op: "contrast",
        method: rng.pick(["lab", "rgb"] as const),
        factor: u(ctx, family === "contrast-up" ? mags.contrastUp : mags.contrastDown),
      };
    case "saturation-up":
    case "saturation-down":
      return {
        op: "saturation",
        method: rng.pick(["lch", "rgb"] as const),
        factor: u(ctx, family === "saturation-up" ? mags.saturationUp : mags.saturationDown),
      };
    case "grayscale":
      return { op: "grayscale", method: rng.pick(["lab", "luma"] as const) };
    case "sepia":
      return { op: "sepia", method: rng.pick(["matrix", "tint"] as const), strength: u(ctx, mags.sepia) };
    case "warmer":
    case "cooler":
      return {
        op: "temperature",
        method: rng.pick(["gains", "lab"] as const),
        amount: (family === "warmer" ? 1 : -1) * u(ctx, mags.temperature),
      };
    case "invert":
      return { op: "invert" };
    case "blur":
      return { op: "blur", sigma: u(ctx, mags.blur) * scale };
    case "sharpen":
      return { op: "sharpen", sigma: u(ctx, mags.sharpenSigma) * scale, amount: u(ctx, mags.sharpenAmount) };
    case "noise":
      return { op: "noise", sigma: u(ctx, mags.noise), mono: rng.next() < 0.4, seed: rng.seed() };
    case "pixelate":
      return { op: "pixelate", block: Math.round(u(ctx, mags.pixelBlock) * scale) };
  }
}

/** The family asking for the reverse change, where there is one. */
export const OPPOSITE: Partial<Record<PlainFamily, PlainFamily>> = {
  "brightness-up": "brightness-down",
  "brightness-down": "brightness-up",
  "contrast-up": "contrast-down",
  "contrast-down": "contrast-up",
  "saturation-up": "saturation-down",
  "saturation-down": "saturation-up",
  grayscale: "saturation-up",
  warmer: "cooler",
  cooler: "warmer",
  blur: "sharpen",
  sharpen: "blur",
};

/** Plausible wrong operations: another family's edit a confused editor might apply. */
export const CONFUSERS: Record<PlainFamily, readonly PlainFamily[]> = {
  "brightness-up": ["contrast-up", "saturation-up", "warmer", "sharpen"],
  "brightness-down": ["contrast-down", "saturation-down", "cooler", "blur"],
  "contrast-up": ["brightness-up", "saturation-up", "sharpen", "brightness-down"],
  "contrast-down": ["brightness-down", "saturation-down", "blur", "brightness-up"],
  "saturation-up": ["contrast-up", "warmer", "brightness-up"],
  "saturation-down": ["brightness-down", "contrast-down", "cooler"],
  grayscale: ["sepia", "saturation-down", "contrast-down"],
  sepia: ["grayscale", "warmer", "saturation-down"],
  warmer: ["sepia", "saturation-up", "brightness-up"],
  cooler: ["saturation-down", "brightness-down", "contrast-down"],
  invert: ["grayscale", "saturation-up", "contrast-up"],
  blur: ["pixelate", "noise", "contrast-down"],
  sharpen: ["contrast-up", "noise", "saturation-up"],
  noise: ["blur", "sharpen", "pixelate"],
  pixelate: ["blur", "noise", "sharpen"],
};

/** An over-processed version of the family's edit, or null where that is not meaningful. */
export function extremeEdit(family: PlainFamily, ctx: PlanContext): EditSpec | null {
  const { scale } = ctx;
  switch (family) {
    case "brightness-up":
    case "brightness-down":
      return {
        op: "brightness",
        method: "shift",
        amount: (family === "brightness-up" ? 1 : -1) * u(ctx, EXTREMES.brightnessShift),
      };
    case "contrast-up":
      return { op: "contrast", method: "lab", factor: u(ctx, EXTREMES.contrastUp) };
    case "contrast-down":
      return { op: "contrast", method: "lab", factor: u(ctx, EXTREMES.contrastDown) };
    case "saturation-up":
      return { op: "saturation", method: "lch", factor: u(ctx, EXTREMES.saturationUp) };
    case "grayscale":
      return chain(
        { op: "grayscale", method: "lab" },
        { op: "contrast", method: "lab", factor: u(ctx, EXTREMES.contrastUp) },
      );
    case "sepia":
      return chain(
        { op: "sepia", method: "matrix", strength: 1 },
        { op: "saturation", method: "lch", factor: 3 },
      );
    case "warmer":
    case "cooler":
      return {
        op: "temperature",
        method: "gains",
        amount: (family === "warmer" ? 1 : -1) * u(ctx, EXTREMES.temperature),
      };
    case "blur":
      return { op: "blur", sigma: u(ctx, EXTREMES.blur) * scale };
    case "sharpen":
      return {
        op: "sharpen",
        sigma: u(ctx, EXTREMES.sharpenSigma) * scale,
        amount: u(ctx, EXTREMES.sharpenAmount),
      };
    case "noise":
      return { op: "noise", sigma: u(ctx, EXTREMES.noise), mono: false, seed: ctx.rng.seed() };
    case "pixelate":
      return { op: "pixelate", block: Math.round(u(ctx, EXTREMES.pixelBlock) * scale) };
    case "saturation-down":
    case "invert":
      return null;
  }
}
