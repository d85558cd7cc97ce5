import type { Context } from "hono";
import type { AppContext } from "./app-context.js";
import { judgeGroup } from "./judge-group.js";
import { readJsonBody } from "./read-json-body.js";
import { isImagePath, scoreRequestSchema } from "./request-schemas.js";
import { withTimeout } from "./with-timeout.js";

/** POST /v1/score: one case → the full JudgeResult. A bad source fails the request; a bad candidate does not. */
export async function handleScore(c: Context, ctx: AppContext): Promise<Response> {
  const { body, lifted } = await readJsonBody(c, scoreRequestSchema, ctx.options.maxBodyBytes, isImagePath);
  const judge = ctx.judge(body.judge);
  const result = await withTimeout(ctx.options.requestTimeoutMs, c.req.raw.signal, (signal) =>
    judgeGroup(judge, body, ctx.loader(signal, lifted), signal),
  );
  ctx.count(judge.id, result.candidates);
  return c.json(result);
}
