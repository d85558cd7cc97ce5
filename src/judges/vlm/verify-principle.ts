import type { BackendCapabilities } from "../../contract/backend.js";
import type { PreparedCase } from "../../contract/edit-case.js";
import type { Principle } from "../../contract/principle.js";
import type { Verdict } from "../../contract/verdict.js";
import { clip } from "./json-answer.js";
import { userMessage } from "./prompt-template.js";
import { massShortfall, yesProbability } from "./token-probabilities.js";
import { round, scoredVerdict } from "./vlm-result.js";
import type { VlmRuntime } from "./vlm-runtime.js";

/**
 * Verifies one principle on one candidate with a yes/no question. With logprobs the score is
 * P(yes) / (P(yes) + P(no)) over the first answer token's top_logprobs, and the verdict abstains when
 * P(yes) + P(no) is below `minProbabilityMass`; without logprobs, the answer text gives 1 (yes) or 0 (no).
 * Any other answer abstains, with the raw text in the evidence.
 */
export async function verifyPrinciple(
  rt: VlmRuntime,
  edit: PreparedCase,
  index: number,
  principle: Principle,
  caps: BackendCapabilities,
  decidedBy: string,
  signal?: AbortSignal,
): Promise<Verdict> {
  const candidate = edit.candidates[index];
  if (!candidate) throw new Error(`no candidate ${index}`);
  const [source, edited] = await Promise.all([rt.images.encode(edit.source), rt.images.encode(candidate)]);
  const template = rt.template("rubric-verify");
  const reply = await rt.backend.complete(
    {
      promptId: template.id,
      messages: userMessage(
        template,
        { instruction: edit.instruction, principle: principle.text },
        { source, candidate: edited },
      ),
      temperature: rt.config.temperature ?? 0,
      maxTokens: 4,
      ...(caps.logprobs ? { topLogprobs: rt.config.topLogprobs } : {}),
    },
    signal,
  );
  const choice = reply.choices[0];
  const raw = choice?.text ?? "";
  const details = { rawText: raw };
  const p = caps.logprobs ? yesProbability(choice) : null;
  if (p) {
    const shortfall = massShortfall(p.mass, rt.config.minProbabilityMass, "the tokens yes/no");
    const measurements = { yesNoMass: round(p.mass), minProbabilityMass: rt.config.minProbabilityMass };
    if (shortfall === null && p.pYes !== null) {
      return scoredVerdict(
        principle.id,
        p.pYes,
        `P(yes) = ${p.pYes.toFixed(3)} from the first token's top_logprobs (yes/no mass ${(p.mass * 100).toFixed(1)} %)`,
        decidedBy,
        { pYes: p.pYes, ...measurements },
        details,
      );
    }
    const reason = shortfall ?? "no yes/no token among the first token's top_logprobs";
    return {
      principleId: principle.id,
      status: "abstain",
      score: null,
      reason,
      evidence: {
        summary: reason,
        measurements,
        decidedBy,
        details: { ...details, firstToken: p.firstToken },
      },
    };
  }
  const word = raw
    .trim()
    .toLowerCase()
    .match(/^[a-z]+/)?.[0];
  if (word === "yes" || word === "no") {
    const how = caps.logprobs ? "the reply carried no logprobs; read the text" : "no logprobs; read the text";
    return scoredVerdict(
      principle.id,
      word === "yes" ? 1 : 0,
      `answered "${word}" (${how})`,
      decidedBy,
      {},
      details,
    );
  }
  const reason = choice?.refusal
    ? `the model refused: ${clip(choice.refusal)}`
    : `the answer was neither yes nor no: "${clip(raw)}"`;
  return {
    principleId: principle.id,
    status: "abstain",
    score: null,
    reason,
    evidence: { summary: reason, measurements: {}, decidedBy, details },
  };
}
