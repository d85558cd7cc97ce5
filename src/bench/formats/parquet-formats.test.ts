import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runBench } from "../run-bench.js";
import {
  writeEditRewardComparisons,
  writeEditRewardParquet,
  writeEditScoreParquet,
  writeHfParquet,
} from "../test-helpers/bench-fixtures.js";
import { detectFormat, readDataset } from "./read-dataset.js";

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), "editjudge-parquet-"));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe("Parquet with embedded images, generated here, read end to end", () => {
  it("reads EditReward-Bench rows as K-way groups with decoded image bytes", async () => {
    const file = await writeEditRewardParquet(dir);
    expect(await detectFormat(file)).toBe("editreward-bench");
    const ds = await readDataset([file]);
    expect(ds.primaryMetric).toBe("group-accuracy");
    expect(ds.items.map((i) => [i.id, i.category, i.candidates?.length])).toEqual([
      ["g1", "2pair", 2],
      ["g2", "3pair", 3],
    ]);
    expect(ds.items[1]?.human).toEqual({ kind: "ranking", tiers: [[1], [2], [0]] });
    const source = ds.items[0]?.source;
    expect(source?.kind === "bytes" && source.bytes.length > 100).toBe(true);

    const run = await runBench({ inputs: [file], judgeId: "checks", storePath: null, iterations: 20 });
    const report = run.runs[0]?.report;
    expect(report?.source).toBe("registry");
    expect(report?.n).toBe(2);
    expect(Object.keys(report?.metrics["group-accuracy"] ?? {}).sort()).toEqual(["K=2", "K=3"]);
    expect(run.runs[0]?.outcomes.every((o) => o.error === undefined)).toBe(true);
  });

  it("groups EditReward-Bench per-comparison rows and maps their letters", async () => {
    const file = await writeEditRewardComparisons(dir);
    const ds = await readDataset([file], "editreward-bench");
    expect(ds.items.map((i) => [i.id, i.groupId, i.candidateNames, i.human])).toEqual([
      ["g3_AvsB", "g3", ["A", "B"], { kind: "ranking", tiers: [[1], [0]] }],
      ["g3_AvsC", "g3", ["A", "C"], { kind: "ranking", tiers: [[1], [0]] }],
      ["g3_BvsC", "g3", ["B", "C"], { kind: "ranking", tiers: [[0], [1]] }],
    ]);
    const bad = await writeEditRewardComparisons(dir, ["B>A", "C>A", "A>D"]);
    await expect(readDataset([bad], "editreward-bench")).rejects.toThrow(
      /row 2: ranking "A>D" does not rank/,
    );
  });

  it("reads EditScore rows (preferred first) and reports the macro over task types", async () => {
    const file = await writeEditScoreParquet(dir);
    expect(await detectFormat(file)).toBe("editscore");
    const run = await runBench({ inputs: [file], judgeId: "checks", storePath: null, iterations: 20 });
    const report = run.runs[0]?.report;
    expect(report?.primary.metric).toBe("pairwise-strict-macro-task");
    const macro = report?.metrics["pairwise-strict-macro-task"]?.overall;
    expect(Object.keys(macro?.byTask ?? {})).toEqual(["color", "tone"]);
    const byTask = macro?.byTask ?? {};
    expect(macro?.macroAccuracy).toBeCloseTo(((byTask.color ?? 0) + (byTask.tone ?? 0)) / 2, 12);
  });

  it("reads Hugging Face-style raw-bytes columns with GenAI-Bench votes", async () => {
    const file = await writeHfParquet(dir);
    expect(await detectFormat(file)).toBe("hf-parquet");
    const ds = await readDataset([file]);
    expect(ds.primaryMetric).toBe("vote4-exact-match");
    expect(ds.items.map((i) => i.human)).toEqual([
      { kind: "ranking", tiers: [[0], [1]] },
      { kind: "ranking", tiers: [[1], [0]] },
      { kind: "ranking", tiers: [[0, 1]], tieQuality: "bad" },
    ]);
    const run = await runBench({
      inputs: [file],
      judgeId: "checks",
      storePath: null,
      iterations: 20,
      tieThreshold: 0.05,
    });
    expect(run.runs[0]?.report.metrics["vote4-exact-match"]?.tieThreshold).toBe(0.05);
    expect(run.runs[0]?.outcomes.every((o) => o.scores.length === 2)).toBe(true);
  });
});
