import type { Command } from "commander";
import type { EditJudgeConfig } from "../config/config-schema.js";
import { resolveConfig } from "../config/resolve-config.js";

const int = (v: string): number => Number.parseInt(v, 10);
const num = (v: string): number => Number(v);

/** Flag → config key. Every flag maps to a documented setting in src/config/config-schema.ts. */
const FLAGS: ReadonlyArray<{
  flag: string;
  key: keyof EditJudgeConfig;
  help: string;
  parse?: (v: string) => unknown;
}> = [
  {
    flag: "--base-url <url...>",
    key: "baseUrls",
    help: "OpenAI-compatible base URL(s) ending in /v1; several = replicas (env EDITJUDGE_BASE_URL)",
  },
  { flag: "--model <name>", key: "model", help: "model name on the server (env EDITJUDGE_MODEL)" },
  { flag: "--api-key <key>", key: "apiKey", help: "API key (env EDITJUDGE_API_KEY, then OPENAI_API_KEY)" },
  {
    flag: "--temperature <t>",
    key: "temperature",
    help: "sampling temperature (default 0; 0.7 for editscore passes > 1)",
    parse: num,
  },
  {
    flag: "--max-tokens <n>",
    key: "maxTokens",
    help: "max generated tokens per reply (default 1024)",
    parse: int,
  },
  { flag: "--top-logprobs <k>", key: "topLogprobs", help: "top_logprobs asked for (default 20)", parse: int },
  {
    flag: "--min-probability-mass <p>",
    key: "minProbabilityMass",
    help: "logit, rubric, hybrid: abstain when digit or yes/no tokens hold less of the first token's top_logprobs (default 0.5)",
    parse: num,
  },
  {
    flag: "--max-side <px>",
    key: "maxSide",
    help: "resize images so the longer side is at most this (default 1024)",
    parse: int,
  },
  { flag: "--timeout-ms <ms>", key: "timeoutMs", help: "per-call timeout (default 120000)", parse: int },
  {
    flag: "--max-retries <n>",
    key: "maxRetries",
    help: "retries on 408/409/429/5xx/connection errors (default 3)",
    parse: int,
  },
  { flag: "--concurrency <n>", key: "concurrency", help: "backend calls in flight (default 8)", parse: int },
  {
    flag: "--cooldown-ms <ms>",
    key: "cooldownMs",
    help: "cool-down of a failing replica (default 30000)",
    parse: int,
  },
  { flag: "--no-cache", key: "cache", help: "do not read or write the response cache" },
  {
    flag: "--cache-path <file>",
    key: "cachePath",
    help: "SQLite response cache (default ~/.cache/editjudge/responses.sqlite)",
  },
  {
    flag: "--structured-output <mode>",
    key: "structuredOutput",
    help: "json_schema use: auto|on|off (default auto)",
  },
  { flag: "--passes <k>", key: "passes", help: "editscore: samples averaged, Avg@k (default 1)", parse: int },
  { flag: "--firm-w1 <w>", key: "firmW1", help: "firm: weight of execution alone (default 0.6)", parse: num },
  {
    flag: "--firm-w2 <w>",
    key: "firmW2",
    help: "firm: weight of execution × consistency (default 0.4)",
    parse: num,
  },
  {
    flag: "--reference-dir <dir...>",
    key: "referenceDirs",
    help: "clone(s) of the original projects the original prompts are read from (env EDITJUDGE_REFERENCE_DIR)",
  },
  {
    flag: "--reference-cache-dir <dir>",
    key: "referenceCacheDir",
    help: "where `prompts fetch` keeps the pinned files (default ~/.cache/editjudge/reference)",
  },
  {
    flag: "--prompt-variant <v>",
    key: "promptVariant",
    help: "original (the method's own prompt, default) | editjudge (own-worded templates)",
  },
  {
    flag: "--editscore-pq-images <v>",
    key: "editscorePqImages",
    help: "editscore: PQ sees edited (default) | source-and-edited (EditScore's RL server)",
  },
  {
    flag: "--pairwise-orders <v>",
    key: "pairwiseOrders",
    help: "pairwise: given (one call, GenAI-Bench, default) | both (both orders averaged)",
  },
  {
    flag: "--content <mode>",
    key: "content",
    help: "checks: content models (OCR, detector, faces) auto (default) | off (pixel checks only; env EDITJUDGE_CONTENT)",
  },
  {
    flag: "--max-pixels <n>",
    key: "maxPixels",
    help: "largest image accepted, in pixels (default 40000000; env EDITJUDGE_MAX_PIXELS)",
    parse: num,
  },
  {
    flag: "--hybrid-margin <m>",
    key: "hybridMargin",
    help: "hybrid: checks decide when |score − 0.5| ≥ m (default 0.25)",
    parse: num,
  },
];

/** Adds the model-backend flags (and --config) to a command, but for `except` (flags the command uses otherwise). */
export function addBackendFlags(
  command: Command,
  except: ReadonlyArray<keyof EditJudgeConfig> = [],
): Command {
  command.option("--config <file>", "JSON config file (env EDITJUDGE_CONFIG); flags override it");
  for (const f of FLAGS) {
    if (except.includes(f.key)) continue;
    if (f.parse) command.option(f.flag, f.help, f.parse);
    else command.option(f.flag, f.help);
  }
  return command;
}

/** The resolved config: flags given on the command line > config file > EDITJUDGE_* env > defaults. */
export function backendConfigFrom(
  command: Command,
  env: Readonly<Record<string, string | undefined>>,
  except: ReadonlyArray<keyof EditJudgeConfig> = [],
): EditJudgeConfig {
  const opts = command.opts<Record<string, unknown>>();
  const explicit: Record<string, unknown> = {};
  for (const f of FLAGS) {
    if (except.includes(f.key)) continue;
    const name = f.key === "baseUrls" ? "baseUrl" : f.key === "referenceDirs" ? "referenceDir" : f.key;
    if (command.getOptionValueSource(name) === "cli") explicit[f.key] = opts[name];
  }
  const configFile = (opts.config as string | undefined) ?? env.EDITJUDGE_CONFIG;
  return resolveConfig({ explicit, env, ...(configFile ? { configFile } : {}) });
}
