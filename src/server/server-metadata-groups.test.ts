import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Judge } from "../contract/judge.js";
import { MAX_METADATA_BYTES } from "./request-schemas.js";
import { type RunningServer, startServer } from "./start-server.js";
import { fakeJudge, solidPngBase64 } from "./test-fixtures.js";

/** The fake judge, with each candidate's rewardReason set to the case's metadata as JSON (or "none"). */
function echoingJudge(): Judge {
  const inner = fakeJudge("echo");
  return {
    ...inner,
    async judge(edit, options) {
      const result = await inner.judge(edit, options);
      const echo = edit.metadata === undefined ? "none" : JSON.stringify(edit.metadata);
      return { ...result, candidates: result.candidates.map((c) => ({ ...c, rewardReason: echo })) };
    },
  };
}

let server: RunningServer;
let png = "";

beforeAll(async () => {
  png = await solidPngBase64(200);
  server = await startServer({ port: 0, judges: new Map([["echo", echoingJudge()]]) });
});

afterAll(async () => {
  await server.close();
});

async function post(path: string, body: object): Promise<{ status: number; json: Record<string, unknown> }> {
  const res = await fetch(`${server.url}${path}`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify(body),
  });
  return { status: res.status, json: (await res.json()) as Record<string, unknown> };
}

const edit = () => ({ source: png, instruction: "make it brighter", candidates: [png, png] });

interface Group {
  id: string | number | null;
  error?: { code: string; message: string };
  candidates: Array<{ reward: number | null; rewardReason?: string; error?: { code: string } }>;
}

describe("per-case metadata on /v1/score and /v1/rewards", () => {
  it("/v1/score passes metadata (requirement and other fields) to the judge", async () => {
    const metadata = { requirement: "only the sky gets brighter", tag: ["a", 1] };
    const { status, json } = await post("/v1/score", { ...edit(), metadata });
    expect(status).toBe(200);
    const candidates = json.candidates as Array<{ rewardReason: string }>;
    expect(candidates.map((c) => JSON.parse(c.rewardReason))).toEqual([metadata, metadata]);
  });

  it("/v1/score without metadata gives the judge none", async () => {
    const { json } = await post("/v1/score", edit());
    expect((json.candidates as Array<{ rewardReason: string }>)[0]?.rewardReason).toBe("none");
  });

  it("/v1/score refuses bad metadata with a 400 naming the field", async () => {
    for (const [metadata, pattern] of [
      [{ requirement: 3 }, /metadata\.requirement: not a string/],
      [["x"], /metadata: .*expected object/],
      [{ notes: "x".repeat(MAX_METADATA_BYTES) }, /metadata: \d+ bytes as JSON, over the 16384-byte limit/],
    ] as const) {
      const { status, json } = await post("/v1/score", { ...edit(), metadata });
      expect(status).toBe(400);
      expect((json.error as { code: string; message: string }).code).toBe("invalid_request");
      expect((json.error as { message: string }).message).toMatch(pattern);
    }
  });

  it("/v1/rewards gives each group its own metadata; a bad one fails only its group", async () => {
    const { status, json } = await post("/v1/rewards", {
      groups: [
        { id: "a", ...edit(), metadata: { requirement: "sky" } },
        { id: "b", ...edit(), metadata: { requirement: 7 } },
        { id: "c", ...edit() },
        { id: "d", ...edit(), metadata: { requirement: "tree", big: "y".repeat(MAX_METADATA_BYTES) } },
        { id: "e", ...edit(), metadata: { requirement: "grass" } },
      ],
    });
    expect(status).toBe(200);
    const groups = json.groups as Group[];
    expect(groups.map((g) => g.id)).toEqual(["a", "b", "c", "d", "e"]);
    expect(groups[0]?.candidates.map((c) => c.rewardReason)).toEqual([
      '{"requirement":"sky"}',
      '{"requirement":"sky"}',
    ]);
    expect(groups[2]?.candidates[0]?.rewardReason).toBe("none");
    expect(groups[4]?.candidates[0]?.rewardReason).toBe('{"requirement":"grass"}');
    expect(groups[4]?.candidates[0]?.reward).toBeCloseTo(200 / 255);
    const b = groups[1];
    expect(b?.error?.code).toBe("invalid_request");
    expect(b?.error?.message).toMatch(/groups\.1\.metadata\.requirement: not a string/);
    expect(b?.candidates).toHaveLength(2);
    expect(b?.candidates.every((c) => c.reward === null && c.error?.code === "invalid_request")).toBe(true);
    expect(groups[3]?.error?.message).toMatch(
      /groups\.3\.metadata: \d+ bytes as JSON, over the 16384-byte limit/,
    );
  });

  it("declares metadata in the OpenAPI document for /v1/score and each /v1/rewards group", async () => {
    const doc = (await (await fetch(`${server.url}/openapi.json`)).json()) as {
      paths: Record<string, { post: { requestBody: { content: Record<string, { schema: unknown }> } } }>;
    };
    const schema = (path: string) => doc.paths[path]?.post.requestBody.content["application/json"]?.schema;
    const score = schema("/v1/score") as { properties: Record<string, { properties?: object }> };
    expect(score.properties.metadata?.properties).toHaveProperty("requirement");
    const rewards = schema("/v1/rewards") as {
      properties: { groups: { items: { properties: Record<string, { properties?: object }> } } };
    };
    expect(rewards.properties.groups.items.properties.metadata?.properties).toHaveProperty("requirement");
  });
});
