import type { PreparedCase } from "../../contract/edit-case.js";
import type { JudgeRunOptions } from "../../contract/judge.js";
import type { Principle } from "../../contract/principle.js";
import type { JudgeResult } from "../../contract/result.js";
import { ConfigError } from "../../errors/config-error.js";
import { JudgeOutputParseError } from "../../errors/judge-output-parse-error.js";
import { logitMessages } from "./logit-prompt.js";
import { expectedDigit } from "./token-probabilities.js";
import { VlmJudge } from "./vlm-judge.js";
import { buildResult, judgeCandidates, round, scoredVerdict } from "./vlm-result.js";

const PRINCIPLES: Principle[] = [
  {
    id: "follow-1",
    kind: "follow",
    origin: "vlm",
    text: "the edit carries out the instruction, keeps the rest, looks natural (0–5)",
  },
];

/**
 * Logit scoring (UniWorld-V2 / Edit-R1): "rate 0–5, answer with the number"; reward = Σ p(d)·d / 5
 * over the digit tokens 0–5 in top_logprobs (normalised over their mass). Needs logprobs.
 */
export class LogitJudge extends VlmJudge {
  readonly id = "logit";
  readonly version = "2.0.0";
  protected async judgeCase(edit: PreparedCase, options: JudgeRunOptions): Promise<JudgeResult> {
    const rt = this.rt;
    const caps = await rt.capabilities(options.signal);
    if (!caps.logprobs) {
      throw new ConfigError(
        "backend",
        `the logit judge needs token probabilities, but ${rt.backend.model} returns no top_logprobs; serve it with vLLM or SGLang (logprobs on), or use --judge viescore`,
      );
    }
    const source = await rt.images.encode(edit.source);
    const candidates = await judgeCandidates(edit, PRINCIPLES, this.id, options, async (index) => {
      const edited = await rt.images.encode(edit.candidates[index] ?? edit.source);
      const reply = await rt.backend.complete(
        {
          ...logitMessages(rt, edit, source, edited),
          temperature: rt.config.temperature ?? 0,
          maxTokens: 2,
          topLogprobs: rt.config.topLogprobs,
        },
        options.signal,
      );
      const choice = reply.choices[0];
      const d = expectedDigit(choice, 5);
      if (!d) {
        throw new JudgeOutputParseError(
          "no digit 0–5 among the reply's top_logprobs; the model did not answer with a number",
          choice?.text ?? "",
        );
      }
      const reward = round(d.expected / 5);
      const verdict = scoredVerdict(
        "follow-1",
        reward,
        `expected rating ${d.expected.toFixed(3)}/5 from digit probabilities`,
        this.id,
        { expectedRating: d.expected, digitMass: d.mass, digitProbs: d.probs.map(round) },
        { rawText: choice?.text ?? "" },
      );
      return {
        reward,
        dimensions: { instructionFollowing: reward, preservation: null, quality: null },
        verdicts: [verdict],
      };
    });
    return buildResult(this, edit, PRINCIPLES, candidates, caps.notes, { capabilities: caps });
  }
}
