import type { AddressInfo } from "node:net";
import { serve } from "@hono/node-server";
import type { Judge } from "../contract/judge.js";
import { ConfigError } from "../errors/config-error.js";
import { EditJudgeError } from "../errors/editjudge-error.js";
import { DEFAULT_IMAGE_LIMITS } from "../image/image-limits.js";
import { findJudge } from "../judges/registry.js";
import type { ServerRuntime } from "./app-context.js";
import { checkServerOptions } from "./check-server-options.js";
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
  try {
    for (const id of ids) if (!judges.has(id)) judges.set(id, await findJudge(id).create({ settings }));
  } catch (error) {
    // The judges made so far may hold worker threads that would keep the process alive.
    for (const judge of judges.values()) await judge.close?.();
    throw error;
  }
  return judges;
}

/** What a failed `listen` means, as a ConfigError naming the setting to change. */
function listenError(error: unknown, host: string, port: number): ConfigError {
  const code = (error as NodeJS.ErrnoException).code;
  if (code === "EADDRINUSE")
    return new ConfigError(
      "port",
      `port ${port} on ${host} is in use; choose another --port or stop the other server`,
    );
  if (code === "EACCES")
    return new ConfigError(
      "port",
      `not allowed to listen on port ${port}; use a port above 1023 or run with rights to bind it`,
    );
  return new ConfigError(
    "host",
    `cannot listen on ${host}:${port} (${code ?? (error as Error).message}); use an address of this machine, e.g. 127.0.0.1`,
  );
}

export async function startServer(options: StartServerOptions = {}): Promise<RunningServer> {
  const d = DEFAULT_SERVER_SETTINGS;
  const images = options.images ?? { allowUrls: false, pathRoots: [], fetchTimeoutMs: d.fetchTimeoutMs };
  const checked = checkServerOptions({
    host: options.host ?? d.host,
    port: options.port ?? d.port,
    token: options.token ?? null,
    requestTimeoutMs: options.requestTimeoutMs ?? d.requestTimeoutMs,
    maxRequestPixels: options.maxRequestPixels ?? d.maxRequestPixels,
    maxServerPixels:
      options.maxServerPixels ?? Math.max(d.maxServerPixels, options.maxRequestPixels ?? d.maxRequestPixels),
    pathRoots: images.pathRoots,
  });
  const { host, token } = checked;
  const judges =
    options.judges ?? (await createJudges(options.judgeIds ?? ["checks"], options.judgeSettings ?? {}));
  const { app, metrics, runtime } = createApp(
    {
      judges,
      images,
      limits: options.limits ?? DEFAULT_IMAGE_LIMITS,
      keep: options.keep ?? DEFAULT_KEEP_RULE,
      maxBodyBytes: options.maxBodyBytes ?? d.maxBodyBytes,
      maxRequestPixels: checked.maxRequestPixels,
      maxServerPixels: checked.maxServerPixels,
      requestTimeoutMs: checked.requestTimeoutMs,
      token,
      epsilon: options.epsilon ?? d.epsilon,
      ...(options.compatNull ? { compatNull: options.compatNull } : {}),
    },
    { processMetrics: true },
  );
  let listening: { server: ReturnType<typeof serve>; port: number };
  try {
    listening = await new Promise<{ server: ReturnType<typeof serve>; port: number }>((resolve, reject) => {
      const s = serve({ fetch: app.fetch, hostname: host, port: checked.port }, (info: AddressInfo) =>
        resolve({ server: s, port: info.port }),
      );
      s.once("error", reject);
    });
  } catch (error) {
    // Judges may hold worker threads: close the ones made here, or the process would never exit.
    if (!options.judges) for (const judge of new Set(judges.values())) await judge.close?.();
    throw listenError(error, host, checked.port);
  }
  const { server, port } = listening;
  // The route reads the body within the request's time limit and answers in JSON; Node's own limits (a bare 408)
  // stay as a backstop behind it.
  const http = server as import("node:http").Server;
  http.requestTimeout = Math.min(checked.requestTimeoutMs + 5_000, 2_147_483_647);
  http.headersTimeout = Math.min(60_000, http.requestTimeout);
  const graceMs = options.shutdownGraceMs ?? d.shutdownGraceMs;
  let closing: Promise<void> | null = null;
  const close = () => {
    closing ??= (async () => {
      runtime.draining = true;
      // At the end of the grace period, requests still working are answered 503 shutting_down; a second later,
      // connections still open are closed.
      let force: NodeJS.Timeout | undefined;
      const stop = setTimeout(() => {
        runtime.stopping.abort(
          new EditJudgeError(
            "shutting_down",
            `the server is shutting down and this request did not finish within the ${graceMs} ms grace period; retry it on another replica`,
          ),
        );
        force = setTimeout(() => http.closeAllConnections?.(), 1_000);
      }, graceMs);
      await new Promise<void>((resolve) => http.close(() => resolve()));
      clearTimeout(stop);
      clearTimeout(force);
      http.closeIdleConnections?.();
      for (const judge of new Set(judges.values())) await judge.close?.();
    })();
    return closing;
  };
  const shown = host.includes(":") ? `[${host}]` : host;
  return { url: `http://${shown}:${port}`, port, metrics, runtime, close };
}
