import type { Command } from "commander";
import { readPairwiseJsonl } from "../../bench/pairwise-jsonl.js";
import { runPairwiseBench } from "../../bench/run-pairwise-bench.js";

export function registerBench(program: Command): void {
  program
    .command("bench")
    .description("measure a judge against pairwise preferences in EditJudge's JSONL format")
    .argument(
      "<file>",
      'pairwise JSONL: {id, source, instruction, candidates:[a,b], preferred:0|1|"tie", category?}',
    )
    .option("-j, --judge <id>", "judge to run", "checks")
    .option("--json", "print the summary as JSON")
    .option("--rows", "with --json, include every item's rewards and outcome")
    .action(async (file: string, opts: { judge: string; json?: boolean; rows?: boolean }) => {
      const items = await readPairwiseJsonl(file);
      const showProgress = process.stderr.isTTY;
      const started = Date.now();
      const { summary, rows } = await runPairwiseBench(items, {
        judgeId: opts.judge,
        onProgress: (done, total) => {
          if (!showProgress) return;
          const eta = ((Date.now() - started) / done) * (total - done);
          process.stderr.write(`\r${done}/${total} pairs  eta ${(eta / 1000).toFixed(0)}s   `);
        },
      });
      if (showProgress) process.stderr.write("\n");
      if (opts.json) {
        process.stdout.write(`${JSON.stringify(opts.rows ? { ...summary, rows } : summary, null, 2)}\n`);
        return;
      }
      process.stdout.write(
        `judge ${opts.judge}: accuracy ${summary.accuracy.toFixed(4)} over ${summary.n} pairs (ties ${summary.ties}, abstained ${summary.abstained})\n`,
      );
      process.stdout.write(
        `${"category".padEnd(24)} ${"n".padStart(5)} ${"accuracy".padStart(9)} ${"ties".padStart(5)} ${"abst".padStart(5)}\n`,
      );
      for (const [cat, s] of Object.entries(summary.byCategory)) {
        process.stdout.write(
          `${cat.padEnd(24)} ${String(s.n).padStart(5)} ${s.accuracy.toFixed(4).padStart(9)} ${String(s.ties).padStart(5)} ${String(s.abstained).padStart(5)}\n`,
        );
      }
    });
}
