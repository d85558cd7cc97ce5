import { join } from "node:path";
import { afterEach, describe, expect, it, vi } from "vitest";
import type { FakeServer } from "../../backends/test-helpers/fake-openai-server.js";
import type { JudgeResult } from "../../contract/result.js";
import type { FakeVlmScript } from "../../judges/vlm/test-helpers/fake-vlm.js";
import { startFakeVlm, writeImages } from "../../judges/vlm/test-helpers/judge-fixture.js";
import { captureOutput } from "../../test-helpers/capture-output.js";
import { main } from "../main.js";

let server: FakeServer | undefined;
afterEach(async () => {
  vi.restoreAllMocks();
  await server?.close();
});

async function score(script: FakeVlmScript, judge: string, n: number, extra: string[] = []) {
  server = await startFakeVlm(script);
  const files = await writeImages(n);
  const captured = captureOutput();
  const args = [
    "node",
    "editjudge",
    "score",
    "--judge",
    judge,
    "--base-url",
    server.url,
    "--model",
    "fake-vlm",
    "--json",
    // These fakes answer EditJudge's own-worded prompts; the original forms are tested in original-forms.test.ts.
    "--prompt-variant",
    "editjudge",
    "--pairwise-orders",
    "both",
  ];
  const code = await main([
    ...args,
    ...["-s", files.source, "-i", "make the sky purple", "-c", ...files.candidates],
    ...extra,
  ]);
  vi.restoreAllMocks();
  const { out, err } = captured;
  return { code, err, result: code === 0 ? (JSON.parse(out) as JudgeResult) : null, dir: files.dir };
}

describe("editjudge score with a VLM judge (fake server)", () => {
  it("viescore gives the correct O", async () => {
    const r = await score({ viescore: { sc: [9, 4], pq: [7, 8] } }, "viescore", 2, ["--no-cache"]);
    expect(r.code).toBe(0);
    for (const c of r.result?.candidates ?? []) expect(c.reward).toBeCloseTo(Math.sqrt(4 * 7) / 10, 6);
    expect(r.result?.candidates).toHaveLength(2);
  });

  it("editscore --passes 4 reports four passes", async () => {
    const passes = [{ sc: [25, 25] as [number, number], pq: [25, 25] as [number, number] }];
    const r = await score({ editscore: passes }, "editscore", 1, ["--no-cache", "--passes", "4"]);
    expect(r.result?.candidates[0]?.passes).toEqual([1, 1, 1, 1]);
    expect(r.result?.candidates[0]?.reward).toBe(1);
  });

  it("logit, firm, rubric, pairwise and hybrid run end to end", async () => {
    const script: FakeVlmScript = {
      digits: [0, 0, 0, 0, 0.5, 0.5],
      firm: { execution: 5, consistency: 5 },
      split: { follow: ["the sky is purple"], keep: [], quality: [] },
      pYes: () => 0.75,
      pairwise: () => "A=B=Good",
    };
    const expected: Record<string, number> = {
      logit: 0.9,
      firm: 1,
      rubric: 0.75,
      pairwise: 0.5,
      hybrid: 0.75,
    };
    for (const judge of Object.keys(expected)) {
      const r = await score(script, judge, 2, ["--no-cache"]);
      expect(r.err, judge).toBe("");
      if (judge === "hybrid") {
        // The checks judge's own verdicts vary as it grows; here only who decided is pinned.
        const who = r.result?.candidates[0]?.verdicts.map((v) => v.evidence.decidedBy) ?? [];
        expect(who.length).toBeGreaterThan(0);
        expect(who.every((d) => d === "hybrid:checks" || d === "hybrid:vlm")).toBe(true);
      } else {
        expect(r.result?.candidates[0]?.reward, judge).toBeCloseTo(expected[judge] ?? -1, 6);
      }
      await server?.close();
      server = undefined;
    }
  });

  it("caches successful replies and the probe: a second run sends nothing", async () => {
    const files = await writeImages(1);
    const cache = join(files.dir, "cache.sqlite");
    const first = await score({ firm: { execution: 4, consistency: 4 } }, "firm", 1, ["--cache-path", cache]);
    const calls = server?.calls.length ?? 0;
    expect(first.code).toBe(0);
    expect(calls).toBe(2);
    await server?.close();
    const second = await score({ firm: { execution: 1, consistency: 1 } }, "firm", 1, [
      "--cache-path",
      cache,
    ]);
    expect(second.result?.candidates[0]?.reward).toBe(first.result?.candidates[0]?.reward);
    expect(server?.calls.length).toBe(0);
  });

  it("explains a missing base URL and a missing model", async () => {
    const files = await writeImages(1);
    let err = "";
    vi.spyOn(process.stderr, "write").mockImplementation((s) => {
      err += String(s);
      return true;
    });
    const base = [
      "node",
      "editjudge",
      "score",
      "--judge",
      "viescore",
      "--prompt-variant",
      "editjudge",
      "-s",
      files.source,
      "-i",
      "x",
      "-c",
      ...files.candidates,
    ];
    vi.stubEnv("EDITJUDGE_BASE_URL", "");
    vi.stubEnv("OPENAI_BASE_URL", "");
    vi.stubEnv("EDITJUDGE_MODEL", "");
    expect(await main([...base, "--no-cache"])).toBe(2);
    expect(err).toMatch(/needs a model server; pass --base-url/);
    expect(await main([...base, "--no-cache", "--base-url", "http://127.0.0.1:9/v1"])).toBe(2);
    expect(err).toMatch(/needs a model name; pass --model/);
    vi.unstubAllEnvs();
  });
});
