import type { Context } from "hono";
import type { AppContext } from "./app-context.js";
import { judgeGroup } from "./judge-group.js";
import { readJsonBody } from "./read-json-body.js";
import { isImagePath, scoreEnvelopeSchema } from "./request-schemas.js";
import { ServerTiming } from "./server-timing.js";

/**
 * POST /v1/score: one case → the full JudgeResult. A bad source fails the request; a bad candidate (not an image
 * spec, not decodable) gets its own error and the others are judged.
 */
export async function handleScore(c: Context, ctx: AppContext): Promise<Response> {
  const timing = new ServerTiming();
  const { body, lifted } = await readJsonBody(c, scoreEnvelopeSchema, ctx.bodyLimits(), isImagePath);
  const judge = ctx.judge(body.judge);
  timing.mark("read");
  const result = await ctx.withImages(timing.started, c.req.raw.signal, lifted, (loader, signal) =>
    judgeGroup(judge, body, loader, signal, body.metadata),
  );
  timing.mark("work");
  ctx.count(judge.id, result.candidates);
  return timing.json(c, result);
}
