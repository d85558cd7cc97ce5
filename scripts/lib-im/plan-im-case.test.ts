import { describe, expect, it } from "vitest";
import { createInstructionParser } from "../../src/instruction/instruction-parser.js";
import { hashString } from "../lib/hash-string.js";
import { createRng } from "../lib/rng.js";
import { drawDelivery } from "./deliveries.js";
import { CORE_FAMILIES, planImCase } from "./plan-im-case.js";

const OP: Record<(typeof CORE_FAMILIES)[number], string> = {
  "brightness-up": "brightness",
  "brightness-down": "brightness",
  "contrast-up": "contrast",
  "contrast-down": "contrast",
  "saturation-up": "saturation",
  "saturation-down": "saturation",
  grayscale: "grayscale",
  sepia: "sepia",
  warmer: "temperature",
  cooler: "temperature",
  invert: "invert",
  rotate: "rotate",
  flip: "flip",
  crop: "crop",
  border: "border",
  blur: "blur",
  sharpen: "sharpen",
  noise: "noise",
  pixelate: "pixelate",
  resize: "resize",
  region: "",
};

const parser = createInstructionParser();

describe("ImageMagick benchmark plans", () => {
  it("draws the same case for the same seed", () => {
    const plan = (seed: number) =>
      planImCase("sepia", { rng: createRng(hashString(`${seed}:x`)), width: 768, height: 512 });
    expect(JSON.stringify(plan(3))).toBe(JSON.stringify(plan(3)));
  });

  it.each(CORE_FAMILIES)("phrases %s so the parser reads the family's edit", (family) => {
    for (let i = 0; i < 12; i++) {
      const c = planImCase(family, {
        rng: createRng(hashString(`t:${family}:${i}`)),
        width: 768,
        height: 512,
      });
      const follows = parser.parse(c.instruction).filter((p) => p.kind === "follow");
      expect(follows.length, c.instruction).toBe(1);
      const op = follows[0]?.op?.op;
      if (family === "region") expect(follows[0]?.region, c.instruction).toBeDefined();
      else expect(op, c.instruction).toBe(OP[family]);
      expect(c.distractors.some((d) => d.kind === "no-op")).toBe(true);
    }
  });

  it("delivers JPEG at quality 90–92 and upscales by about a third", () => {
    const rng = createRng(7);
    const j = drawDelivery("upscale+jpeg", rng);
    expect(j.jpegQuality).toBeGreaterThanOrEqual(90);
    expect(j.jpegQuality).toBeLessThanOrEqual(92);
    const pct = Number(j.args[j.args.indexOf("-resize") + 1]?.replace("%", ""));
    expect(pct).toBeGreaterThanOrEqual(128);
    expect(pct).toBeLessThanOrEqual(138);
    expect(drawDelivery("none", rng)).toMatchObject({ args: [], jpegQuality: null });
  });
});
