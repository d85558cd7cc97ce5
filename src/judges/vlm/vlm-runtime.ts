import { OpenAiChatClient } from "../../backends/openai-chat-client.js";
import { probeCapabilities } from "../../backends/probe-capabilities.js";
import { CachedBackend } from "../../cache/cached-backend.js";
import { SqliteResponseCache } from "../../cache/response-cache.js";
import type { EditJudgeConfig } from "../../config/config-schema.js";
import type {
  BackendCapabilities,
  BackendUsage,
  ChatBackend,
  ChatJsonSchema,
} from "../../contract/backend.js";
import type { JudgeResult } from "../../contract/result.js";
import { ConfigError } from "../../errors/config-error.js";
import { PINNED_FILES } from "../../reference/pinned-files.js";
import { ReferenceFiles } from "../../reference/reference-files.js";
import { ORIGINAL_PROMPT_FILES } from "./original-prompts.js";
import { PromptImages } from "./prompt-images.js";
import { loadTemplate, type PromptTemplate } from "./prompt-template.js";

/** What every VLM judge shares: the backend (cached or not), the config, templates and image encoding. */
export class VlmRuntime {
  readonly backend: ChatBackend;
  readonly config: EditJudgeConfig;
  readonly images: PromptImages;
  /** The user's copies of the original projects (for the "original" prompt variant). */
  readonly reference: ReferenceFiles;
  readonly #templates = new Map<string, PromptTemplate>();

  constructor(backend: ChatBackend, config: EditJudgeConfig) {
    this.backend = backend;
    this.config = config;
    this.images = new PromptImages(config.maxSide);
    this.reference = new ReferenceFiles({
      dirs: config.referenceDirs,
      cacheDir: config.referenceCacheDir ?? "",
    });
  }

  /** True when `judgeId` runs in its original form: it has one and the own-worded variant was not chosen. */
  original(judgeId: string): boolean {
    return usesOriginal(this.config, judgeId);
  }

  /** Throws the one-line refusal when `judgeId`'s original form lacks its reference files (read once, then kept). */
  requireReference(judgeId: string): void {
    if (!this.original(judgeId)) return;
    for (const id of ORIGINAL_PROMPT_FILES[judgeId] ?? []) this.reference.read(PINNED_FILES[id], judgeId);
  }

  template(name: string, version = 1): PromptTemplate {
    const key = `${name}@${version}`;
    let t = this.#templates.get(key);
    if (!t) {
      t = loadTemplate(name, version);
      this.#templates.set(key, t);
    }
    return t;
  }

  capabilities(signal?: AbortSignal): Promise<BackendCapabilities> {
    return this.backend.capabilities(signal);
  }

  /** The json_schema to send, per `structuredOutput` and what the probe found. */
  schemaFor(caps: BackendCapabilities, schema: ChatJsonSchema): ChatJsonSchema | undefined {
    const mode = this.config.structuredOutput;
    return mode === "on" || (mode === "auto" && caps.jsonSchema) ? schema : undefined;
  }

  /**
   * Has the cache drop the replies this result could not use (verdicts that abstain on a raw reply: no parsable
   * answer), so judging the same case again asks the model again instead of replaying them.
   */
  forgetUnusable(result: JudgeResult): void {
    if (!this.backend.forget) return;
    for (const candidate of result.candidates)
      for (const verdict of candidate.verdicts) {
        const details = verdict.evidence.details as { rawText?: unknown } | undefined;
        if (verdict.status === "abstain" && typeof details?.rawText === "string")
          this.backend.forget(details.rawText);
      }
  }

  /** The backend's running totals; null when it keeps none. */
  usage(): BackendUsage | null {
    return this.backend.usage?.() ?? null;
  }

  async close(): Promise<void> {
    await this.backend.close?.();
  }
}

function usesOriginal(config: EditJudgeConfig, judgeId: string): boolean {
  return config.promptVariant === "original" && judgeId in ORIGINAL_PROMPT_FILES;
}

/**
 * Refuses, with one line saying what to clone or fetch, a judge whose original form needs reference files that
 * are missing or changed. Never falls back to the own-worded prompts silently: a fine-tuned judge would then be
 * off its training distribution.
 */
export function requireReferenceFiles(config: EditJudgeConfig, judgeId: string): void {
  if (!usesOriginal(config, judgeId)) return;
  const files = new ReferenceFiles({ dirs: config.referenceDirs, cacheDir: config.referenceCacheDir ?? "" });
  for (const id of ORIGINAL_PROMPT_FILES[judgeId] ?? []) files.read(PINNED_FILES[id], judgeId);
}

/** Builds the runtime a config describes: an OpenAI-compatible client, behind the SQLite cache unless disabled. */
export function createVlmRuntime(config: EditJudgeConfig, judgeId: string): VlmRuntime {
  if (config.baseUrls.length === 0) {
    throw new ConfigError(
      "baseUrls",
      `the ${judgeId} judge needs a model server; pass --base-url http://host:port/v1 or set EDITJUDGE_BASE_URL`,
    );
  }
  if (!config.model) {
    throw new ConfigError(
      "model",
      `the ${judgeId} judge needs a model name; pass --model NAME or set EDITJUDGE_MODEL (see GET /v1/models on the server)`,
    );
  }
  const client = new OpenAiChatClient({
    baseUrls: config.baseUrls,
    model: config.model,
    ...(config.apiKey ? { apiKey: config.apiKey } : {}),
    timeoutMs: config.timeoutMs,
    retry: { maxRetries: config.maxRetries },
    concurrency: config.concurrency,
    cooldownMs: config.cooldownMs,
  });
  const backend =
    config.cache && config.cachePath
      ? new CachedBackend(client, new SqliteResponseCache(config.cachePath), { probe: probeCapabilities })
      : client;
  return new VlmRuntime(backend, config);
}
