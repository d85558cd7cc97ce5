import { ConfigError } from "../errors/config-error.js";
import type { EditJudgeConfigInput } from "./config-schema.js";

type Env = Readonly<Record<string, string | undefined>>;
type Key = keyof EditJudgeConfigInput;
type Kind = "string" | "list" | "number" | "boolean";

/** Environment variable(s) per setting, first one set wins. */
export const CONFIG_ENV: ReadonlyArray<{ key: Key; vars: readonly string[]; kind: Kind }> = [
  { key: "baseUrls", vars: ["EDITJUDGE_BASE_URL", "OPENAI_BASE_URL"], kind: "list" },
  { key: "model", vars: ["EDITJUDGE_MODEL"], kind: "string" },
  { key: "apiKey", vars: ["EDITJUDGE_API_KEY", "OPENAI_API_KEY"], kind: "string" },
  { key: "temperature", vars: ["EDITJUDGE_TEMPERATURE"], kind: "number" },
  { key: "maxTokens", vars: ["EDITJUDGE_MAX_TOKENS"], kind: "number" },
  { key: "topLogprobs", vars: ["EDITJUDGE_TOP_LOGPROBS"], kind: "number" },
  { key: "minProbabilityMass", vars: ["EDITJUDGE_MIN_PROBABILITY_MASS"], kind: "number" },
  { key: "maxSide", vars: ["EDITJUDGE_MAX_SIDE"], kind: "number" },
  { key: "timeoutMs", vars: ["EDITJUDGE_TIMEOUT_MS"], kind: "number" },
  { key: "maxRetries", vars: ["EDITJUDGE_MAX_RETRIES"], kind: "number" },
  { key: "concurrency", vars: ["EDITJUDGE_CONCURRENCY"], kind: "number" },
  { key: "cooldownMs", vars: ["EDITJUDGE_COOLDOWN_MS"], kind: "number" },
  { key: "cache", vars: ["EDITJUDGE_CACHE"], kind: "boolean" },
  { key: "cachePath", vars: ["EDITJUDGE_CACHE_PATH"], kind: "string" },
  { key: "structuredOutput", vars: ["EDITJUDGE_STRUCTURED_OUTPUT"], kind: "string" },
  { key: "passes", vars: ["EDITJUDGE_PASSES"], kind: "number" },
  { key: "referenceDirs", vars: ["EDITJUDGE_REFERENCE_DIR"], kind: "list" },
  { key: "referenceCacheDir", vars: ["EDITJUDGE_REFERENCE_CACHE_DIR"], kind: "string" },
  { key: "promptVariant", vars: ["EDITJUDGE_PROMPT_VARIANT"], kind: "string" },
  { key: "content", vars: ["EDITJUDGE_CONTENT"], kind: "string" },
  { key: "maxPixels", vars: ["EDITJUDGE_MAX_PIXELS"], kind: "number" },
];

/** Reads the settings present in `env`. Values are validated later, with the rest of the config. */
export function configFromEnv(env: Env): Partial<Record<Key, unknown>> {
  const out: Partial<Record<Key, unknown>> = {};
  for (const { key, vars, kind } of CONFIG_ENV) {
    const name = vars.find((v) => env[v] !== undefined && env[v] !== "");
    if (!name) continue;
    const raw = (env[name] as string).trim();
    out[key] = parseValue(raw, kind, name);
  }
  return out;
}

function parseValue(raw: string, kind: Kind, name: string): unknown {
  switch (kind) {
    case "string":
      return raw;
    case "list":
      return raw
        .split(",")
        .map((s) => s.trim())
        .filter((s) => s.length > 0);
    case "number": {
      const n = Number(raw);
      if (!Number.isFinite(n)) throw new ConfigError(name, `${name}="${raw}" is not a number; set a number`);
      return n;
    }
    case "boolean": {
      if (/^(1|true|yes|on)$/i.test(raw)) return true;
      if (/^(0|false|no|off)$/i.test(raw)) return false;
      throw new ConfigError(name, `${name}="${raw}" is not a boolean; use 1/0, true/false`);
    }
  }
}
