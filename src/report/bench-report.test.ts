import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { chromium } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runBench } from "../bench/run-bench.js";
import { writeEditRewardParquet } from "../bench/test-helpers/bench-fixtures.js";
import { TEST_CHROMIUM_ARGS, testChromium } from "../test-helpers/test-browser.js";
import { svgBarChart } from "./svg-bar-chart.js";
import { calibrationBins } from "./svg-calibration.js";
import { histogram } from "./svg-histogram.js";
import { voteConfusionTable } from "./vote-confusion.js";
import { writeBenchReport } from "./write-bench-report.js";

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), "editjudge-report-"));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe("plot helpers", () => {
  it("bins values and calibration points", () => {
    expect(histogram([0, 0.05, 0.5, 1, 1], 4)).toEqual([2, 0, 1, 2]);
    expect(
      calibrationBins(
        [
          { predicted: 0.1, observed: 0 },
          { predicted: 0.15, observed: 1 },
          { predicted: 0.9, observed: 1 },
        ],
        2,
      ),
    ).toEqual([
      { meanPredicted: 0.125, meanObserved: 0.5, count: 2 },
      { meanPredicted: 0.9, meanObserved: 1, count: 1 },
    ]);
    const table = voteConfusionTable([
      { humanVote: "A>B", predictedVote: "A>B" },
      { humanVote: "A>B", predictedVote: null },
      { humanVote: "A=B=Bad", predictedVote: "B>A" },
    ] as never);
    expect(table.match(/<td class="hit">1<\/td>/g)).toHaveLength(1);
    expect(table.match(/<td class="hit">/g)).toHaveLength(4);
    expect(svgBarChart([{ label: "<a>", value: 0.5, low: 0.4, high: 0.6 }], { title: "t" })).toContain(
      "&lt;a&gt;",
    );
  });
});

describe("HTML report", () => {
  it("renders plots, tables and inline images in headless Chromium without errors", async () => {
    const parquet = await writeEditRewardParquet(dir);
    // A stored judge that is wrong on both groups, so the disagreement table has rows with images.
    const stored = join(dir, "wrong.jsonl");
    await writeFile(
      stored,
      `${JSON.stringify({ id: "g1", judge: "always-wrong", rewards: [0.1, 0.9] })}\n${JSON.stringify({ id: "g2", judge: "always-wrong", rewards: [0.9, 0.1, 0.5] })}\n`,
    );
    const run = await runBench({
      inputs: [parquet],
      judgeId: "checks",
      stored: [stored],
      storePath: null,
      iterations: 50,
    });
    expect(run.runs.map((r) => r.report.judge)).toEqual(["checks", "always-wrong"]);
    const out = join(dir, "report.html");
    await writeBenchReport(run, out, new Date("2026-01-01T00:00:00Z"));
    const html = await readFile(out, "utf8");
    expect(html).not.toMatch(/<script|https?:\/\/(?!www\.w3\.org)/);

    const browser = await chromium.launch({ executablePath: await testChromium(), args: TEST_CHROMIUM_ARGS });
    try {
      const page = await browser.newPage({ viewport: { width: 1300, height: 900 } });
      const problems: string[] = [];
      page.on("console", (m) => {
        if (m.type() === "error") problems.push(m.text());
      });
      page.on("pageerror", (e) => problems.push(e.message));
      page.on("request", (r) => {
        if (!r.url().startsWith("file:") && !r.url().startsWith("data:"))
          problems.push(`network: ${r.url()}`);
      });
      await page.goto(`file://${out}`);
      expect(await page.locator("table.summary tbody tr").count()).toBe(2);
      expect(await page.locator("svg.bar-chart").count()).toBe(2);
      expect(await page.locator("svg.bar-chart rect.bar").count()).toBe(4); // 2 judges × 2 categories
      expect(await page.locator("svg.bar-chart path.ci").count()).toBe(4);
      expect(await page.locator("svg.histogram rect.bin").count()).toBe(40);
      expect(await page.locator("svg.calibration circle.cal-point").count()).toBeGreaterThan(1);
      expect(await page.locator("tr.disagreement").count()).toBeGreaterThanOrEqual(2);
      const images = await page
        .locator("tr.disagreement img")
        .evaluateAll((els) => els.map((e) => (e as unknown as { naturalWidth: number }).naturalWidth));
      expect(images.length).toBeGreaterThanOrEqual(5);
      expect(images.every((w) => w > 0)).toBe(true);
      const box = await page.locator("svg.bar-chart").first().boundingBox();
      expect(box?.width ?? 0).toBeGreaterThan(300);
      await page.screenshot({ path: join(tmpdir(), "editjudge-bench-report.png"), fullPage: true });
      expect(problems).toEqual([]);
    } finally {
      await browser.close();
    }
  });
});
