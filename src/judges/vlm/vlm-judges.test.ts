import { afterEach, describe, expect, it } from "vitest";
import { OpenAiChatClient } from "../../backends/openai-chat-client.js";
import type { FakeServer } from "../../backends/test-helpers/fake-openai-server.js";
import { resolveConfig } from "../../config/resolve-config.js";
import type { Judge } from "../../contract/judge.js";
import type { JudgeResult } from "../../contract/result.js";
import { EditScoreJudge } from "./editscore-judge.js";
import { FirmJudge } from "./firm-judge.js";
import { LogitJudge } from "./logit-judge.js";
import { PairwiseJudge } from "./pairwise-judge.js";
import { RubricJudge } from "./rubric-judge.js";
import type { FakeVlmScript } from "./test-helpers/fake-vlm.js";
import { preparedCase, startFakeVlm } from "./test-helpers/judge-fixture.js";
import { VieScoreJudge } from "./viescore-judge.js";
import { VlmRuntime } from "./vlm-runtime.js";

const servers: FakeServer[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => s.close()));
});

async function runtime(script: FakeVlmScript, settings: Record<string, unknown> = {}) {
  const server = await startFakeVlm(script);
  servers.push(server);
  const client = new OpenAiChatClient({ baseUrls: [server.url], model: "fake-vlm", sleep: async () => {} });
  return {
    rt: new VlmRuntime(
      client,
      resolveConfig({
        // These fakes answer EditJudge's own-worded prompts; the original forms are tested in original-forms.test.ts.
        explicit: { cache: false, promptVariant: "editjudge", pairwiseOrders: "both", ...settings },
      }),
    ),
    server,
  };
}

async function run(judge: Judge, n = 1, principles?: string[]): Promise<JudgeResult> {
  return judge.judge(await preparedCase(n, principles));
}

describe("VLM judges against the fake server", () => {
  it("viescore: O = sqrt(min SC · min PQ), reward O/10", async () => {
    const { rt } = await runtime({ viescore: { sc: [8, 6], pq: [9, 4] } });
    const r = await run(new VieScoreJudge(rt));
    expect(r.candidates[0]?.reward).toBeCloseTo(Math.sqrt(6 * 4) / 10, 6);
    expect(r.candidates[0]?.verdicts.map((v) => v.score)).toEqual([0.8, 0.6, 0.9, 0.4]);
    expect(r.candidates[0]?.dimensions).toEqual({
      instructionFollowing: 0.8,
      preservation: 0.6,
      quality: 0.4,
    });
  });

  it("viescore: a schema the server ignored becomes an explicit error with the raw text", async () => {
    const { rt } = await runtime({
      caps: { logprobs: true, jsonSchema: false },
      raw: "The edit looks great!",
    });
    const r = await run(new VieScoreJudge(rt), 2);
    for (const c of r.candidates) {
      expect(c.reward).toBeNull();
      expect(c.error?.code).toBe("judge_output_unparseable");
      expect(c.verdicts.every((v) => v.status === "abstain")).toBe(true);
      expect(c.verdicts[0]?.evidence.details).toEqual({ rawText: "The edit looks great!" });
    }
    expect(r.notes.join(" ")).toMatch(/ignores response_format/);
  });

  it("viescore: out-of-range scores are a parse error, not clamped", async () => {
    const { rt } = await runtime({ viescore: { sc: [11, 6], pq: [9, 4] } });
    const r = await run(new VieScoreJudge(rt));
    expect(r.candidates[0]?.error?.code).toBe("judge_output_unparseable");
  });

  it("editscore --passes 4: per-pass rewards and their mean", async () => {
    const passes = [20, 25, 10, 15].map((s) => ({
      sc: [s, 25] as [number, number],
      pq: [25, 25] as [number, number],
    }));
    const { rt, server } = await runtime({ editscore: passes }, { passes: 4 });
    const r = await run(new EditScoreJudge(rt));
    const c = r.candidates[0];
    const expected = [20, 25, 10, 15].map((s) => Math.sqrt((s / 2.5) * 10) / 10);
    expect([...(c?.passes ?? [])].sort()).toEqual(expected.map((x) => Math.round(x * 1e6) / 1e6).sort());
    expect(c?.reward).toBeCloseTo(expected.reduce((a, b) => a + b) / 4, 5);
    expect(server.calls.filter((x) => x.body.temperature === 0.7)).toHaveLength(8);
    expect(server.calls.filter((x) => x.body.n === 4)).toHaveLength(2);
  });

  it("editscore --passes 4 against a server honouring n: two calls per candidate", async () => {
    const passes = [20, 25, 10, 15].map((s) => ({
      sc: [s, 25] as [number, number],
      pq: [25, 25] as [number, number],
    }));
    const { rt, server } = await runtime({ editscore: passes, honoursN: true }, { passes: 4 });
    const r = await run(new EditScoreJudge(rt));
    const expected = [20, 25, 10, 15].map((s) => Math.round((Math.sqrt((s / 2.5) * 10) / 10) * 1e6) / 1e6);
    expect(r.candidates[0]?.passes).toEqual(expected);
    expect(server.calls.length - 1).toBe(2);
  });

  it("editscore: an unparseable pass is null and left out of the mean", async () => {
    const passes = [
      { sc: [25, 25] as [number, number], pq: [25, 25] as [number, number] },
      { sc: [99, 1] as [number, number], pq: [25, 25] as [number, number] },
    ];
    const { rt } = await runtime({ editscore: passes, honoursN: true }, { passes: 2 });
    const c = (await run(new EditScoreJudge(rt))).candidates[0];
    expect(c?.passes).toEqual([1, null]);
    expect(c?.reward).toBe(1);
    expect(c?.rewardReason).toMatch(
      /1 of 2 passes could not be used \(the semantic-consistency reply does not match/,
    );
  });

  it("logit: reward = Σ p(d)·d / 5 from top_logprobs", async () => {
    const digits = [0, 0, 0.1, 0.2, 0.3, 0.4];
    const { rt } = await runtime({ digits });
    const r = await run(new LogitJudge(rt));
    expect(r.candidates[0]?.reward).toBeCloseTo((0.2 + 0.6 + 1.2 + 2.0) / 5, 6);
  });

  it("logit: says plainly when the backend has no logprobs", async () => {
    const { rt } = await runtime({ caps: { logprobs: false, jsonSchema: true } });
    await expect(run(new LogitJudge(rt))).rejects.toThrow(/needs token probabilities.*no top_logprobs/);
  });

  it("firm: E'·(w1 + w2·C')/(w1+w2) with E' = (E−1)/4, C' = (C−1)/4", async () => {
    const { rt } = await runtime({ firm: { execution: 4, consistency: 2 } });
    const r = await run(new FirmJudge(rt));
    expect(r.candidates[0]?.reward).toBeCloseTo((3 / 4) * (0.6 + 0.4 * (1 / 4)), 6);
  });

  it("rubric: VLM-split principles, P(yes) each, aggregated as in checks", async () => {
    const split = {
      follow: ["the sky is purple"],
      keep: ["the trees are unchanged"],
      quality: ["no artifacts"],
    };
    const p: Record<string, number> = {
      "the sky is purple": 0.8,
      "the trees are unchanged": 0.64,
      "no artifacts": 1,
    };
    const { rt } = await runtime({ split, pYes: (t) => p[t] ?? 0 });
    const r = await run(new RubricJudge(rt));
    expect(r.principles.map((x) => `${x.id}:${x.origin}`)).toEqual([
      "follow-1:vlm",
      "keep-1:vlm",
      "quality-1:vlm",
    ]);
    expect(r.candidates[0]?.reward).toBeCloseTo(0.8 * Math.sqrt(0.64 * 1), 6);
  });

  it("rubric: user principles with kind prefixes; without logprobs reads yes/no text", async () => {
    const { rt, server } = await runtime({
      caps: { logprobs: false, jsonSchema: true },
      pYes: (t) => (t === "the cat is gone" ? 0.9 : 0.2),
    });
    const r = await run(new RubricJudge(rt), 1, ["the cat is gone", "keep: the sofa stays"]);
    expect(r.principles.map((x) => `${x.id}:${x.origin}`)).toEqual(["follow-1:user", "keep-1:user"]);
    expect(r.candidates[0]?.verdicts.map((v) => v.score)).toEqual([1, 0]);
    expect(r.candidates[0]?.reward).toBe(0);
    expect(
      server.calls.some((c) => c.body.messages[0]?.content.some((x) => x.text?.includes("checklists"))),
    ).toBe(false);
  });

  it("pairwise: consistent preference gives 1/0 and position consistency", async () => {
    const c = await preparedCase(2);
    const firstKey = `${c.candidates[0]?.sha256}@1024`;
    let firstUrl = "";
    const { rt } = await runtime({ pairwise: (a) => (a === firstUrl ? "A>B" : "B>A") });
    firstUrl = (await rt.images.encode(c.candidates[0] ?? c.source)).dataUrl;
    expect((await rt.images.encode(c.candidates[0] ?? c.source)).key).toBe(firstKey);
    const r = await new PairwiseJudge(rt).judge(c);
    expect(r.candidates.map((x) => x.reward)).toEqual([1, 0]);
    expect(r.extra).toMatchObject({
      positionConsistent: true,
      verdicts: { original: "A>B", swapped: "B>A" },
    });
  });

  it("pairwise: position bias averages out to 0.5 and is flagged", async () => {
    const { rt } = await runtime({ pairwise: () => "A>B" });
    const r = await run(new PairwiseJudge(rt), 2);
    expect(r.candidates.map((x) => x.reward)).toEqual([0.5, 0.5]);
    expect(r.extra?.positionConsistent).toBe(false);
  });

  it("pairwise: A=B=Bad gives both 0; needs exactly two candidates", async () => {
    const { rt } = await runtime({ pairwise: () => "A=B=Bad" });
    expect((await run(new PairwiseJudge(rt), 2)).candidates.map((x) => x.reward)).toEqual([0, 0]);
    await expect(run(new PairwiseJudge(rt), 3)).rejects.toThrow(/exactly 2 candidates, got 3/);
  });
});
