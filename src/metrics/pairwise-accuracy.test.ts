import { describe, expect, it } from "vitest";
import { bootstrapCi } from "./bootstrap-ci.js";
import { exactMatchAccuracy } from "./exact-match.js";
import { groupAccuracy, groupCorrect, rankingPairs } from "./group-accuracy.js";
import type { PairJudgment } from "./pair-judgment.js";
import { pairwiseHumanTiesExcluded, pairwiseStrict, pairwiseTiesExcluded } from "./pairwise-accuracy.js";
import { seededRng } from "./seeded-rng.js";
import { accuracyWithTunedTies } from "./tie-threshold-accuracy.js";

const pairs: PairJudgment[] = [
  { human: 1, margin: 0.5 }, // right
  { human: 1, margin: 0.1 }, // right
  { human: 0, margin: 0.05 }, // human tie, model prefers
  { human: -1, margin: -0.3 }, // right
  { human: 0, margin: 0.2 }, // human tie, model prefers
  { human: 1, margin: 0 }, // model tie
  { human: -1, margin: null }, // abstained
];

describe("pairwise conventions (hand-computed)", () => {
  it("strict: model ties, abstentions and unmatched human ties are wrong", () => {
    expect(pairwiseStrict(pairs)).toMatchObject({ n: 7, correct: 3 });
    expect(pairwiseStrict([{ human: 0, margin: 0 }]).correct).toBe(1);
  });

  it("ties excluded: drops human ties, model ties and abstentions", () => {
    expect(pairwiseTiesExcluded(pairs)).toMatchObject({ n: 3, correct: 3, accuracy: 1 });
  });

  it("human ties excluded: model ties and abstentions stay wrong (C / (C + D + Tm))", () => {
    expect(pairwiseHumanTiesExcluded(pairs)).toMatchObject({ n: 5, correct: 3, accuracy: 0.6 });
  });

  it("tunes the tie threshold and reports it", () => {
    // ε<0: 3 right. ε=0: model tie on a preference stays wrong → 3. ε=0.05: +1 human tie → 4.
    // ε=0.1: loses pair 2 → 3. ε=0.2: +1 → 4. ε=0.3: → 3. Smallest ε at the maximum is 0.05.
    const r = accuracyWithTunedTies(pairs);
    expect(r).toMatchObject({ n: 7, correct: 4, threshold: 0.05 });
    expect(r.accuracy).toBeCloseTo(4 / 7, 12);
    expect(accuracyWithTunedTies([{ human: 1, margin: 1 }]).threshold).toBeNull();
  });
});

describe("group accuracy", () => {
  it("lists every implied pair", () => {
    expect(rankingPairs([[0], [1], [2], [3]])).toHaveLength(6);
    expect(rankingPairs([[0, 1]])).toEqual([[0, 1, 0]]);
  });

  it("counts a group only if all of its pairs are right", () => {
    const tiers = [[2], [0], [1]]; // C > A > B
    expect(groupCorrect({ tiers, scores: [0.5, 0.2, 0.9] })).toBe(true);
    expect(groupCorrect({ tiers, scores: [0.5, 0.6, 0.9] })).toBe(false);
    expect(groupCorrect({ tiers, scores: [0.5, 0.2, null] })).toBe(false);
    expect(groupCorrect({ tiers: [[0, 1]], scores: [0.3, 0.3] })).toBe(true);
    expect(
      groupAccuracy([
        { tiers, scores: [0.5, 0.2, 0.9] },
        { tiers, scores: [0.5, 0.2, 0.4] },
      ]),
    ).toEqual({ n: 2, correct: 1, accuracy: 0.5 });
  });
});

describe("exact match and bootstrap", () => {
  it("counts null predictions wrong and as abstained", () => {
    expect(
      exactMatchAccuracy([
        { human: "A>B", predicted: "A>B" },
        { human: "B>A", predicted: null },
        { human: "A=B=Bad", predicted: "A=B=Good" },
        { human: "A=B=Bad", predicted: "A=B=Bad" },
      ]),
    ).toEqual({ n: 4, correct: 2, abstained: 1, accuracy: 0.5 });
  });

  it("is reproducible with a seeded RNG and brackets the statistic", () => {
    const data = Array.from({ length: 50 }, (_, i) => (i % 3 === 0 ? 1 : 0));
    const mean = (s: readonly number[]) => s.reduce((a, b) => a + b, 0) / s.length;
    const a = bootstrapCi(data, mean, { rng: seededRng(7), iterations: 500 });
    const b = bootstrapCi(data, mean, { rng: seededRng(7), iterations: 500 });
    expect(a).toEqual(b);
    expect(a?.low).toBeLessThan(mean(data));
    expect(a?.high).toBeGreaterThan(mean(data));
    expect(bootstrapCi([], mean, { rng: seededRng(1) })).toBeNull();
  });
});
