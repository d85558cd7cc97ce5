import { describe, expect, it } from "vitest";
import type { BenchDataset, BenchItem, JudgePrediction } from "./bench-item.js";
import { evaluateJudge } from "./evaluate-judge.js";
import { parseRanking } from "./formats/parse-ranking.js";

const comparison = (id: string, ranking: string, letters: string[]): BenchItem => {
  const human = parseRanking(ranking, letters);
  if (!human) throw new Error(ranking);
  return {
    id,
    category: "3pair",
    instruction: "x",
    candidateNames: letters,
    human,
    groupId: id.split("_")[0] as string,
  };
};

describe("evaluateJudge", () => {
  it("judges EditReward-Bench 2-pair human ties with EditReward's tuned ε (a named metric)", () => {
    const two = (id: string, ranking: string): BenchItem => {
      const human = parseRanking(ranking);
      if (!human) throw new Error(ranking);
      return { id, category: "2pair", instruction: "x", candidateNames: ["A", "B"], human };
    };
    const items = [two("t1", "A=B=Good"), two("t2", "A=B=Bad"), two("p1", "A>B"), two("p2", "B>A")];
    const s = (a: number, b: number): JudgePrediction => ({ kind: "scores", scores: [a, b] });
    // |Δ|: ties 0.05 and 0.1, preferences 0.3 (right) and 0.02 (right sign, but inside any ε ≥ 0.05).
    const predictions = new Map<string, JudgePrediction>([
      ["t1", s(0.5, 0.55)],
      ["t2", s(0.3, 0.2)],
      ["p1", s(0.8, 0.5)],
      ["p2", s(0.5, 0.52)],
    ]);
    const dataset: BenchDataset = {
      format: "editreward-bench",
      primaryMetric: "group-accuracy",
      items,
      stored: {},
    };
    const { report } = evaluateJudge(dataset, predictions, { judge: "t", source: "stored", iterations: 10 });
    // Pairwise with ties: ε = 0 → 2/4; ε = 0.02 → 1/4; ε = 0.05 → 2/4; ε = 0.1 → 3/4 (t1, t2, p1); ε = 0.3 → 2/4.
    // Strict 2-pair: ties within ε = 0.1 right, preferences by sign → all four right.
    const tuned = report.metrics["group-accuracy-2pair-tuned-tie"];
    expect(tuned).toMatchObject({
      convention: "editreward-2pair-tuned-epsilon",
      n: 4,
      correct: 4,
      accuracy: 1,
    });
    expect(tuned?.epsilon).toBeCloseTo(0.1, 9);
    expect(report.metrics["group-accuracy"]?.["K=2"]).toMatchObject({ correct: 2 });
  });

  it("scores per-comparison rows as whole K-way groups", () => {
    const items = [
      comparison("g1_AvsB", "A>B", ["A", "B"]),
      comparison("g1_AvsC", "A>C", ["A", "C"]),
      comparison("g1_BvsC", "B>C", ["B", "C"]),
      comparison("g2_AvsB", "B>A", ["A", "B"]),
      comparison("g2_AvsC", "C>A", ["A", "C"]),
      comparison("g2_BvsC", "B>C", ["B", "C"]),
    ];
    const s = (a: number, b: number): JudgePrediction => ({ kind: "scores", scores: [a, b] });
    const predictions = new Map<string, JudgePrediction>([
      ["g1_AvsB", s(0.9, 0.5)],
      ["g1_AvsC", s(0.9, 0.1)],
      ["g1_BvsC", s(0.2, 0.3)], // wrong → g1 fails
      ["g2_AvsB", s(0.1, 0.8)],
      ["g2_AvsC", s(0.1, 0.4)],
      ["g2_BvsC", s(0.8, 0.4)],
    ]);
    const dataset: BenchDataset = { format: "test", primaryMetric: "group-accuracy", items, stored: {} };
    const { report } = evaluateJudge(dataset, predictions, { judge: "t", source: "stored", iterations: 100 });
    expect(report.primary).toMatchObject({ metric: "group-accuracy", value: 0.5 });
    expect(report.metrics["group-accuracy"]).toEqual({ "K=3": { n: 2, correct: 1, accuracy: 0.5 } });
    expect(report.metrics["pairwise-strict"]).toMatchObject({ n: 6, correct: 5 });
    expect(report.byCategory["3pair"]).toMatchObject({ n: 6, accuracy: 0.5, ties: 0, abstained: 0 });
  });

  it("reports ties and abstentions under the strict convention, with reproducible intervals", () => {
    const pair = (id: string): BenchItem => ({
      id,
      category: id.startsWith("a") ? "a" : "b",
      instruction: "x",
      candidateNames: ["A", "B"],
      human: { kind: "ranking", tiers: [[0], [1]] },
    });
    const items = ["a1", "a2", "b1", "b2"].map(pair);
    const predictions = new Map<string, JudgePrediction>([
      ["a1", { kind: "scores", scores: [0.8, 0.3] }],
      ["a2", { kind: "scores", scores: [0.5, 0.5] }],
      ["b1", { kind: "scores", scores: [null, 0.3] }],
      // b2 missing: an abstention
    ]);
    const dataset: BenchDataset = { format: "test", primaryMetric: "pairwise-strict", items, stored: {} };
    const a = evaluateJudge(dataset, predictions, { judge: "t", source: "stored", seed: 3 }).report;
    const b = evaluateJudge(dataset, predictions, { judge: "t", source: "stored", seed: 3 }).report;
    expect(a).toMatchObject({ n: 4, accuracy: 0.25, ties: 1, abstained: 2, abstentionRate: 0.5 });
    expect(a.byCategory.a).toMatchObject({ n: 2, accuracy: 0.5, ties: 1, abstained: 0 });
    expect(a.metrics["pairwise-ties-excluded"]).toMatchObject({ n: 1, correct: 1 });
    expect(a.primary.ci95).toEqual(b.primary.ci95);
    expect(a.metrics["vote4-exact-match"]).toMatchObject({ n: 4, correct: 1, tieThreshold: 0 });
  });
});
