import { describe, expect, it } from "vitest";
import { GENAI_BENCH_DIR } from "../test-helpers/test-fixture.js";
import { runBench } from "./run-bench.js";

// The vote files are vendored unchanged in test-fixtures/ (MIT, see its README).
const DIR = GENAI_BENCH_DIR;

describe("GenAI-Bench image editing: published accuracies from stored verdicts", () => {
  it("reproduces gpt4o 53.54 and gemini-1.5-pro 55.93 (4-class exact match over 919 rows)", async () => {
    const run = await runBench({
      inputs: [`${DIR}/gpt4o.pairwise.jsonl`, `${DIR}/gemini-1.5-pro.pairwise.jsonl`],
      format: "genai-bench",
      iterations: 50,
    });
    const byJudge = Object.fromEntries(run.runs.map((r) => [r.report.judge, r.report]));
    expect(run.dataset.items).toHaveLength(919);
    expect(byJudge.gpt4o?.primary.metric).toBe("vote4-exact-match");
    expect(((byJudge.gpt4o?.accuracy ?? 0) * 100).toFixed(2)).toBe("53.54");
    expect(((byJudge["gemini-1.5-pro"]?.accuracy ?? 0) * 100).toFixed(2)).toBe("55.93");
    expect(byJudge.gpt4o?.n).toBe(919);
  });

  it("counts null model votes wrong and as abstentions (blip2 has 9)", async () => {
    const run = await runBench({ inputs: [`${DIR}/blip2.pairwise.jsonl`], format: "auto", iterations: 10 });
    const report = run.runs[0]?.report;
    expect(report?.abstained).toBe(9);
    expect(report?.n).toBe(919);
    expect(((report?.accuracy ?? 0) * 100).toFixed(2)).toBe("26.01");
  });
});
