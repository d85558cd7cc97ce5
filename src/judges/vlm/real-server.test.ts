import { existsSync } from "node:fs";
import { join, resolve } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { OpenAiChatClient } from "../../backends/openai-chat-client.js";
import {
  type LlamaServer,
  llamaServerMissing,
  startLlamaServer,
} from "../../backends/test-helpers/llama-server.js";
import type { PreparedCase } from "../../contract/edit-case.js";
import type { CandidateResult, JudgeResult } from "../../contract/result.js";
import { prepareCase } from "../../image/prepare-case.js";
import { findJudge } from "../registry.js";
import { formName, JUDGE_FORMS } from "./test-helpers/judge-forms.js";

/**
 * Every VLM judge in every form (original prompts read from ../shared/reference, and the own-worded `editjudge`
 * variant) end to end against a real llama.cpp llama-server serving a random-weight vision model
 * (../shared/llama-server, started on a free port by the shared helper). The requests must be accepted (images,
 * logprobs, n, json_schema, top_p/top_k/seed: a 4xx would surface as the candidate's error), and since the model's
 * answers are garbage each candidate must end as an explicit error or abstention with its reason, or as a score
 * read from an answer that met the schema; a token-probability score only where the label mass reached
 * --min-probability-mass.
 */
const SHARED = resolve(import.meta.dirname, "../../../../shared");
const REFERENCE = join(SHARED, "reference");
const PHOTOS = join(SHARED, "photos");
const missing =
  llamaServerMissing() ??
  (existsSync(REFERENCE)
    ? null
    : `no ${REFERENCE} (the original projects' code is not beside the repository)`) ??
  (existsSync(join(PHOTOS, "kodim01.png")) ? null : `no ${PHOTOS}/kodim01.png`);
if (missing) console.log(`skipping the real llama-server tests: ${missing}`);

const MIN_MASS = 0.5;

/** A candidate ends explicitly: a reward in [0, 1] with no error, or a null reward with its reason. */
function expectExplicit(c: CandidateResult, what: string): void {
  if (c.reward === null) {
    const reason = c.error?.message ?? c.rewardReason ?? "";
    expect(reason.length, `${what}: candidate ${c.index} has a null reward without a reason`).toBeGreaterThan(
      0,
    );
    expect(reason, `${what}: the server rejected the request`).not.toMatch(/HTTP 4\d\d/);
    expect(c.verdicts.every((v) => v.status === "abstain" || v.score !== null)).toBe(true);
  } else {
    expect(c.error, what).toBeUndefined();
    expect(c.reward, what).toBeGreaterThanOrEqual(0);
    expect(c.reward, what).toBeLessThanOrEqual(1);
  }
}

/** Every token-probability verdict that scored rests on a label mass at or above the threshold. */
function expectMassBacked(result: JudgeResult): void {
  for (const c of result.candidates)
    for (const v of c.verdicts) {
      const m = v.evidence.measurements;
      const mass = typeof m.digitMass === "number" ? m.digitMass : m.yesNoMass;
      if (v.status !== "abstain" && typeof mass === "number") expect(mass).toBeGreaterThanOrEqual(MIN_MASS);
      if (v.status === "abstain") expect(v.reason ?? v.evidence.summary).toMatch(/\S/);
    }
}

async function photoCase(candidates: 1 | 2): Promise<PreparedCase> {
  return prepareCase({
    source: { kind: "path", path: join(PHOTOS, "kodim01.png") },
    instruction: "make the sky purple",
    candidates: ["kodim02.png", "kodim03.png"]
      .slice(0, candidates)
      .map((name) => ({ kind: "path" as const, path: join(PHOTOS, name) })),
    principles: ["the sky is purple", "keep: the layout is unchanged"],
    metadata: {
      requirement: "keep the house",
      source_prompt: "a house",
      target_prompt: "a house, purple sky",
    },
  });
}

describe.skipIf(missing !== null)("VLM judges on a real llama-server (random weights)", () => {
  let server: LlamaServer;
  const run = async (id: string, settings: Record<string, unknown>, edit: PreparedCase) => {
    const judge = await findJudge(id).create({
      settings: {
        baseUrls: [server.url],
        model: "tiny-llava",
        cache: false,
        referenceDirs: [REFERENCE],
        maxSide: 64,
        maxTokens: 160,
        maxRetries: 0,
        timeoutMs: 300_000,
        concurrency: 4,
        minProbabilityMass: MIN_MASS,
        ...settings,
      },
    });
    try {
      return await judge.judge(edit);
    } finally {
      await judge.close?.();
    }
  };

  beforeAll(async () => {
    // 8k tokens per slot: the byte-level tiny vocabulary makes FIRM's consistency prompt ~3.5k tokens.
    server = await startLlamaServer(["-c", "32768", "-np", "4"]);
  }, 120_000);
  afterAll(async () => {
    await server?.stop();
  });

  it("probes: logprobs returned, json_schema enforced, never 'ignored' from a cut-off", async () => {
    const client = new OpenAiChatClient({ baseUrls: [server.url], model: "tiny-llava" });
    const caps = await client.capabilities();
    expect(caps.logprobs).toBe(true);
    expect(caps.jsonSchema).toBe(true);
    expect(caps.notes.join(" ")).not.toMatch(/ignores response_format/);
  }, 300_000);

  for (const form of JUDGE_FORMS) {
    const name = formName(form);
    it(`${name}: accepted, and a score or an explicit error/abstention`, async () => {
      const edit = await photoCase(form.candidates);
      const result = await run(form.judge, form.settings, edit);
      expect(result.candidates).toHaveLength(form.candidates);
      for (const c of result.candidates) expectExplicit(c, name);
      expectMassBacked(result);
      if (form.settings.passes === 2) {
        const c = result.candidates[0];
        expect(c?.passes ?? (c?.error ? [null, null] : [])).toHaveLength(2);
      }
      if (form.judge === "logit")
        for (const c of result.candidates.filter((x) => x.reward === null && !x.error))
          expect(c.rewardReason).toMatch(/the digits 0–5 hold .* below the 0\.5 needed/);
      const variant = form.settings.promptVariant;
      if (variant !== undefined && result.extra?.promptVariant !== undefined)
        expect(result.extra.promptVariant).toBe(variant);
    }, 300_000);
  }

  it("a reply cut at max tokens is an explicit error that names the limit", async () => {
    const result = await run("firm", { promptVariant: "editjudge", maxTokens: 24 }, await photoCase(1));
    const c = result.candidates[0];
    expect(c?.reward).toBeNull();
    expect(c?.error?.message).toMatch(
      /cut off at the max-tokens limit of 24 tokens \(finish_reason "length"\)/,
    );
  }, 300_000);
});
