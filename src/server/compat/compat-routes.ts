import type { Hono } from "hono";
import type { AppContext } from "../app-context.js";
import type { CompatNullMode } from "./compat-null.js";
import { compatError, compatThrown, type WireFormat } from "./compat-reply.js";
import { handleEditR1 } from "./edit-r1-route.js";
import { handleFlowFactory } from "./flow-factory-route.js";
import { handleFlowGrpo } from "./flow-grpo-route.js";
import { handleHealth, handleUniRlScore } from "./unirl-routes.js";

/** A trainer-protocol route: its metrics label, the method it takes and the format its answers are in. */
export interface CompatRoute {
  label: string;
  method: "GET" | "POST";
  format: WireFormat;
}

const EXACT: Record<string, CompatRoute> = {
  "/": { label: "/", method: "POST", format: "pickle" },
  "/flow-grpo": { label: "/flow-grpo", method: "POST", format: "pickle" },
  "/health": { label: "/health", method: "GET", format: "json" },
  "/score": { label: "/score", method: "POST", format: "json" },
  "/compute": { label: "/compute", method: "POST", format: "json" },
};
const MODE: CompatRoute = { label: "/mode/:mode", method: "POST", format: "pickle" };

/** The compat route `path` belongs to, if any. */
export function compatRoute(path: string): CompatRoute | undefined {
  return EXACT[path] ?? (/^\/mode\/[^/]+$/.test(path) ? MODE : undefined);
}

/** Routes that, like /healthz, answer without a token. */
export const OPEN_COMPAT_ROUTES: readonly string[] = ["/health"];

/** The answer for a request refused before its handler (no token, draining), in the route's format. */
export function compatRefusal(route: CompatRoute, code: string, message: string): Response {
  return compatError(route.format, code, message, code === "unauthorized" ? { status: 401 } : {});
}

/**
 * Registers the trainer-protocol routes (see docs/server.md, "Trainer protocols"): thin adapters over the judging
 * path of /v1/rewards. Anything a handler throws is answered in the route's own format, transient failures as 500.
 */
export function registerCompatRoutes(app: Hono, ctx: AppContext, mode: CompatNullMode): void {
  const guard = (format: WireFormat, handler: () => Promise<Response>) =>
    handler().catch((error: unknown) => compatThrown(format, error));
  app.post("/mode/:mode", (c) => guard("pickle", () => handleEditR1(c, ctx, mode)));
  app.post("/", (c) => guard("pickle", () => handleFlowGrpo(c, ctx, mode)));
  app.post("/flow-grpo", (c) => guard("pickle", () => handleFlowGrpo(c, ctx, mode)));
  app.get("/health", (c) => handleHealth(c, ctx));
  app.post("/score", (c) => guard("json", () => handleUniRlScore(c, ctx, mode)));
  app.post("/compute", (c) => guard("json", () => handleFlowFactory(c, ctx, mode)));
}
