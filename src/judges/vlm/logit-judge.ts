import type { PreparedCase } from "../../contract/edit-case.js";
import type { JudgeRunOptions } from "../../contract/judge.js";
import type { Principle } from "../../contract/principle.js";
import type { JudgeResult } from "../../contract/result.js";
import { ConfigError } from "../../errors/config-error.js";
import { logitMessages } from "./logit-prompt.js";
import { readRating } from "./logit-rating.js";
import { VlmJudge } from "./vlm-judge.js";
import { buildResult, judgeCandidates } from "./vlm-result.js";

const PRINCIPLES: Principle[] = [
  {
    id: "follow-1",
    kind: "follow",
    origin: "vlm",
    text: "the edit carries out the instruction, keeps the rest, looks natural (0–5)",
  },
];

/**
 * Logit scoring (UniWorld-V2 / Edit-R1): "rate 0–5, answer with the number"; reward = Σ p(d)·d / 5 over the digit
 * tokens 0–5 among the first generated token's top_logprobs, normalised over their mass (the original takes a
 * softmax over the six digit logits at that position). Abstains when the digits hold less than
 * `minProbabilityMass` of that token's probability. Needs logprobs.
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
      return readRating(reply.choices[0], rt.config.minProbabilityMass, this.id);
    });
    return buildResult(this, edit, PRINCIPLES, candidates, caps.notes, { capabilities: caps });
  }
}
