import type { Command } from "commander";
import { JUDGE_REGISTRY } from "../../judges/registry.js";

export function registerJudges(program: Command): void {
  program
    .command("judges")
    .description("list the available judges")
    .option("--json", "print JSON")
    .action((opts: { json?: boolean }) => {
      const rows = JUDGE_REGISTRY.map((j) => ({
        id: j.id,
        needsBackend: j.needsBackend,
        description: j.description,
      }));
      if (opts.json) {
        process.stdout.write(`${JSON.stringify(rows, null, 2)}\n`);
        return;
      }
      for (const r of rows)
        process.stdout.write(
          `${r.id.padEnd(10)} ${r.needsBackend ? "[backend]" : "[offline]"}  ${r.description}\n`,
        );
    });
}
