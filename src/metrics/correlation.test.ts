import { describe, expect, it } from "vitest";
import { kendallTauB, pearson, spearman } from "./correlation.js";
import { fisherZAverage } from "./fisher-z.js";
import { averageRanks } from "./ranks.js";

describe("ranks and correlations (hand-computed)", () => {
  it("gives tied values their mean rank", () => {
    expect(averageRanks([10, 20, 20, 30])).toEqual([1, 2.5, 2.5, 4]);
  });

  it("computes Pearson", () => {
    // dx = -1,0,1; dy = -4/3,-1/3,5/3; sxy = 3, sxx = 2, syy = 42/9
    expect(pearson([1, 2, 3], [1, 2, 4])).toBeCloseTo(3 / Math.sqrt(2 * (42 / 9)), 12);
    expect(pearson([1, 1, 1], [1, 2, 3])).toBeNaN();
  });

  it("computes Spearman on average ranks", () => {
    expect(spearman([1, 2, 3, 4], [10, 20, 30, 100])).toBeCloseTo(1, 12);
    // ranks x = 1,2,3 ; ranks y = 1.5,1.5,3 → Pearson of those
    expect(spearman([1, 2, 3], [5, 5, 9])).toBeCloseTo(pearson([1, 2, 3], [1.5, 1.5, 3]), 12);
  });

  it("computes Kendall tau-b with ties in both variables", () => {
    // C = 4, D = 0, n0 = 6, one tie in x, one in y → 4 / sqrt(5·5) = 0.8
    expect(kendallTauB([1, 2, 2, 3], [1, 2, 3, 3])).toBeCloseTo(0.8, 12);
    // C = 3, D = 2, ties in y = 1 → 1 / sqrt(6·5)
    expect(kendallTauB([1, 2, 3, 4], [1, 3, 2, 2])).toBeCloseTo(1 / Math.sqrt(30), 12);
  });

  it("averages correlations through Fisher z, not arithmetically", () => {
    // tanh((atanh 0.5 + atanh 0.9) / 2) = tanh(1.010763) = (e^2.021525 − 1)/(e^2.021525 + 1) = 0.766077
    expect(fisherZAverage([0.5, 0.9])).toBeCloseTo(0.766077, 5);
    expect(fisherZAverage([0.5, 0.9])).not.toBeCloseTo(0.7, 2);
    expect(fisherZAverage([0.3, Number.NaN])).toBeCloseTo(0.3, 12);
    expect(fisherZAverage([])).toBeNaN();
  });
});
