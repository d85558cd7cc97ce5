import type { Command } from "commander";
import { makeDemoCase } from "../../demo/demo-case.js";
import { runJudge } from "../../judges/run-judge.js";
import { renderResultTable } from "../render-result-table.js";

export function registerDemo(program: Command): void {
  program
    .command("demo")
    .description("judge a bundled example (a Kodak photo and four candidate edits) and print the table")
    .option("-j, --judge <id>", "judge to use", "checks")
    .option("--json", "print the full result as JSON")
    .action(async (opts: { judge: string; json?: boolean }) => {
      const edit = await makeDemoCase();
      const result = await runJudge({ judgeId: opts.judge, edit });
      process.stdout.write(opts.json ? `${JSON.stringify(result, null, 2)}\n` : renderResultTable(result));
    });
}
