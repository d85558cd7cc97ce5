import { describe, expect, it } from "vitest";
import { groupAdvantages } from "./grpo-advantage.js";

const rule = { minStd: 0.05, maxMean: 0.9 };

describe("groupAdvantages", () => {
  it("normalises rewards within the group", () => {
    const g = groupAdvantages([0.2, 0.4, 0.6, 0.8], rule, 1e-6);
    expect(g.mean).toBeCloseTo(0.5);
    expect(g.std).toBeCloseTo(Math.sqrt(0.05));
    expect(g.advantages[0]).toBeCloseTo(-0.3 / Math.sqrt(0.05), 4);
    expect(g.keep).toBe(true);
  });

  it("ignores null rewards and gives them a null advantage", () => {
    const g = groupAdvantages([0.2, null, 0.8], rule, 1e-6);
    expect(g.scored).toBe(2);
    expect(g.mean).toBeCloseTo(0.5);
    expect(g.advantages[1]).toBeNull();
    expect(g.advantages[0]).toBeCloseTo(-1, 4);
  });

  it("drops low-variance and saturated groups", () => {
    expect(groupAdvantages([0.5, 0.52, 0.51], rule, 1e-6).keep).toBe(false);
    expect(groupAdvantages([0.85, 1, 1, 1], rule, 1e-6).keep).toBe(false);
    expect(groupAdvantages([0.5, 0.52, 0.51], { minStd: 0.001, maxMean: 0.9 }, 1e-6).keep).toBe(true);
  });

  it("keeps nothing when every reward is null or only one is known", () => {
    expect(groupAdvantages([null, null], rule, 1e-6)).toMatchObject({ mean: null, std: null, keep: false });
    const one = groupAdvantages([null, 0.7], rule, 1e-6);
    expect(one.advantages).toEqual([null, 0]);
    expect(one.keep).toBe(false);
  });
});
