import type { AddressInfo } from "node:net";
import { serve } from "@hono/node-server";
import type { Judge } from "../contract/judge.js";
import { ConfigError } from "../errors/config-error.js";
import { DEFAULT_IMAGE_LIMITS } from "../image/image-limits.js";
import { findJudge } from "../judges/registry.js";
import type { ServerRuntime } from "./app-context.js";
import { isLoopbackHost } from "./bearer-auth.js";
import { createApp } from "./create-app.js";
import type { ServerMetrics } from "./server-metrics.js";
import { type AppOptions, DEFAULT_KEEP_RULE, DEFAULT_SERVER_SETTINGS } from "./server-options.js";

export interface StartServerOptions extends Partial<Omit<AppOptions, "judges">> {
  host?: string;
  /** 0 picks a free port. */
  port?: number;
  /** Judges by id; created once and reused for every request. Default ["checks"]. */
  judgeIds?: readonly string[];
  /** Settings passed to every judge factory (backend URL, model…). */
  judgeSettings?: Readonly<Record<string, unknown>>;
  /** Pre-built judges (tests, benchmarks); used instead of `judgeIds`. */
  judges?: ReadonlyMap<string, Judge>;
  /** How long shutdown waits for in-flight requests before cutting connections, ms. Default 30 000. */
  shutdownGraceMs?: number;
}

export interface RunningServer {
  url: string;
  port: number;
  metrics: ServerMetrics;
  runtime: ServerRuntime;
  /** Stops accepting requests, lets in-flight ones finish (up to the grace period), then closes the judges. */
  close(): Promise<void>;
}

/** Creates each judge once, in order. */
export async function createJudges(
  ids: readonly string[],
  settings: Readonly<Record<string, unknown>>,
): Promise<Map<string, Judge>> {
  const judges = new Map<string, Judge>();
  for (const id of ids) if (!judges.has(id)) judges.set(id, await findJudge(id).create({ settings }));
  return judges;
}

export async function startServer(options: StartServerOptions = {}): Promise<RunningServer> {
  const d = DEFAULT_SERVER_SETTINGS;
  const host = options.host ?? d.host;
  const token = options.token ?? null;
  if (token === null && !isLoopbackHost(host))
    throw new ConfigError(
      "token",
      `refusing to listen on ${host} without a bearer token; set --token or EDITJUDGE_SERVER_TOKEN, or bind to 127.0.0.1`,
    );
  const judges =
    options.judges ?? (await createJudges(options.judgeIds ?? ["checks"], options.judgeSettings ?? {}));
  const { app, metrics, runtime } = createApp(
    {
      judges,
      images: options.images ?? { allowUrls: false, pathRoots: [], fetchTimeoutMs: d.fetchTimeoutMs },
      limits: options.limits ?? DEFAULT_IMAGE_LIMITS,
      keep: options.keep ?? DEFAULT_KEEP_RULE,
      maxBodyBytes: options.maxBodyBytes ?? d.maxBodyBytes,
      requestTimeoutMs: options.requestTimeoutMs ?? d.requestTimeoutMs,
      token,
      epsilon: options.epsilon ?? d.epsilon,
    },
    { processMetrics: true },
  );
  const { server, port } = await new Promise<{ server: ReturnType<typeof serve>; port: number }>(
    (resolve, reject) => {
      const s = serve(
        { fetch: app.fetch, hostname: host, port: options.port ?? d.port },
        (info: AddressInfo) => resolve({ server: s, port: info.port }),
      );
      s.once("error", reject);
    },
  );
  const graceMs = options.shutdownGraceMs ?? d.shutdownGraceMs;
  let closing: Promise<void> | null = null;
  const close = () => {
    closing ??= (async () => {
      runtime.draining = true;
      const http = server as import("node:http").Server;
      const force = setTimeout(() => http.closeAllConnections?.(), graceMs);
      await new Promise<void>((resolve) => http.close(() => resolve()));
      clearTimeout(force);
      http.closeIdleConnections?.();
      for (const judge of new Set(judges.values())) await judge.close?.();
    })();
    return closing;
  };
  const shown = host.includes(":") ? `[${host}]` : host;
  return { url: `http://${shown}:${port}`, port, metrics, runtime, close };
}
