import { Command, CommanderError } from "commander";
import { EditJudgeError } from "../errors/editjudge-error.js";
import { registerBench } from "./commands/bench.js";
import { registerCurate } from "./commands/curate.js";
import { registerDemo } from "./commands/demo.js";
import { registerJudges } from "./commands/judges.js";
import { registerPrompts } from "./commands/prompts.js";
import { registerScore } from "./commands/score.js";
import { registerServe } from "./commands/serve.js";

/** Exit codes: 0 ok, 1 failure, 2 bad input or usage. */
export async function main(argv: readonly string[]): Promise<number> {
  const program = new Command()
    .name("editjudge")
    .description("Judge image edits: per-principle verdicts with evidence, per-dimension scores, one reward.")
    .exitOverride()
    .configureOutput({ writeErr: (s) => process.stderr.write(s) });
  registerScore(program);
  registerDemo(program);
  registerBench(program);
  registerJudges(program);
  registerPrompts(program);
  registerServe(program);
  registerCurate(program);
  try {
    await program.parseAsync([...argv]);
    return typeof process.exitCode === "number" ? process.exitCode : 0;
  } catch (error) {
    return reportError(error);
  }
}

function reportError(error: unknown): number {
  if (error instanceof CommanderError) {
    return error.exitCode === 0 ? 0 : 2;
  }
  if (error instanceof EditJudgeError) {
    process.stderr.write(`editjudge: ${error.message}\n`);
    const usage =
      error.code === "invalid_input" ||
      error.code === "unknown_judge" ||
      error.name === "InputError" ||
      error.name === "ConfigError";
    if (error.code === "interrupted") return 130;
    return usage ? 2 : 1;
  }
  const message = error instanceof Error ? error.message : String(error);
  process.stderr.write(`editjudge: unexpected error: ${message.split("\n")[0]}\n`);
  if (process.env.EDITJUDGE_DEBUG && error instanceof Error) process.stderr.write(`${error.stack}\n`);
  return 1;
}
