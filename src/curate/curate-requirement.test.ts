import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import sharp from "sharp";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { PreparedCase } from "../contract/edit-case.js";
import type { Judge } from "../contract/judge.js";
import type { JudgeResult } from "../contract/result.js";
import { runCurate } from "./run-curate.js";

/** Reward 0.9 with the requirement "sky", 0.1 otherwise; records each case's metadata. */
function requirementJudge(seen: unknown[]): Judge {
  return {
    id: "fake-requirement",
    version: "1",
    async judge(edit: PreparedCase): Promise<JudgeResult> {
      seen.push(edit.metadata);
      const reward = edit.metadata?.requirement === "sky" ? 0.9 : 0.1;
      return {
        contractVersion: "1",
        judge: { id: "fake-requirement", version: "1" },
        instruction: edit.instruction,
        principles: [],
        candidates: [
          {
            index: 0,
            name: "edited",
            reward,
            dimensions: { instructionFollowing: reward, preservation: null, quality: null },
            verdicts: [],
          },
        ],
        ranking: [0],
        notes: [],
      };
    },
  };
}

let dir = "";
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), "editjudge-curate-requirement-"));
  const png = await sharp({
    create: { width: 8, height: 8, channels: 3, background: { r: 90, g: 90, b: 90 } },
  })
    .png()
    .toBuffer();
  await writeFile(join(dir, "a.png"), png);
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

const lines = async (path: string) =>
  (await readFile(path, "utf8"))
    .trim()
    .split("\n")
    .map((l) => JSON.parse(l) as { id: string; reason?: string; requirement?: unknown });

describe("curate reads a requirement field", () => {
  it("passes it to the judge as metadata.requirement; one that is not text rejects its row", async () => {
    const row = (id: string, extra: object) =>
      JSON.stringify({ id, source: "a.png", instruction: "brighter", edited: "a.png", ...extra });
    const input = join(dir, "in.jsonl");
    await writeFile(
      input,
      `${[row("sky", { requirement: "sky" }), row("none", {}), row("bad", { requirement: 3 })].join("\n")}\n`,
    );
    const seen: unknown[] = [];
    const output = join(dir, "out.jsonl");
    await runCurate({ input, output, judge: requirementJudge(seen), minReward: 0.5 });
    expect(seen).toEqual(expect.arrayContaining([{ requirement: "sky" }, undefined]));
    expect(seen).toHaveLength(2);
    const kept = await lines(output);
    expect(kept.map((r) => r.id)).toEqual(["sky"]);
    expect(kept[0]?.requirement).toBe("sky"); // carried through like any other field
    const rejected = await lines(`${output}.rejects.jsonl`);
    expect(rejected.map((r) => r.id)).toEqual(["none", "bad"]);
    expect(rejected[1]?.reason).toMatch(/field "requirement" is not text/);
  });
});
