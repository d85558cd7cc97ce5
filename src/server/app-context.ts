import type { Judge } from "../contract/judge.js";
import type { CandidateResult } from "../contract/result.js";
import { EditJudgeError } from "../errors/editjudge-error.js";
import { ImageLoader, realRootsOf } from "./image-loader.js";
import type { LiftedStrings } from "./lifted-strings.js";
import type { ServerMetrics } from "./server-metrics.js";
import type { AppOptions } from "./server-options.js";
import { SharedPixelBudget } from "./shared-pixel-budget.js";
import { withTimeout } from "./with-timeout.js";

/** Mutable per-instance state: set by the process shell when shutting down. */
export interface ServerRuntime {
  draining: boolean;
  /** Aborted when shutdown's grace period ends: requests still working are answered with its reason. */
  readonly stopping: AbortController;
}

/** Everything a route needs, built once per server instance. */
export class AppContext {
  #realRoots: Promise<readonly string[]> | null = null;
  /** Decoded pixels of all requests in flight, against `maxServerPixels`. */
  readonly pixels: SharedPixelBudget;
  /** How to stop each request still working, when shutdown's grace period ends (one listener for them all). */
  readonly #working = new Set<() => void>();

  constructor(
    readonly options: AppOptions,
    readonly metrics: ServerMetrics,
    readonly runtime: ServerRuntime,
  ) {
    this.pixels = new SharedPixelBudget(options.maxServerPixels);
    runtime.stopping.signal.addEventListener(
      "abort",
      () => {
        for (const stop of this.#working) stop();
      },
      { once: true },
    );
  }

  judge(id: string | undefined): Judge {
    const judges = this.options.judges;
    const chosen = id ?? judges.keys().next().value;
    const judge = chosen === undefined ? undefined : judges.get(chosen);
    if (!judge)
      throw new EditJudgeError(
        "unknown_judge",
        `judge "${id}" is not loaded on this server; choose one of: ${[...judges.keys()].join(", ")} (start the server with --judge ${id} to add it)`,
      );
    return judge;
  }

  /** Size and time limits for reading a request body. */
  bodyLimits(): { maxBytes: number; timeoutMs: number } {
    return { maxBytes: this.options.maxBodyBytes, timeoutMs: this.options.requestTimeoutMs };
  }

  /**
   * Runs a request's work within what is left of its time limit (reading the body counts), with an image loader
   * for it (`lifted` resolves the body's lifted base64 literals). The request fails early if its images go over
   * the per-request pixel budget or the server's; its pixels go back to the server's budget when the work settles.
   */
  withImages<T>(
    started: number,
    signal: AbortSignal,
    lifted: LiftedStrings | null,
    work: (loader: ImageLoader, signal: AbortSignal) => Promise<T>,
  ): Promise<T> {
    const limit = this.options.requestTimeoutMs;
    return withTimeout(
      Math.max(1, limit - (performance.now() - started)),
      signal,
      (inner, fail) => {
        const stopping = this.runtime.stopping.signal;
        const stop = () => fail(stopping.reason);
        if (stopping.aborted) stop();
        else this.#working.add(stop);
        const loader = this.#loader(inner, lifted, fail);
        return work(loader, inner).finally(() => {
          this.#working.delete(stop);
          loader.release();
        });
      },
      limit,
    );
  }

  #loader(signal: AbortSignal, lifted: LiftedStrings | null, fail: (error: Error) => void): ImageLoader {
    return new ImageLoader(this.options.images, this.options.limits, {
      signal,
      lifted,
      pixelBudget: { maxPixels: this.options.maxRequestPixels, shared: this.pixels, onOverBudget: fail },
      // Roots are configuration: resolve their symlinks once, on the first request that needs them.
      realRoots: () => {
        this.#realRoots ??= realRootsOf(this.options.images.pathRoots);
        return this.#realRoots;
      },
      onCacheHit: () => this.metrics.cacheHits.inc(),
      onUpstream: (outcome) => this.metrics.upstreamCalls.inc({ kind: "image_url", outcome }),
    });
  }

  count(
    judge: string,
    candidates: ReadonlyArray<Pick<CandidateResult, "reward"> & { error?: { code: string } | undefined }>,
  ): void {
    for (const c of candidates) {
      const outcome = c.error ? "error" : c.reward === null ? "abstained" : "reward";
      this.metrics.candidates.inc({ judge, outcome });
      if (c.error) this.metrics.judgeErrors.inc({ judge, code: c.error.code });
    }
  }
}
