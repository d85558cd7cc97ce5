import type { ChatBackend } from "../contract/backend.js";
import type { Judge } from "../contract/judge.js";

/** Options every judge factory receives. Judges read what they need and ignore the rest. */
export interface JudgeFactoryOptions {
  /** Extra settings by name (backend, passes, weights…), already validated by the caller's config. */
  settings: Readonly<Record<string, unknown>>;
  /** A chat backend to use instead of one built from `settings` (VLM judges; tests, custom gateways). */
  backend?: ChatBackend;
}

/** One row of the judge registry: data the CLI, server and docs read. */
export interface JudgeEntry {
  id: string;
  description: string;
  /** True when the judge needs an OpenAI-compatible model server. */
  needsBackend: boolean;
  /** True when the judge verifies the principles a case gives (`EditCase.principles`); others parse the instruction. */
  readsPrinciples?: boolean;
  create(options: JudgeFactoryOptions): Judge | Promise<Judge>;
}
