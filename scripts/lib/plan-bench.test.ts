import { describe, expect, it } from "vitest";
import { FAMILIES, type PhotoInfo } from "./case-plan.js";
import type { PhrasingSet } from "./phrasing-types.js";
import { DEV_PHRASINGS } from "./phrasings-dev.js";
import { HOLDOUT_PHRASINGS } from "./phrasings-holdout.js";
import { planBench } from "./plan-bench.js";

const PHOTOS: PhotoInfo[] = [
  { name: "land1", width: 768, height: 512 },
  { name: "land2", width: 768, height: 512 },
  { name: "port", width: 512, height: 768 },
  { name: "square", width: 512, height: 512 },
];

const plan = (split: "dev" | "holdout", seed = 1) =>
  planBench({ split, seed, photos: PHOTOS, cases: 6, regionCases: 12, families: FAMILIES });

function allTemplates(set: PhrasingSet): string[] {
  return [
    ...Object.values(set.plain).flat(),
    ...set.rotate.templates,
    ...set.flip.templates,
    ...set.crop.templates,
    ...set.border.templates,
    ...set.resize.templates,
    ...set.region.templates,
  ];
}

describe("planBench", () => {
  it("is deterministic for a seed and changes with it", () => {
    expect(JSON.stringify(plan("dev"))).toBe(JSON.stringify(plan("dev")));
    expect(JSON.stringify(plan("dev", 2))).not.toBe(JSON.stringify(plan("dev")));
  });

  it("covers every family with the shared distractors and puts the correct edit on both sides", () => {
    const { cases, pairs } = plan("dev");
    expect(new Set(cases.map((c) => c.family))).toEqual(new Set(FAMILIES));
    for (const c of cases) {
      const kinds = c.distractors.map((d) => d.kind);
      expect(kinds).toEqual(expect.arrayContaining(["wrong-op", "no-op", "over-edit", "jpeg"]));
      expect(c.instruction.length).toBeGreaterThan(3);
      expect(c.instruction).not.toMatch(/[{}]|\s{2}/);
    }
    const left = pairs.filter((p) => p.correctSide === 0).length;
    expect(left / pairs.length).toBeGreaterThan(0.35);
    expect(left / pairs.length).toBeLessThan(0.65);
  });

  it("gives regional cases a wrong-region and a global distractor", () => {
    for (const c of plan("dev").cases.filter((x) => x.family === "region")) {
      expect(c.distractors.map((d) => d.kind)).toEqual(expect.arrayContaining(["wrong-region", "global"]));
    }
  });

  it("never crops a square photo to a square", () => {
    for (const c of plan("dev").cases.filter((x) => x.family === "crop" && x.photo === "square")) {
      expect(c.correct).not.toMatchObject({ op: "crop", rect: { x0: 0, y0: 0, x1: 1, y1: 1 } });
    }
  });
});

describe("phrasing tables", () => {
  it("have at least five templates per family in each split", () => {
    for (const set of [DEV_PHRASINGS, HOLDOUT_PHRASINGS]) {
      for (const templates of Object.values(set.plain)) expect(templates.length).toBeGreaterThanOrEqual(5);
      for (const t of [set.rotate, set.flip, set.crop, set.border, set.resize, set.region])
        expect(t.templates.length).toBeGreaterThanOrEqual(5);
    }
  });

  it("share no template between the dev and holdout splits", () => {
    const dev = new Set(allTemplates(DEV_PHRASINGS).map((t) => t.toLowerCase()));
    expect(allTemplates(HOLDOUT_PHRASINGS).filter((t) => dev.has(t.toLowerCase()))).toEqual([]);
  });

  it("use different instructions in the holdout split", () => {
    const dev = new Set(plan("dev").cases.map((c) => c.instruction));
    const holdout = plan("holdout").cases.map((c) => c.instruction);
    expect(holdout.filter((i) => dev.has(i))).toEqual([]);
  });
});
