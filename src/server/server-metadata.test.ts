import { existsSync } from "node:fs";
import { resolve } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { startFakeOpenAiServer } from "../backends/test-helpers/fake-openai-server.js";
import { completion, isProbe, probeReply, promptText } from "../backends/test-helpers/fake-replies.js";
import { createJudges, startServer } from "./start-server.js";
import { solidPngBase64 } from "./test-fixtures.js";

const REFERENCE = resolve(import.meta.dirname, "../../../shared/reference");
const absent = !existsSync(REFERENCE);
if (absent) console.log("skipping the server metadata test: ../shared/reference is absent");

const closers: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  for (const close of closers.splice(0).reverse()) await close();
});

describe.skipIf(absent)("request metadata reaches the judge", () => {
  it("/v1/score with metadata.requirement fills the logit prompt's Requirements", async () => {
    const vlm = await startFakeOpenAiServer((call) =>
      isProbe(call)
        ? probeReply(call, { logprobs: true, jsonSchema: true })
        : completion("4", [
            [
              ["4", 0.8],
              ["5", 0.2],
            ],
          ]),
    );
    closers.push(() => vlm.close());
    const judges = await createJudges(["logit"], {
      baseUrls: [vlm.url],
      model: "fake-vlm",
      cache: false,
      referenceDirs: [REFERENCE],
    });
    const server = await startServer({ port: 0, judges });
    closers.push(() => server.close());
    const [source, a] = await Promise.all([30, 90].map((red) => solidPngBase64(red, 24)));
    const res = await fetch(`${server.url}/v1/score`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({
        source,
        instruction: "make it brighter",
        candidates: [a],
        metadata: { requirement: "keep the red roof", tag: "t1" },
      }),
    });
    expect(res.status).toBe(200);
    const asked = vlm.calls.filter((c) => !isProbe(c)).map(promptText);
    expect(asked).toHaveLength(1);
    expect(asked[0]).toMatch(/Requirements: keep the red roof\n/);
    const bad = await fetch(`${server.url}/v1/score`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ source, instruction: "x", candidates: [a], metadata: { requirement: 5 } }),
    });
    expect(bad.status).toBe(400);
  });
});
