import { describe, expect, it } from "vitest";
import type { Principle } from "../contract/principle.js";
import type { Verdict } from "../contract/verdict.js";
import { aggregateVerdicts, rankCandidates } from "./aggregate.js";

const principles: Principle[] = [
  { id: "follow-1", kind: "follow", text: "brighter", origin: "parser" },
  { id: "keep-1", kind: "keep", text: "content kept", origin: "parser" },
  { id: "quality-1", kind: "quality", text: "no artifacts", origin: "parser" },
];
const v = (principleId: string, score: number | null): Verdict => ({
  principleId,
  score,
  status: score === null ? "abstain" : score >= 0.5 ? "pass" : "fail",
  evidence: { summary: "", measurements: {}, decidedBy: "test" },
});

describe("aggregateVerdicts", () => {
  it("multiplies follow by the geometric mean of preservation and quality", () => {
    const a = aggregateVerdicts(principles, [v("follow-1", 0.9), v("keep-1", 0.64), v("quality-1", 1)]);
    expect(a.reward).toBeCloseTo(0.9 * 0.8, 6);
    expect(a.dimensions).toEqual({ instructionFollowing: 0.9, preservation: 0.64, quality: 1 });
  });

  it("lets a failed follow principle dominate a perfect preservation", () => {
    const a = aggregateVerdicts(principles, [v("follow-1", 0.2), v("keep-1", 1), v("quality-1", 1)]);
    expect(a.reward).toBeLessThan(0.5);
  });

  it("returns a null reward with a reason when follow abstains", () => {
    const a = aggregateVerdicts(principles, [v("follow-1", null), v("keep-1", 1), v("quality-1", 1)]);
    expect(a.reward).toBeNull();
    expect(a.rewardReason).toMatch(/abstained/);
  });

  it("leaves abstained keep and quality out instead of counting them as a pass", () => {
    const a = aggregateVerdicts(principles, [v("follow-1", 0.8), v("keep-1", null), v("quality-1", 0.25)]);
    expect(a.dimensions.preservation).toBeNull();
    expect(a.reward).toBeCloseTo(0.8 * 0.25, 6);
  });
});

describe("rankCandidates", () => {
  it("orders best first and puts nulls last in input order", () => {
    expect(rankCandidates([0.2, null, 0.9, null, 0.5])).toEqual([2, 4, 0, 1, 3]);
  });
});
