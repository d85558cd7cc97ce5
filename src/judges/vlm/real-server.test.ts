import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { OpenAiChatClient } from "../../backends/openai-chat-client.js";
import {
  type LlamaServer,
  llamaServerMissing,
  startLlamaServer,
} from "../../backends/test-helpers/llama-server.js";
import type { PreparedCase } from "../../contract/edit-case.js";
import type { CandidateResult, JudgeResult } from "../../contract/result.js";
import { findJudge } from "../registry.js";
import { preparedCase } from "./test-helpers/judge-fixture.js";

/**
 * Every VLM judge end to end against a real llama.cpp llama-server serving a random-weight vision model
 * (../shared/llama-server). Its answers are garbage, so each candidate must end as an explicit error or
 * abstention with its reason, or as a score read from an answer that met the schema; a token-probability score
 * only where the label mass reached --min-probability-mass.
 */
const missing = llamaServerMissing();
if (missing) console.log(`skipping the real llama-server tests: ${missing}`);

const MIN_MASS = 0.5;

/** A candidate ends explicitly: a reward with no error, or a null reward with its reason. */
function expectExplicit(c: CandidateResult): void {
  if (c.reward === null) {
    const reason = c.error?.message ?? c.rewardReason ?? "";
    expect(reason.length, `candidate ${c.index} has a null reward without a reason`).toBeGreaterThan(0);
    expect(c.verdicts.every((v) => v.status === "abstain" || v.score !== null)).toBe(true);
  } else {
    expect(c.error).toBeUndefined();
    expect(Number.isFinite(c.reward)).toBe(true);
  }
}

/** Every token-probability verdict that scored rests on a label mass at or above the threshold. */
function expectMassBacked(result: JudgeResult, key: "digitMass" | "yesNoMass"): void {
  for (const c of result.candidates)
    for (const v of c.verdicts) {
      const mass = v.evidence.measurements[key];
      if (v.status !== "abstain" && typeof mass === "number") expect(mass).toBeGreaterThanOrEqual(MIN_MASS);
      if (v.status === "abstain") expect(v.reason ?? v.evidence.summary).toMatch(/\S/);
    }
}

describe.skipIf(missing !== null)("VLM judges on a real llama-server (random weights)", () => {
  let server: LlamaServer;
  const made = (id: string, settings: Record<string, unknown> = {}) =>
    findJudge(id).create({
      settings: {
        baseUrls: [server.url],
        model: "tiny-llava",
        cache: false,
        maxTokens: 160,
        timeoutMs: 300_000,
        concurrency: 4,
        minProbabilityMass: MIN_MASS,
        ...settings,
      },
    });

  const judge = (id: string, settings: Record<string, unknown> = {}) => ({
    judge: async (edit: PreparedCase): Promise<JudgeResult> => (await made(id, settings)).judge(edit),
  });

  beforeAll(async () => {
    server = await startLlamaServer(["-np", "4"]);
  }, 120_000);
  afterAll(async () => {
    await server?.stop();
  });

  it("probes: logprobs returned, json_schema enforced or inconclusive, never 'ignored' from a cut-off", async () => {
    const client = new OpenAiChatClient({ baseUrls: [server.url], model: "tiny-llava" });
    const caps = await client.capabilities();
    expect(caps.logprobs).toBe(true);
    expect(caps.jsonSchema).toBe(true);
    expect(caps.notes.join(" ")).not.toMatch(/ignores response_format/);
  }, 300_000);

  it("logit: the first token's digit mass decides; garbage abstains with the mass", async () => {
    const result = await judge("logit").judge(await preparedCase(2));
    for (const c of result.candidates) expectExplicit(c);
    expectMassBacked(result, "digitMass");
    const abstained = result.candidates.filter((c) => c.reward === null);
    for (const c of abstained) expect(c.rewardReason).toMatch(/the digits 0–5 hold .* below the 0\.5 needed/);
  }, 300_000);

  it("rubric (given principles) and hybrid: yes/no verdicts abstain below the mass threshold", async () => {
    const edit = await preparedCase(1, ["the sky is purple", "keep: the layout is unchanged"]);
    const rubric = await judge("rubric").judge(edit);
    for (const c of rubric.candidates) expectExplicit(c);
    expectMassBacked(rubric, "yesNoMass");
    const hybrid = await judge("hybrid", { hybridMargin: 0.5 }).judge(edit);
    for (const c of hybrid.candidates) expectExplicit(c);
    for (const v of hybrid.candidates.flatMap((c) => c.verdicts))
      if (v.evidence.decidedBy === "hybrid:vlm" && v.status !== "abstain")
        expect(v.evidence.measurements.yesNoMass).toBeGreaterThanOrEqual(MIN_MASS);
  }, 300_000);

  it("viescore, editscore (1 and 2 passes, n = 2), firm, pairwise, rubric split: explicit outcomes only", async () => {
    const one = await preparedCase(1);
    const two = await preparedCase(2);
    const results = await Promise.all([
      judge("viescore").judge(one),
      judge("editscore").judge(one),
      judge("editscore", { passes: 2 }).judge(one),
      judge("firm").judge(one),
      judge("pairwise").judge(two),
      judge("rubric").judge(one),
    ]);
    for (const r of results) for (const c of r.candidates) expectExplicit(c);
    const twoPasses = results[2]?.candidates[0];
    expect(twoPasses?.passes ?? (twoPasses?.error ? [null, null] : [])).toHaveLength(2);
  }, 600_000);

  it("a reply cut at max tokens is an explicit error that names the limit", async () => {
    const result = await judge("firm", { maxTokens: 24 }).judge(await preparedCase(1));
    const c = result.candidates[0];
    expect(c?.reward).toBeNull();
    expect(c?.error?.message).toMatch(
      /cut off at the max-tokens limit of 24 tokens \(finish_reason "length"\)/,
    );
  }, 300_000);
});
