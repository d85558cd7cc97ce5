import { afterEach, describe, expect, it } from "vitest";
import { OpenAiChatClient } from "../../backends/openai-chat-client.js";
import {
  type FakeCall,
  type FakeReply,
  type FakeServer,
  startFakeOpenAiServer,
} from "../../backends/test-helpers/fake-openai-server.js";
import {
  completion,
  type FakeTop,
  imageCount,
  isProbe,
  pegFormatError,
  probeReply,
} from "../../backends/test-helpers/fake-replies.js";
import { resolveConfig } from "../../config/resolve-config.js";
import { EditScoreJudge } from "./editscore-judge.js";
import { FirmJudge } from "./firm-judge.js";
import { LogitJudge } from "./logit-judge.js";
import { RubricJudge } from "./rubric-judge.js";
import { preparedCase } from "./test-helpers/judge-fixture.js";
import { VlmRuntime } from "./vlm-runtime.js";

/**
 * What a model that does not know the answer sends (the garbage a random-weight llama-server model was seen
 * producing): each must end as an explicit abstention or error with its reason, never as a score.
 */
const servers: FakeServer[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => s.close()));
});

async function runtime(answer: (call: FakeCall) => FakeReply, settings: Record<string, unknown> = {}) {
  const server = await startFakeOpenAiServer((call) =>
    isProbe(call) ? probeReply(call, { logprobs: true, jsonSchema: true }) : answer(call),
  );
  servers.push(server);
  const client = new OpenAiChatClient({ baseUrls: [server.url], model: "fake-vlm", sleep: async () => {} });
  // The own-worded forms: these replies are shaped for them (the original forms' garbage: real-server.test.ts).
  const explicit = { cache: false, promptVariant: "editjudge", ...settings };
  return { rt: new VlmRuntime(client, resolveConfig({ explicit })), server };
}

/** The first token's alternatives as llama-server's random model gives them: letters, one digit, little mass. */
const garbageTop: FakeTop = [
  ["F", 0.76],
  ["T", 0.134],
  ["q", 0.037],
  ["2", 0.0022],
  ["1", 0.0011],
  ["Yes", 0.0009],
  ["no", 0.0005],
];

describe("logit: the first token's digit mass", () => {
  it("abstains when the digits hold less than --min-probability-mass, and reports the mass", async () => {
    const { rt } = await runtime(() => completion("F8", [garbageTop, [["8", 1]]]));
    const r = await new LogitJudge(rt).judge(await preparedCase(1));
    const c = r.candidates[0];
    expect(c?.reward).toBeNull();
    expect(c?.error).toBeUndefined();
    expect(c?.rewardReason).toMatch(/the digits 0–5 hold 0\.33 % .*below the 0\.5 needed/);
    expect(c?.verdicts[0]).toMatchObject({
      status: "abstain",
      score: null,
      evidence: { measurements: { digitMass: 0.0033, minProbabilityMass: 0.5 } },
    });
  });

  it("scores from the first token only, with the digit mass in the evidence", async () => {
    const top: FakeTop = [
      ["4", 0.5],
      [" 5", 0.2],
      ["Rating", 0.3],
    ];
    const { rt } = await runtime(() => completion("4", [top]));
    const c = (await new LogitJudge(rt).judge(await preparedCase(1))).candidates[0];
    expect(c?.reward).toBeCloseTo((4 * 0.5 + 5 * 0.2) / 0.7 / 5, 6);
    expect(c?.verdicts[0]?.evidence.measurements).toMatchObject({ digitMass: 0.7 });
  });

  it("the threshold is configurable: 0.7 abstains on that same answer", async () => {
    const top: FakeTop = [
      ["4", 0.5],
      [" 5", 0.19],
      ["Rating", 0.31],
    ];
    const { rt } = await runtime(() => completion("4", [top]), { minProbabilityMass: 0.7 });
    const c = (await new LogitJudge(rt).judge(await preparedCase(1))).candidates[0];
    expect(c?.reward).toBeNull();
    expect(c?.rewardReason).toMatch(/hold 69\.00 % .*below the 0\.7 needed/);
  });
});

describe("rubric: yes/no mass", () => {
  it("abstains instead of reading P(yes) = 0 from 0.14 % of the mass", async () => {
    const { rt } = await runtime(() => completion("FT", [garbageTop]));
    const r = await new RubricJudge(rt).judge(await preparedCase(1, ["the sky is purple"]));
    const v = r.candidates[0]?.verdicts[0];
    expect(v).toMatchObject({ status: "abstain", score: null });
    expect(v?.reason).toMatch(/the tokens yes\/no hold 0\.14 % /);
    expect(v?.evidence.measurements).toMatchObject({ yesNoMass: 0.0014 });
    expect(r.candidates[0]?.reward).toBeNull();
  });

  it("reads ' yes'/'No' spellings when they carry the mass", async () => {
    const top: FakeTop = [
      [" yes", 0.6],
      ["No", 0.3],
      ["F", 0.1],
    ];
    const { rt } = await runtime(() => completion(" yes", [top]));
    const r = await new RubricJudge(rt).judge(await preparedCase(1, ["the sky is purple"]));
    expect(r.candidates[0]?.verdicts[0]?.score).toBeCloseTo(2 / 3, 6);
  });
});

describe("cut-off replies", () => {
  it("a reply cut at max tokens is an error naming the limit, not a JSON error", async () => {
    const { rt } = await runtime(() => completion('{"reasoning": "WWWWWWWWWWWWWW', undefined, "length"), {
      maxTokens: 300,
    });
    const c = (await new FirmJudge(rt).judge(await preparedCase(1))).candidates[0];
    expect(c?.reward).toBeNull();
    expect(c?.error?.message).toMatch(/cut off at the max-tokens limit of 300 tokens.*raise --max-tokens/);
    expect(c?.error?.message).not.toMatch(/Unterminated/);
  });

  it("the schema caps reasoning so a constrained answer closes before max tokens", async () => {
    const { rt, server } = await runtime(
      () => completion('{"reasoning": "r", "execution": 3, "consistency": 4}'),
      {
        maxTokens: 512,
      },
    );
    await new FirmJudge(rt).judge(await preparedCase(1));
    const schema = server.calls.find((c) => !isProbe(c))?.body.response_format?.json_schema?.schema as {
      properties: { reasoning: { maxLength: number } };
    };
    expect(schema.properties.reasoning.maxLength).toBe(512 - 128);
  });
});

describe("server-rejected output", () => {
  it("one pass whose output llama-server rejects costs that pass, not the candidate (n > 1)", async () => {
    let singles = 0;
    const { rt, server } = await runtime(
      (call) => {
        if (Number(call.body.n ?? 1) > 1) return pegFormatError();
        // each pass alone: pass 1 of the semantic-consistency prompt is the one whose output the server rejects
        const sc = imageCount(call) === 2;
        if (sc && call.body.messages.length > 0 && singles++ === 1) return pegFormatError();
        return completion(JSON.stringify({ reasoning: "r", score: sc ? [20, 25] : [25, 25] }));
      },
      { passes: 3 },
    );
    const c = (await new EditScoreJudge(rt).judge(await preparedCase(1))).candidates[0];
    expect(c?.passes?.filter((p) => p === null)).toHaveLength(1);
    expect(c?.reward).toBeCloseTo(Math.sqrt(8 * 10) / 10, 6);
    expect(c?.rewardReason).toMatch(/1 of 3 passes could not be used .*peg-native/);
    // the rejected calls were each tried once
    const rejected = server.calls.filter((x) => Number(x.body.n ?? 1) > 1);
    expect(rejected).toHaveLength(2);
  });

  it("with one pass, the rejection is that candidate's explicit error", async () => {
    const { rt, server } = await runtime(() => pegFormatError());
    const c = (await new FirmJudge(rt).judge(await preparedCase(1))).candidates[0];
    expect(c?.reward).toBeNull();
    expect(c?.error).toMatchObject({ code: "model_output_rejected" });
    expect(c?.error?.transient).toBeUndefined();
    expect(server.calls.filter((x) => !isProbe(x))).toHaveLength(1);
  });
});
