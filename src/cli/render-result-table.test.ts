import { describe, expect, it } from "vitest";
import type { CandidateResult, JudgeResult } from "../contract/result.js";
import { renderResultTable } from "./render-result-table.js";

const candidate = (index: number, name: string, reward: number | null): CandidateResult => ({
  index,
  name,
  reward,
  ...(reward === null ? { rewardReason: "every principle abstained" } : {}),
  dimensions: { instructionFollowing: reward, preservation: reward, quality: reward },
  verdicts: [],
});

describe("renderResultTable", () => {
  it("ranks only the candidates with a reward; one without is listed as not ranked", () => {
    const result = {
      contractVersion: "1",
      judge: { id: "checks", version: "test" },
      instruction: "make it brighter",
      principles: [],
      candidates: [
        candidate(0, "abstained.png", null),
        candidate(1, "good.png", 0.8),
        candidate(2, "weak.png", 0.3),
      ],
      ranking: [1, 2, 0],
      notes: [],
    } as unknown as JudgeResult;
    const text = renderResultTable(result);
    expect(text).toMatch(/Candidate 1: abstained\.png\s+reward\s+—\s+rank -/);
    expect(text).toMatch(/Candidate 2: good\.png\s+reward 0\.8\d*\s+rank 1/);
    expect(text).toMatch(
      /Ranking: 1\. good\.png \(0\.8\d*\)\s+2\. weak\.png \(0\.3\d*\)\s+not ranked \(no reward\): abstained\.png\n/,
    );
  });
});
