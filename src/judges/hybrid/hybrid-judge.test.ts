import { afterEach, describe, expect, it } from "vitest";
import { OpenAiChatClient } from "../../backends/openai-chat-client.js";
import type { FakeServer } from "../../backends/test-helpers/fake-openai-server.js";
import { resolveConfig } from "../../config/resolve-config.js";
import type { PreparedCase } from "../../contract/edit-case.js";
import type { Judge } from "../../contract/judge.js";
import type { Principle } from "../../contract/principle.js";
import type { JudgeResult } from "../../contract/result.js";
import type { Verdict } from "../../contract/verdict.js";
import { preparedCase, startFakeVlm } from "../vlm/test-helpers/judge-fixture.js";
import { VlmRuntime } from "../vlm/vlm-runtime.js";
import { HybridJudge } from "./hybrid-judge.js";

const PRINCIPLES: Principle[] = [
  { id: "follow-1", kind: "follow", origin: "parser", text: "the image is brighter" },
  { id: "keep-1", kind: "keep", origin: "parser", text: "the layout is unchanged" },
  { id: "quality-1", kind: "quality", origin: "parser", text: "no clipping" },
];

const verdict = (principleId: string, score: number | null): Verdict => ({
  principleId,
  status: score === null ? "abstain" : score >= 0.5 ? "pass" : "fail",
  score,
  evidence: { summary: "pixels", measurements: { x: 1 }, decidedBy: "tone" },
});

/** A checks judge with fixed verdicts: confident on follow-1, unsure on keep-1, abstaining on quality-1. */
const fakeChecks: Judge = {
  id: "checks",
  version: "test",
  judge: async (edit: PreparedCase): Promise<JudgeResult> => ({
    contractVersion: "1",
    judge: { id: "checks", version: "test" },
    instruction: edit.instruction,
    principles: PRINCIPLES,
    candidates: edit.candidates.map((c, index) => ({
      index,
      name: c.name,
      reward: null,
      dimensions: { instructionFollowing: null, preservation: null, quality: null },
      verdicts: [verdict("follow-1", 0.95), verdict("keep-1", 0.6), verdict("quality-1", null)],
    })),
    ranking: [],
    notes: [],
  }),
};

let server: FakeServer | undefined;
afterEach(async () => {
  await server?.close();
});

describe("HybridJudge", () => {
  it("lets confident checks decide and the VLM decide the rest", async () => {
    server = await startFakeVlm({ pYes: (t) => (t === "the layout is unchanged" ? 0.3 : 0.8) });
    const client = new OpenAiChatClient({ baseUrls: [server.url], model: "m" });
    const judge = new HybridJudge(
      fakeChecks,
      new VlmRuntime(client, resolveConfig({ explicit: { cache: false } })),
    );
    const r = await judge.judge(await preparedCase(2));
    const c = r.candidates[0];
    expect(c?.verdicts.map((v) => v.evidence.decidedBy)).toEqual([
      "hybrid:checks",
      "hybrid:vlm",
      "hybrid:vlm",
    ]);
    expect(c?.verdicts.map((v) => v.score)).toEqual([0.95, 0.3, 0.8]);
    expect(c?.reward).toBeCloseTo(0.95 * Math.sqrt(0.3 * 0.8), 6);
    expect(r.extra).toMatchObject({ margin: 0.25, decidedBy: { checks: 2, vlm: 4 } });
    const verifyCalls = server.calls.filter((x) => x.body.max_tokens === 4);
    expect(verifyCalls).toHaveLength(4);
    // Its usage is the VLM half's: every call the fake server saw, none failed, no cache in front.
    expect(judge.usage()).toEqual({
      calls: server.calls.length,
      failures: 0,
      retries: 0,
      cacheHits: 0,
      cacheMisses: 0,
    });
  });

  it("with margin 0 every non-abstained checks verdict decides", async () => {
    server = await startFakeVlm({});
    const client = new OpenAiChatClient({ baseUrls: [server.url], model: "m" });
    const rt = new VlmRuntime(client, resolveConfig({ explicit: { cache: false } }));
    const r = await new HybridJudge(fakeChecks, rt, 0).judge(await preparedCase(1));
    expect(r.candidates[0]?.verdicts.map((v) => v.evidence.decidedBy)).toEqual([
      "hybrid:checks",
      "hybrid:checks",
      "hybrid:vlm",
    ]);
  });
});
