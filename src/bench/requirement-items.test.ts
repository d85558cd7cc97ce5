import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { PreparedCase } from "../contract/edit-case.js";
import type { Judge } from "../contract/judge.js";
import type { JudgeResult } from "../contract/result.js";
import { readItemsJson } from "./formats/items-json.js";
import { JudgmentStore } from "./judgment-store.js";
import { runJudgeOnItems } from "./run-judge-on-items.js";
import { makeImages } from "./test-helpers/bench-fixtures.js";

/** A judge whose reward for each candidate is the length of the case's metadata.requirement (0 without one). */
function requirementJudge(): Judge & { seen: unknown[] } {
  const seen: unknown[] = [];
  return {
    id: "fake-requirement",
    version: "1",
    seen,
    async judge(edit: PreparedCase): Promise<JudgeResult> {
      seen.push(edit.metadata);
      const reward = (edit.metadata?.requirement ?? "").length / 100;
      return {
        contractVersion: "1",
        judge: { id: "fake-requirement", version: "1" },
        instruction: edit.instruction,
        principles: [],
        candidates: edit.candidates.map((_, index) => ({
          index,
          name: `c${index}`,
          reward,
          dimensions: { instructionFollowing: reward, preservation: null, quality: null },
          verdicts: [],
        })),
        ranking: [],
        notes: [],
      };
    },
  };
}

let dir = "";
const item = (id: string, extra: object) =>
  JSON.stringify({
    id,
    source: "source.png",
    instruction: "make it brighter",
    candidates: ["bright.png", "dark.png"],
    preferred: 0,
    ...extra,
  });

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), "editjudge-requirement-"));
  for (const [name, bytes] of Object.entries(await makeImages()))
    await writeFile(join(dir, `${name}.png`), bytes);
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe("bench items with a requirement", () => {
  it("reads the requirement, passes it to the judge as metadata, and keys stored judgments by it", async () => {
    const file = join(dir, "items.jsonl");
    await writeFile(
      file,
      `${[item("r", { requirement: " only the sky " }), item("n", { requirement: null }), item("b", {})].join("\n")}\n`,
    );
    const { items } = await readItemsJson([file]);
    expect(items.map((i) => i.requirement)).toEqual(["only the sky", undefined, undefined]);
    const store = new JudgmentStore(":memory:");
    const judge = requirementJudge();
    await runJudgeOnItems(items, { judge, store });
    expect(judge.seen).toEqual([{ requirement: "only the sky" }, undefined, undefined]);
    // The same item with another requirement is judged again, not read from the store.
    const again = requirementJudge();
    const changed = items.map((i) => (i.id === "r" ? { ...i, requirement: "only the trees" } : i));
    await runJudgeOnItems(changed, { judge: again, store });
    expect(again.seen).toEqual([{ requirement: "only the trees" }]);
    store.close();
  });

  it("refuses a requirement that is not text, naming the line", async () => {
    const file = join(dir, "bad.jsonl");
    await writeFile(file, `${item("x", { requirement: 5 })}\n`);
    await expect(readItemsJson([file])).rejects.toThrow(/bad\.jsonl:1: "requirement" is not text/);
  });
});
