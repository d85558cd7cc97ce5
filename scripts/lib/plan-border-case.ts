import type { FamilyDraw, PlanContext } from "./case-plan.js";
import type { Rgb } from "./edit-spec.js";
import { fillTemplate, phrase } from "./fill-template.js";
import { EXTREMES } from "./magnitudes.js";

/** A border added around the image (it grows), in a named colour. */
export function planBorderCase(ctx: PlanContext): FamilyDraw {
  const { rng, photo, mags } = ctx;
  const colours = Object.entries(mags.borderColors) as Array<[string, Rgb]>;
  const [colorName, color] = rng.pick(colours);
  const shortSide = Math.min(photo.width, photo.height);
  const fraction = rng.uniform(mags.border[0], mags.border[1]);
  const width = Math.max(3, Math.round(fraction * shortSide));
  const table = ctx.phrasings.border;
  const widthWords = [""];
  if (fraction < 0.04) widthWords.push(...table.thin);
  if (fraction > 0.055) widthWords.push(...table.thick);
  // fillTemplate trims, so the separating space is added back.
  widthWords.push(`${fillTemplate(table.pixels, { px: String(width) }) ?? ""} `);
  const instruction = phrase(rng, table.templates, { color: colorName, width: rng.pick(widthWords) });
  const others = colours.filter(
    ([name, rgb]) => name !== colorName && rgb.some((v, i) => Math.abs(v - (color[i] as number)) > 60),
  );
  const [, wrongColor] = rng.pick(others);
  const extremeWidth = Math.round(rng.uniform(EXTREMES.border[0], EXTREMES.border[1]) * shortSide);
  return {
    instruction,
    correct: { op: "border", color, width },
    distractors: [
      { kind: "wrong-colour", spec: { op: "border", color: wrongColor, width } },
      // The frame painted over the photo's edges instead of added around it.
      { kind: "inset", spec: { op: "inset-frame", color, width } },
      {
        kind: "wrong-op",
        spec: rng.pick([
          { op: "crop", rect: { x0: 0.08, y0: 0.08, x1: 0.92, y1: 0.92 } },
          { op: "brightness", method: "gamma", amount: rng.uniform(mags.brightness[0], mags.brightness[1]) },
        ] as const),
      },
      { kind: "extreme", spec: { op: "border", color, width: extremeWidth } },
    ],
    globalChange: "cast",
    smearStyles: ["blur", "flat"],
  };
}
