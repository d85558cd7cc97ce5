import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { spearman } from "../../metrics/correlation.js";
import { runBench } from "../run-bench.js";
import { parseScPq } from "./imagenhub-ratings.js";
import { viescoreOverall } from "./viescore-outputs.js";

// Synthetic fixtures in the ImagenHub / VIEScore shapes (never the reserved eval files).
const HEADER = "uid\tM1\tM2";
const RATER = (m1u4: string) =>
  [
    HEADER,
    "u1\t[1, 1]\t[1, 1]",
    "u2\t[0.5, 0.5]\t[0, 0]",
    "u3\t[0, 1]\t[0.5, 1]",
    `u4\t${m1u4}\t[1, 0]`,
    "u5\t[0.5, 1]\t",
  ].join("\n");
const VIESCORE = [
  { model: "M1", uid: "u1", SC: [8, 9], PQ: [8, 8] }, // 0.8
  { model: "M1", uid: "u2", SC: [3, 9], PQ: [3] }, // 0.3
  { model: "M1", uid: "u3", SC: [5], PQ: [5] }, // 0.5
  { model: "M1", uid: "u4", SC: [6], PQ: [6, 7] }, // 0.6
  { model: "M1", uid: "u5", SC: [], PQ: [5] }, // abstains
  { model: "M2", uid: "u1", SC: [2], PQ: [2] },
  { model: "M2", uid: "u2", SC: [4], PQ: [4] },
  { model: "M2", uid: "u3", SC: [6], PQ: [6] },
  { model: "M2", uid: "u4", SC: [8], PQ: [8] },
];

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), "editjudge-imagenhub-"));
  await writeFile(join(dir, "Text-Guided_IE_rater1.tsv"), RATER("[1, 0.5]"));
  await writeFile(join(dir, "Text-Guided_IE_rater2.tsv"), RATER("[1, 0.5]"));
  await writeFile(join(dir, "Text-Guided_IE_rater3.tsv"), RATER("[1, 1]"));
  await writeFile(join(dir, "viescore-fake.jsonl"), VIESCORE.map((r) => JSON.stringify(r)).join("\n"));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe("ImagenHub ratings and VIEScore outputs", () => {
  it("parses cells and VIEScore's overall score", () => {
    expect(parseScPq("[0.5, 1]")).toEqual([0.5, 1]);
    expect(parseScPq("[0,0]")).toEqual([0, 0]);
    expect(parseScPq("")).toBeNull();
    expect(viescoreOverall([8, 9], [8, 8])).toBeCloseTo(0.8, 12);
    expect(viescoreOverall([], [5])).toBeNull();
  });

  it("averages sqrt(SC·PQ) over raters and reports Spearman per model through Fisher z", async () => {
    const run = await runBench({ inputs: [dir], iterations: 50 });
    expect(run.dataset.format).toBe("imagenhub");
    // M1 × u1..u5 and M2 × u1..u4 (M2/u5 unrated)
    expect(run.dataset.items).toHaveLength(9);
    const u4 = run.dataset.items.find((i) => i.id === "u4::M1");
    expect(u4?.human).toEqual({ kind: "scores", scores: [(2 * Math.sqrt(0.5) + 1) / 3] });

    const report = run.runs[0]?.report;
    expect(report?.judge).toBe("viescore-fake");
    expect(report?.accuracy).toBeNull();
    expect(report?.abstained).toBe(1);
    // M1: human ranks (u1..u4) 4,2,1,3; judge ranks 4,1,2,3 → Σd² = 2 → ρ = 1 − 6·2/(4·15) = 0.8
    // M2: human 1,0,0.707,0 → ranks 4,1.5,3,1.5; judge ranks 1,2,3,4 → ρ = −3/√22.5
    const m2 = -3 / Math.sqrt(22.5);
    const sp = report?.metrics.spearman;
    expect(sp?.perCategory.M1).toBeCloseTo(0.8, 12);
    expect(sp?.perCategory.M2).toBeCloseTo(m2, 12);
    expect(sp?.fisherZAverage).toBeCloseTo(Math.tanh((Math.atanh(0.8) + Math.atanh(m2)) / 2), 12);
    expect(report?.primary.value).toBeCloseTo(sp?.fisherZAverage ?? Number.NaN, 12);
    const human = [1, 0.5, 0, (2 * Math.sqrt(0.5) + 1) / 3, 1, 0, Math.sqrt(0.5), 0];
    expect(sp?.pooled).toBeCloseTo(spearman([0.8, 0.3, 0.5, 0.6, 0.2, 0.4, 0.6, 0.8], human), 12);
    expect(report?.metrics["kendall-tau-b"]?.perCategory.M1).toBeCloseTo(4 / 6, 12);
    expect(report?.byCategory.M1?.ci95).not.toBeNull();
  });
});
