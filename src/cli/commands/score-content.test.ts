import { afterEach, describe, expect, it, vi } from "vitest";
import type { JudgeResult } from "../../contract/result.js";
import { writeImages } from "../../judges/vlm/test-helpers/judge-fixture.js";
import { captureOutput } from "../../test-helpers/capture-output.js";
import { main } from "../main.js";

/** Runs the CLI, returning its exit code, stdout and stderr. */
async function run(argv: string[]): Promise<{ code: number; out: string; err: string }> {
  const captured = captureOutput();
  try {
    const code = await main(argv);
    return { code, out: captured.out, err: captured.err };
  } finally {
    vi.restoreAllMocks();
  }
}

afterEach(() => {
  delete process.env.EDITJUDGE_CONTENT;
});

describe("editjudge score --content (the checks judge's content models)", () => {
  async function base(): Promise<string[]> {
    const files = await writeImages(1);
    const instruction = 'remove the text "SALE" from the sign';
    return ["node", "editjudge", "score", "-s", files.source, "-i", instruction, "-c", ...files.candidates];
  }
  const textVerdict = (out: string) => {
    const result = JSON.parse(out) as JudgeResult;
    const follow = result.principles.find((p) => p.kind === "follow");
    return result.candidates[0]?.verdicts.find((v) => v.principleId === follow?.id);
  };

  it("off: pixel checks only, the text principle abstains saying the content models are off", async () => {
    const { code, out } = await run([...(await base()), "--content", "off", "--json"]);
    expect(code).toBe(0);
    const verdict = textVerdict(out);
    expect(verdict?.status).toBe("abstain");
    // (with the models on, this verdict abstains too, but because the OCR finds no "SALE" in the source)
    expect(verdict?.evidence.summary).toMatch(/needs the content models .* not enabled/);
  });

  it("reads EDITJUDGE_CONTENT, and a flag overrides it", async () => {
    process.env.EDITJUDGE_CONTENT = "off";
    const fromEnv = await run([...(await base()), "--json"]);
    expect(fromEnv.code).toBe(0);
    expect(textVerdict(fromEnv.out)?.status).toBe("abstain");
    expect(textVerdict(fromEnv.out)?.evidence.summary).toMatch(/needs the content models .* not enabled/);
    process.env.EDITJUDGE_CONTENT = "sometimes";
    const bad = await run([...(await base()), "--content", "off", "--json"]);
    expect(bad.code).toBe(0);
  });

  it("refuses a mode it does not know with one line naming the setting (exit 2)", async () => {
    const { code, err } = await run([...(await base()), "--content", "sometimes"]);
    expect(code).toBe(2);
    expect(err).toMatch(/content/);
    expect(err).toMatch(/auto|off/);
    expect(err.trim().split("\n")).toHaveLength(1);
  });
});
