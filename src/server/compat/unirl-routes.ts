import type { Context } from "hono";
import { z } from "zod";
import type { CaseMetadata } from "../../contract/edit-case.js";
import type { Judge } from "../../contract/judge.js";
import type { AppContext } from "../app-context.js";
import { readJsonBody } from "../read-json-body.js";
import { ServerTiming } from "../server-timing.js";
import type { CompatItem } from "./compat-item.js";
import { type CompatNullMode, type ItemResult, isTransient } from "./compat-null.js";
import { compatError, NULL_CODES } from "./compat-reply.js";
import { scoreItems } from "./score-items.js";

/** The name that always means the server's default judge, besides each loaded judge's id. */
export const DEFAULT_REWARD_NAME = "editjudge";

const turnSchema = z.looseObject({
  text: z.string().nullish(),
  image_b64: z.string().nullish(),
  video_b64: z.string().nullish(),
});
const scoreSchema = z.looseObject({
  requests: z
    .array(
      z.looseObject({
        history: z.array(turnSchema).min(1).max(16),
        required_rewards: z.array(z.string().min(1)).min(1).max(16),
        metadata: z.record(z.string(), z.unknown()).nullish(),
      }),
    )
    .max(1024),
});

/** JSON paths of the history images, whose long base64 the image loader decodes from the body bytes. */
function isHistoryImage(path: ReadonlyArray<string | number>): boolean {
  return path.length === 5 && path[0] === "requests" && path[2] === "history" && path[4] === "image_b64";
}

/** The reward roster: each loaded judge and `editjudge` (the default), each ready. */
function roster(ctx: AppContext): Record<string, string[]> {
  const names = [DEFAULT_REWARD_NAME, ...ctx.options.judges.keys()];
  return Object.fromEntries(names.map((name) => [name, ["ready"]]));
}

/**
 * GET /health for UniRL's RemoteRewardBackend (which checks that `rewards` lists its required_rewards) and
 * Flow-Factory's RemoteRewardClient (which checks for a 2xx): `{"status": "ok", "rewards": {name: ["ready"]}}`,
 * 503 once shutdown has begun.
 */
export function handleHealth(c: Context, ctx: AppContext): Response {
  if (ctx.runtime.draining) return c.json({ status: "shutting_down", rewards: {} }, 503);
  return c.json({ status: "ok", rewards: roster(ctx) });
}

function judgeNamed(ctx: AppContext, name: string): Judge | undefined {
  return name === DEFAULT_REWARD_NAME ? ctx.judge(undefined) : ctx.options.judges.get(name);
}

/** A reward known: the overall reward first, then each dimension that has a value. */
function subMetrics(result: ItemResult): Record<string, number> {
  const out: Record<string, number> = { overall: result.reward as number };
  for (const [name, value] of Object.entries(result.dimensions)) if (value !== null) out[name] = value;
  return out;
}

function why(result: ItemResult): string {
  return result.error
    ? `${result.error.code}: ${result.error.message}`
    : `the judge abstained: ${result.reason ?? "no reason given"}`;
}

/**
 * POST /score (UniRL's RewardService wire format): each request's `history` is (source, edited) — the first
 * turn's image is the source, the last turn's image is judged against the last turn's text. Each name in
 * `required_rewards` is a judge (`editjudge` = the default). A reward that is null goes to `errors[i][name]` with
 * its reason, which UniRL reports as a failed sample; with `--compat-null error`, a transient failure fails the
 * request with HTTP 500 instead, which UniRL retries.
 */
export async function handleUniRlScore(c: Context, ctx: AppContext, mode: CompatNullMode): Promise<Response> {
  const timing = new ServerTiming();
  const { body, lifted } = await readJsonBody(c, scoreSchema, ctx.bodyLimits(), isHistoryImage);
  const results: Array<Record<string, Record<string, number>>> = body.requests.map(() => ({}));
  const errors: Array<Record<string, string>> = body.requests.map(() => ({}));
  const slots: Array<{ request: number; name: string }> = [];
  const items: CompatItem[] = [];
  body.requests.forEach((request, i) => {
    const history = request.history;
    const edited = history[history.length - 1] as z.infer<typeof turnSchema>;
    const sourceTurn = history[0] as z.infer<typeof turnSchema>;
    const instruction = edited.text ?? sourceTurn.text ?? "";
    const problem = history.some((turn) => turn.video_b64)
      ? "videos are not judged by editjudge; send images (image_b64)"
      : history.length < 2
        ? "no source image: the history has one turn; UniRL sends (source, edited) when the request carries condition images (primitives['image'])"
        : !sourceTurn.image_b64 || !edited.image_b64
          ? "a history turn has no image_b64; send the source first and the edited image last"
          : null;
    const metadata = request.metadata ? (request.metadata as CaseMetadata) : undefined;
    const badMetadata =
      metadata && "requirement" in metadata && typeof metadata.requirement !== "string"
        ? "metadata.requirement is not a string; send the editing requirement as text"
        : null;
    for (const name of request.required_rewards) {
      const judge = judgeNamed(ctx, name);
      if (!judge) {
        (errors[i] as Record<string, string>)[name] =
          `reward "${name}" is not served here; GET /health lists: ${Object.keys(roster(ctx)).join(", ")}`;
        continue;
      }
      if (problem ?? badMetadata) {
        (errors[i] as Record<string, string>)[name] = (problem ?? badMetadata) as string;
        continue;
      }
      slots.push({ request: i, name });
      items.push({
        judge,
        source: sourceTurn.image_b64 as string,
        instruction,
        candidate: edited.image_b64 as string,
        ...(metadata ? { metadata } : {}),
      });
    }
  });
  timing.mark("read");
  const scored = await scoreItems(ctx, items, timing.started, c.req.raw.signal, lifted);
  timing.mark("work");
  const nullMask = body.requests.map((_, i) => Object.keys(errors[i] ?? {}).length > 0);
  const transient = scored.findIndex((r) => r.reward === null && isTransient(r.error));
  scored.forEach((result, k) => {
    const slot = slots[k] as { request: number; name: string };
    if (result.reward === null) {
      (errors[slot.request] as Record<string, string>)[slot.name] = why(result);
      nullMask[slot.request] = true;
    } else (results[slot.request] as Record<string, Record<string, number>>)[slot.name] = subMetrics(result);
  });
  if (mode === "error" && transient >= 0) {
    const slot = slots[transient] as { request: number; name: string };
    return compatError(
      "json",
      NULL_CODES.transient,
      `requests[${slot.request}] reward "${slot.name}" could not be judged for now, ${why(scored[transient] as ItemResult)}; retry the request`,
      { nullMask, status: 500 },
    );
  }
  return timing.json(c, { results, errors, null_mask: nullMask });
}
