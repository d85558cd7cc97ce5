import type { Judge } from "../contract/judge.js";
import type { CandidateResult } from "../contract/result.js";
import { EditJudgeError } from "../errors/editjudge-error.js";
import { ImageLoader, realRootsOf } from "./image-loader.js";
import type { LiftedStrings } from "./lifted-strings.js";
import type { ServerMetrics } from "./server-metrics.js";
import type { AppOptions } from "./server-options.js";

/** Mutable per-instance state: set by the process shell when shutting down. */
export interface ServerRuntime {
  draining: boolean;
}

/** Everything a route needs, built once per server instance. */
export class AppContext {
  #realRoots: Promise<readonly string[]> | null = null;

  constructor(
    readonly options: AppOptions,
    readonly metrics: ServerMetrics,
    readonly runtime: ServerRuntime,
  ) {}

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

  /** An image loader for one request; `lifted` resolves the body's lifted base64 literals. */
  loader(signal: AbortSignal, lifted: LiftedStrings | null = null): ImageLoader {
    return new ImageLoader(this.options.images, this.options.limits, {
      signal,
      lifted,
      // Roots are configuration: resolve their symlinks once, on the first request that needs them.
      realRoots: () => {
        this.#realRoots ??= realRootsOf(this.options.images.pathRoots);
        return this.#realRoots;
      },
      onCacheHit: () => this.metrics.cacheHits.inc(),
      onUpstream: (outcome) => this.metrics.upstreamCalls.inc({ kind: "image_url", outcome }),
    });
  }

  count(judge: string, candidates: readonly CandidateResult[]): void {
    for (const c of candidates) {
      const outcome = c.error ? "error" : c.reward === null ? "abstained" : "reward";
      this.metrics.candidates.inc({ judge, outcome });
      if (c.error) this.metrics.judgeErrors.inc({ judge, code: c.error.code });
    }
  }
}
