import { Counter, collectDefaultMetrics, Histogram, Registry } from "prom-client";

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
    help: "Outgoing calls (image URL fetches) by kind and outcome",
    labelNames: ["kind", "outcome"] as const,
    registers: [this.registry],
  });
  readonly cacheHits = new Counter({
    name: "editjudge_image_cache_hits_total",
    help: "Images reused within a request instead of decoded again",
    registers: [this.registry],
  });

  constructor(options: { processMetrics: boolean }) {
    if (options.processMetrics) collectDefaultMetrics({ register: this.registry, prefix: "editjudge_" });
  }
}
