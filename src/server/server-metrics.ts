import { Counter, collectDefaultMetrics, Gauge, Histogram, Registry } from "prom-client";
import type { BackendUsage } from "../contract/backend.js";

/** The judges' model-server totals at this moment, by judge id (judges without a backend left out). */
export type UsageSource = () => ReadonlyArray<readonly [judge: string, usage: BackendUsage]>;

/** Prometheus metrics of one server instance, in their own registry (no global state). */
export class ServerMetrics {
  readonly registry = new Registry();
  readonly requests = new Counter({
    name: "editjudge_http_requests_total",
    help: "HTTP requests by route and status",
    labelNames: ["route", "status"] as const,
    registers: [this.registry],
  });
  readonly latency = new Histogram({
    name: "editjudge_http_request_duration_seconds",
    help: "HTTP request latency by route",
    labelNames: ["route"] as const,
    buckets: [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60],
    registers: [this.registry],
  });
  readonly candidates = new Counter({
    name: "editjudge_candidates_total",
    help: "Candidates judged, by judge and outcome (reward, abstained, error)",
    labelNames: ["judge", "outcome"] as const,
    registers: [this.registry],
  });
  readonly judgeErrors = new Counter({
    name: "editjudge_judge_errors_total",
    help: "Judge and candidate errors by judge and error code",
    labelNames: ["judge", "code"] as const,
    registers: [this.registry],
  });
  readonly upstreamCalls = new Counter({
    name: "editjudge_upstream_calls_total",
    help: "Outgoing calls (image URL fetches) by kind and outcome (ok, error, refused: stopped by the URL policy)",
    labelNames: ["kind", "outcome"] as const,
    registers: [this.registry],
  });
  readonly cacheHits = new Counter({
    name: "editjudge_image_cache_hits_total",
    help: "Images reused within a request instead of decoded again",
    registers: [this.registry],
  });

  // The judges keep running totals of their model-server calls; these counters copy them at each scrape.
  readonly backendCalls: Counter<"judge" | "outcome">;
  readonly backendRetries: Counter<"judge">;
  readonly responseCache: Counter<"judge" | "result">;

  constructor(options: { processMetrics: boolean; usage?: UsageSource; pixelsHeld?: () => number }) {
    const usage = options.usage ?? (() => []);
    const pixelsHeld = options.pixelsHeld ?? (() => 0);
    new Gauge({
      name: "editjudge_decoded_pixels_in_flight",
      help: "Decoded image pixels held by requests in flight (against --max-server-megapixels)",
      registers: [this.registry],
      collect() {
        this.set(pixelsHeld());
      },
    });
    /** A counter per judge (plus `labels`) whose samples are computed from the judges' usage at scrape time. */
    const fromUsage = <L extends string>(
      name: string,
      help: string,
      labels: readonly L[],
      samples: (u: BackendUsage) => Array<[Record<L, string>, number]>,
    ) =>
      new Counter<"judge" | L>({
        name,
        help,
        labelNames: ["judge", ...labels],
        registers: [this.registry],
        collect() {
          this.reset();
          for (const [judge, u] of usage())
            for (const [values, n] of samples(u))
              this.inc({ judge, ...values } as Record<"judge" | L, string>, n);
        },
      });
    this.backendCalls = fromUsage(
      "editjudge_backend_calls_total",
      "Calls to the judges' model servers, by judge and outcome (ok, or error after the last retry)",
      ["outcome"],
      (u) => [
        [{ outcome: "ok" }, u.calls - u.failures],
        [{ outcome: "error" }, u.failures],
      ],
    );
    this.backendRetries = fromUsage(
      "editjudge_backend_retries_total",
      "Retried tries of model-server calls (429, 5xx, timeouts, connection errors), by judge",
      [],
      (u) => [[{}, u.retries]],
    );
    this.responseCache = fromUsage(
      "editjudge_response_cache_lookups_total",
      "Model-reply cache lookups by judge and result (hit: no call made; miss)",
      ["result"],
      (u) => [
        [{ result: "hit" }, u.cacheHits],
        [{ result: "miss" }, u.cacheMisses],
      ],
    );
    if (options.processMetrics) collectDefaultMetrics({ register: this.registry, prefix: "editjudge_" });
  }
}
