import { Hono } from "hono";
import { AppContext, type ServerRuntime } from "./app-context.js";
import { bearerMatches } from "./bearer-auth.js";
import { basicPasswordMatches } from "./compat/basic-password.js";
import {
  compatRefusal,
  compatRoute,
  OPEN_COMPAT_ROUTES,
  registerCompatRoutes,
} from "./compat/compat-routes.js";
import { errorBody, errorResponse, statusOf } from "./error-response.js";
import { openApiDocument } from "./openapi.js";
import { handleRewards } from "./rewards-route.js";
import { handleScore } from "./score-route.js";
import { ServerMetrics } from "./server-metrics.js";
import type { AppOptions } from "./server-options.js";

/** Every route and the method it takes. */
const ROUTE_METHODS: Record<string, string> = {
  "/healthz": "GET",
  "/readyz": "GET",
  "/metrics": "GET",
  "/openapi.json": "GET",
  "/v1/score": "POST",
  "/v1/rewards": "POST",
};
const ROUTES = new Set(Object.keys(ROUTE_METHODS));
const OPEN_ROUTES = new Set(["/healthz", "/readyz", ...OPEN_COMPAT_ROUTES]);
export const SERVER_API_VERSION = "1.0.0";
const UNREAD_BODY = new Set(["body_too_large", "body_timeout", "unsupported_media_type"]);

export interface CreateAppResult {
  app: Hono;
  metrics: ServerMetrics;
  runtime: ServerRuntime;
}

/** The HTTP API as a Hono app, independent of the Node listener (tests call `app.request` or a loopback server). */
export function createApp(options: AppOptions, extra: { processMetrics?: boolean } = {}): CreateAppResult {
  const metrics = new ServerMetrics({
    processMetrics: extra.processMetrics ?? false,
    usage: () =>
      [...options.judges].flatMap(([id, judge]) => {
        const usage = judge.usage?.();
        return usage ? [[id, usage] as const] : [];
      }),
    pixelsHeld: (): number => ctx.pixels.held,
  });
  const runtime: ServerRuntime = { draining: false, stopping: new AbortController() };
  const ctx = new AppContext(options, metrics, runtime);
  const app = new Hono();
  const fail = (code: string, message: string) =>
    Response.json(errorBody(code, message), { status: statusOf(code) });

  app.use(async (c, next) => {
    const started = performance.now();
    await next();
    // While draining, every answer ends its connection, so clients move to another replica.
    if (runtime.draining) c.res.headers.set("connection", "close");
    const route = ROUTES.has(c.req.path) ? c.req.path : (compatRoute(c.req.path)?.label ?? "other");
    metrics.requests.inc({ route, status: String(c.res.status) });
    metrics.latency.observe({ route }, (performance.now() - started) / 1000);
  });
  app.use(async (c, next) => {
    // Trainer-protocol routes answer in their own format, and also take the token as a Basic password (in the URL).
    const compat = compatRoute(c.req.path);
    const refuse = (code: string, message: string) =>
      compat ? compatRefusal(compat, code, message) : fail(code, message);
    const authorization = c.req.header("authorization");
    if (
      options.token !== null &&
      !OPEN_ROUTES.has(c.req.path) &&
      !bearerMatches(authorization, options.token) &&
      !(compat && basicPasswordMatches(authorization, options.token))
    ) {
      c.res = refuse(
        "unauthorized",
        compat
          ? "missing or wrong token; put it in the server URL as http://x:TOKEN@host:port (or send Authorization: Bearer <token>)"
          : "missing or wrong bearer token; send Authorization: Bearer <token>",
      );
      return;
    }
    if (runtime.draining && !OPEN_ROUTES.has(c.req.path)) {
      c.res = refuse("shutting_down", "server is shutting down; retry on another replica");
      return;
    }
    await next();
  });
  app.get("/healthz", (c) => c.json({ status: "ok" }));
  app.get("/readyz", (c) =>
    runtime.draining
      ? c.json(errorBody("shutting_down", "server is shutting down"), 503)
      : c.json({ status: "ready", judges: [...options.judges.keys()] }),
  );
  app.get("/metrics", async (c) =>
    c.text(await metrics.registry.metrics(), 200, { "content-type": metrics.registry.contentType }),
  );
  app.get("/openapi.json", (c) => c.json(openApiDocument(SERVER_API_VERSION)));
  app.post("/v1/score", (c) => handleScore(c, ctx));
  app.post("/v1/rewards", (c) => handleRewards(c, ctx));
  registerCompatRoutes(app, ctx, options.compatNull ?? "error");

  app.notFound((c) => {
    const allowed = ROUTE_METHODS[c.req.path] ?? compatRoute(c.req.path)?.method;
    if (allowed)
      return c.json(
        errorBody(
          "method_not_allowed",
          `${c.req.path} takes ${allowed}, not ${c.req.method}; see /openapi.json`,
        ),
        405,
        { allow: allowed },
      );
    return c.json(errorBody("not_found", `no route ${c.req.method} ${c.req.path}; see /openapi.json`), 404);
  });
  app.onError((error, c) => {
    const { status, body } = errorResponse(error);
    if (status >= 500 && body.error.code === "internal_error")
      process.stderr.write(`editjudge serve: ${error.stack ?? error.message}\n`);
    // An unread body (over the limit, or still arriving) leaves the connection unusable: close it after answering.
    const headers: Record<string, string> = UNREAD_BODY.has(body.error.code) ? { connection: "close" } : {};
    // Busy is passing: the pixels held by requests in flight come back as they finish.
    if (body.error.code === "server_busy") headers["retry-after"] = "1";
    return c.json(body, status, headers);
  });
  return { app, metrics, runtime };
}
