import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { readItemsJson } from "./items-json.js";
import { parseRanking } from "./parse-ranking.js";
import { labelToVote, rewardsToVote } from "./vote4.js";

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), "editjudge-items-"));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe("parseRanking", () => {
  it("reads the field's ranking strings into tiers", () => {
    expect(parseRanking("A>B")).toEqual({ kind: "ranking", tiers: [[0], [1]] });
    expect(parseRanking("A<B")).toEqual({ kind: "ranking", tiers: [[1], [0]] });
    expect(parseRanking("C>A>B")).toEqual({ kind: "ranking", tiers: [[2], [0], [1]] });
    expect(parseRanking("A=B=Good")).toEqual({ kind: "ranking", tiers: [[0, 1]], tieQuality: "good" });
    expect(parseRanking("[[A=B=Bad]]")).toEqual({ kind: "ranking", tiers: [[0, 1]], tieQuality: "bad" });
    expect(parseRanking("A>C", ["A", "C"])).toEqual({ kind: "ranking", tiers: [[0], [1]] });
    expect(parseRanking("A>A")).toBeNull();
    expect(parseRanking("nonsense")).toBeNull();
  });

  it("maps between labels, votes and rewards", () => {
    expect(labelToVote({ kind: "ranking", tiers: [[1], [0]] })).toBe("B>A");
    expect(rewardsToVote([0.7, 0.69], 0.05)).toBe("A=B=Good");
    expect(rewardsToVote([0.2, 0.21], 0.05)).toBe("A=B=Bad");
    expect(rewardsToVote([0.2, 0.6], 0.05)).toBe("B>A");
    expect(rewardsToVote([null, 0.6], 0.05)).toBeNull();
  });
});

describe("EditJudge JSON/JSONL items", () => {
  it("reads pairwise, ranked and scored rows and resolves paths against the file", async () => {
    const rows = [
      { id: 1, source: "s.png", instruction: "brighter", candidates: ["a.png", "b.png"], preferred: 1 },
      {
        id: 2,
        source: "s.png",
        instruction: "brighter",
        candidates: ["a.png", "b.png", "c.png"],
        ranking: "C>A>B",
        category: "tone",
      },
    ];
    const file = join(dir, "items.json");
    await writeFile(file, JSON.stringify(rows));
    const ds = await readItemsJson([file]);
    expect(ds.items.map((i) => [i.id, i.category, i.human])).toEqual([
      ["1", "all", { kind: "ranking", tiers: [[1], [0]] }],
      ["2", "tone", { kind: "ranking", tiers: [[2], [0], [1]] }],
    ]);
    expect(ds.items[0]?.source).toEqual({ kind: "path", path: join(dir, "s.png") });
    expect(ds.primaryMetric).toBe("group-accuracy");
  });

  it("names the line and the fix on a bad row", async () => {
    const file = join(dir, "bad.jsonl");
    await writeFile(
      file,
      `${JSON.stringify({ id: 1, source: "s.png", instruction: "x", candidates: ["a.png", "b.png"], preferred: 3 })}\n`,
    );
    await expect(readItemsJson([file])).rejects.toThrow(/bad\.jsonl:1: "preferred" must be 0, 1 or "tie"/);
  });
});
