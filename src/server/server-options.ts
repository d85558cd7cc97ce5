import type { Judge } from "../contract/judge.js";
import type { ImageLimits } from "../image/image-limits.js";
import type { LookupFn, Transport } from "../net/fetch-transport.js";
import type { CompatNullMode } from "./compat/compat-null.js";

/** Low-variance group filtering (Edit-R1, DiffusionNFT): keep a group when std > minStd and mean < maxMean. */
export interface KeepRule {
  /** Default 0.05. */
  minStd: number;
  /** Default 0.9. */
  maxMean: number;
}

export interface ImageSourceOptions {
  /** Accept http(s) image URLs (SSRF-checked). Default false. */
  allowUrls: boolean;
  /** Directories file paths may point into; empty = paths refused. Default []. */
  pathRoots: readonly string[];
  /** Time limit per URL fetch, ms. Default 10 000. */
  fetchTimeoutMs: number;
  /** Injected DNS and transport, for tests. */
  lookup?: LookupFn;
  transport?: Transport;
}

export interface AppOptions {
  /** Judges created once per process, by id. The first is the default. */
  judges: ReadonlyMap<string, Judge>;
  images: ImageSourceOptions;
  limits: ImageLimits;
  keep: KeepRule;
  /** Largest accepted request body, bytes. Default 64 MiB. */
  maxBodyBytes: number;
  /**
   * Decoded pixels one request may hold, all its distinct images together (each also under `limits.maxPixels`).
   * Bounds a request's memory (about 20 bytes per pixel with the checks judge): small files can decode to many pixels. Default 100 MP.
   */
  maxRequestPixels: number;
  /**
   * Decoded pixels all requests in flight may hold together; a request whose images would go over it gets
   * 503 `server_busy` with Retry-After. At least `maxRequestPixels`. Default 400 MP (about 8 GB with checks).
   */
  maxServerPixels: number;
  /** Per-request time limit, ms. Default 120 000. */
  requestTimeoutMs: number;
  /** Required bearer token, or null for none (loopback only). */
  token: string | null;
  /** GRPO advantage epsilon. Default 1e-6. */
  epsilon: number;
  /** What the trainer-protocol routes answer for a null reward (see CompatNullMode). Default "error". */
  compatNull?: CompatNullMode;
}

export const DEFAULT_KEEP_RULE: KeepRule = Object.freeze({ minStd: 0.05, maxMean: 0.9 });

export const DEFAULT_SERVER_SETTINGS = Object.freeze({
  host: "127.0.0.1",
  port: 8787,
  maxBodyBytes: 64 * 1024 * 1024,
  maxRequestPixels: 100_000_000,
  maxServerPixels: 400_000_000,
  requestTimeoutMs: 120_000,
  fetchTimeoutMs: 10_000,
  epsilon: 1e-6,
  shutdownGraceMs: 30_000,
});
