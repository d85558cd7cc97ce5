import { describe, expect, it } from "vitest";
import { pairOutcome, summarizePairs } from "./pairwise-accuracy.js";

describe("pairOutcome", () => {
  it("needs the preferred reward to be strictly higher", () => {
    expect(pairOutcome(0, [0.8, 0.3])).toBe("correct");
    expect(pairOutcome(1, [0.8, 0.3])).toBe("wrong");
    expect(pairOutcome(0, [0.5, 0.5])).toBe("tie");
    expect(pairOutcome(1, [null, 0.3])).toBe("abstained");
  });
});

describe("summarizePairs", () => {
  it("counts ties and abstentions as wrong and splits by category", () => {
    const s = summarizePairs([
      { category: "a", outcome: "correct" },
      { category: "a", outcome: "tie" },
      { category: "b", outcome: "abstained" },
      { category: "b", outcome: "correct" },
    ]);
    expect(s).toMatchObject({ n: 4, correct: 2, accuracy: 0.5, ties: 1, abstained: 1 });
    expect(s.byCategory.a).toEqual({ n: 2, accuracy: 0.5, ties: 1, abstained: 0 });
  });
});
