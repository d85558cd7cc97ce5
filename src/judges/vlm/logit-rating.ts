import type { ChatChoice } from "../../contract/backend.js";
import { JudgeOutputParseError } from "../../errors/judge-output-parse-error.js";
import { expectedDigit, massShortfall } from "./token-probabilities.js";
import { type CandidateOutcome, round, scoredVerdict } from "./vlm-result.js";

/** The rating a reply's first token gives, or an abstention when the digits 0–5 hold too little of it. */
export function readRating(
  choice: ChatChoice | undefined,
  minMass: number,
  decidedBy: string,
): CandidateOutcome {
  const rawText = choice?.text ?? "";
  const d = expectedDigit(choice, 5);
  if (!d) {
    throw new JudgeOutputParseError(
      "the reply carries no logprobs, so the digit probabilities cannot be read; serve the model with logprobs on",
      rawText,
    );
  }
  const measurements = { digitMass: round(d.mass), minProbabilityMass: minMass };
  const shortfall = massShortfall(d.mass, minMass, "the digits 0–5");
  if (shortfall !== null || d.expected === null) {
    const reason = shortfall ?? "no digit 0–5 among the first token's top_logprobs";
    return {
      reward: null,
      rewardReason: reason,
      dimensions: { instructionFollowing: null, preservation: null, quality: null },
      verdicts: [
        {
          principleId: "follow-1",
          status: "abstain",
          score: null,
          reason,
          evidence: {
            summary: reason,
            measurements,
            decidedBy,
            details: { rawText, firstToken: d.firstToken },
          },
        },
      ],
    };
  }
  const reward = round(d.expected / 5);
  const verdict = scoredVerdict(
    "follow-1",
    reward,
    `expected rating ${d.expected.toFixed(3)}/5 from the first token's digit probabilities (digit mass ${(d.mass * 100).toFixed(1)} %)`,
    decidedBy,
    { expectedRating: d.expected, ...measurements, digitProbs: d.probs.map(round) },
    { rawText, firstToken: d.firstToken },
  );
  return {
    reward,
    dimensions: { instructionFollowing: reward, preservation: null, quality: null },
    verdicts: [verdict],
  };
}
