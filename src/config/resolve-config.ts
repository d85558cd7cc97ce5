import { readFileSync } from "node:fs";
import { ConfigError } from "../errors/config-error.js";
import { describeIssue } from "./check-settings.js";
import { configFromEnv } from "./config-env.js";
import {
  configSchema,
  defaultCachePath,
  defaultReferenceCacheDir,
  type EditJudgeConfig,
} from "./config-schema.js";

export interface ResolveConfigSources {
  /** Options set explicitly (CLI flags, library settings). Undefined values are ignored. */
  explicit?: Readonly<Record<string, unknown>>;
  /** Path of a JSON config file, if any. */
  configFile?: string;
  /** Environment to read EDITJUDGE_* from. The library passes none unless the caller does. */
  env?: Readonly<Record<string, string | undefined>>;
}

/** One typed config: explicit option > config file > EDITJUDGE_* env > default. Validated with zod. */
export function resolveConfig(sources: ResolveConfigSources = {}): EditJudgeConfig {
  const env = sources.env ?? {};
  const merged = {
    ...configFromEnv(env),
    ...(sources.configFile ? readConfigFile(sources.configFile) : {}),
    ...defined(sources.explicit ?? {}),
  };
  const parsed = configSchema.safeParse(merged);
  if (!parsed.success) {
    const { setting, problem } = describeIssue(parsed.error.issues[0]);
    throw new ConfigError(
      setting,
      `${problem}; fix the flag, config file, EDITJUDGE_* variable or library setting that gives it`,
    );
  }
  const config = parsed.data;
  if (config.cachePath === undefined) config.cachePath = defaultCachePath(env);
  if (config.referenceCacheDir === undefined) config.referenceCacheDir = defaultReferenceCacheDir(env);
  return config;
}

function readConfigFile(path: string): Record<string, unknown> {
  let text: string;
  try {
    text = readFileSync(path, "utf8");
  } catch (error) {
    throw new ConfigError(
      "config",
      `cannot read config file ${path} (${(error as NodeJS.ErrnoException).code}); check the path given by --config or EDITJUDGE_CONFIG`,
    );
  }
  try {
    const value: unknown = JSON.parse(text);
    if (typeof value !== "object" || value === null || Array.isArray(value)) throw new Error("not an object");
    return value as Record<string, unknown>;
  } catch (error) {
    throw new ConfigError(
      "config",
      `config file ${path} is not a JSON object (${(error as Error).message}); fix its syntax`,
    );
  }
}

function defined(values: Readonly<Record<string, unknown>>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(values).filter(([, v]) => v !== undefined));
}
