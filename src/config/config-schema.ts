import { homedir } from "node:os";
import { join } from "node:path";
import { z } from "zod";

/**
 * Every EditJudge setting, with its default. Precedence when resolving (see `resolveConfig`):
 * explicit option > config file > EDITJUDGE_* environment variable > default.
 */
export const configSchema = z
  .object({
    /** OpenAI-compatible base URL(s), e.g. http://localhost:8000/v1. Several = replicas. Default: none. */
    baseUrls: z.array(z.url()).default([]),
    /** Model name as the server knows it. Default: none. */
    model: z.string().min(1).optional(),
    /** Bearer token. Default: none (local servers need none). */
    apiKey: z.string().optional(),
    /** Sampling temperature. Default 0 (editscore passes > 1 default to 0.7 unless set). */
    temperature: z.number().min(0).max(2).optional(),
    /** Maximum generated tokens per reply. Default 1024. */
    maxTokens: z.number().int().positive().default(1024),
    /** top_logprobs asked for when a judge reads token probabilities. Default 20. */
    topLogprobs: z.number().int().min(1).max(20).default(20),
    /**
     * Token-probability judges (logit; rubric and hybrid yes/no verdicts) abstain when the label tokens (digits
     * 0–5, or yes/no) hold less than this share of the first generated token's top_logprobs. Default 0.5.
     */
    minProbabilityMass: z.number().min(0).max(1).default(0.5),
    /** Images are resized so their longer side is at most this many pixels. Default 1024. */
    maxSide: z.number().int().min(64).max(8192).default(1024),
    /** Per-call timeout in milliseconds. Default 120000. */
    timeoutMs: z.number().int().positive().default(120_000),
    /** Retries after the first try on 408/409/429/5xx and connection errors. Default 3. */
    maxRetries: z.number().int().min(0).max(10).default(3),
    /** Calls in flight per backend. Default 8. */
    concurrency: z.number().int().min(1).max(1024).default(8),
    /** How long a failing replica is left out, in milliseconds. Default 30000. */
    cooldownMs: z.number().int().min(0).default(30_000),
    /** Use the persistent response cache. Default true; `--no-cache` turns it off. */
    cache: z.boolean().default(true),
    /** SQLite file of the response cache. Default $XDG_CACHE_HOME/editjudge/responses.sqlite. */
    cachePath: z.string().min(1).optional(),
    /** Use response_format json_schema: "auto" (when the probe says it is honoured), "on", "off". Default auto. */
    structuredOutput: z.enum(["auto", "on", "off"]).default("auto"),
    /** editscore: samples averaged (Avg@k). Default 1. */
    passes: z.number().int().min(1).max(32).default(1),
    /** firm: weights w1 (execution alone) and w2 (execution × consistency). Defaults 0.6 and 0.4. */
    firmW1: z.number().min(0).default(0.6),
    firmW2: z.number().min(0).default(0.4),
    /**
     * Directories with the original projects' files the original prompts are read from: a clone of one repository
     * (e.g. VectorSpaceLab/EditScore) or a folder of clones. Default: none (then only the `prompts fetch` cache).
     */
    referenceDirs: z.array(z.string().min(1)).default([]),
    /** Where `editjudge prompts fetch` stores the pinned files. Default $XDG_CACHE_HOME/editjudge/reference. */
    referenceCacheDir: z.string().min(1).optional(),
    /**
     * Prompt text of viescore, editscore, logit, firm and pairwise: "original" (the method's own text, read from the
     * reference files; refused with a one-line fix when they are missing) or "editjudge" (EditJudge's own-worded
     * templates in prompts/). Default "original".
     */
    promptVariant: z.enum(["original", "editjudge"]).default("original"),
    /** editscore: what the PQ prompt sees: "edited" (EditScore.evaluate) or "source-and-edited" (its RL reward server). */
    editscorePqImages: z.enum(["edited", "source-and-edited"]).default("edited"),
    /** pairwise: "given" (one call, the order given: GenAI-Bench's form) or "both" (both orders averaged). */
    pairwiseOrders: z.enum(["given", "both"]).default("given"),
    /**
     * checks: "auto" verifies text, object and identity principles with the content models
     * that ship in npm packages (OCR, a detector, face embeddings), loaded on first use; "off" runs the pixel checks
     * only (content principles abstain, saying so). Default "auto".
     */
    content: z.enum(["auto", "off"]).default("auto"),
    /**
     * Largest image accepted, in pixels (width × height), checked from the file's header before decoding, so a
     * decompression bomb is refused cheaply. Default 40000000 (40 MP).
     */
    maxPixels: z.number().int().min(1).max(1_000_000_000).default(40_000_000),
    /** hybrid: a checks verdict decides when |score − 0.5| ≥ this margin. Default 0.25. */
    hybridMargin: z.number().min(0).max(0.5).default(0.25),
  })
  .strict();

export type EditJudgeConfig = z.infer<typeof configSchema>;
/** What a caller may set: any subset. */
export type EditJudgeConfigInput = z.input<typeof configSchema>;

export function defaultReferenceCacheDir(env: Readonly<Record<string, string | undefined>>): string {
  const base = env.XDG_CACHE_HOME || join(homedir(), ".cache");
  return join(base, "editjudge", "reference");
}

export function defaultCachePath(env: Readonly<Record<string, string | undefined>>): string {
  const base = env.XDG_CACHE_HOME || join(homedir(), ".cache");
  return join(base, "editjudge", "responses.sqlite");
}
