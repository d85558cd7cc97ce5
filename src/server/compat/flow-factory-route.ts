import type { Context } from "hono";
import { z } from "zod";
import { EditJudgeError } from "../../errors/editjudge-error.js";
import type { AppContext } from "../app-context.js";
import { readJsonBody } from "../read-json-body.js";
import { ServerTiming } from "../server-timing.js";
import type { CompatItem } from "./compat-item.js";
import { type CompatNullMode, resolveNulls } from "./compat-null.js";
import { compatError, jsonNumbers, NULL_CODES } from "./compat-reply.js";
import { missingSource, readPrompt } from "./prompt-envelope.js";
import { scoreItems } from "./score-items.js";

const computeSchema = z.looseObject({
  prompt: z.array(z.string()).min(1).max(1024),
  image: z.array(z.string().min(1)).min(1).max(1024).nullish(),
  video: z.unknown().optional(),
  condition_images: z.array(z.array(z.string().min(1)).nullish()).nullish(),
  condition_videos: z.unknown().optional(),
});

function isImage(path: ReadonlyArray<string | number>): boolean {
  return (path.length === 2 && path[0] === "image") || (path.length === 3 && path[0] === "condition_images");
}

/**
 * POST /compute (Flow-Factory's RemoteRewardClient): `{"prompt": [str], "image": [b64], "condition_images":
 * [[b64]]}` → `{"rewards": [float], "null_mask": [bool]}`. Image `i` is judged against the first of
 * `condition_images[i]` (sent only when the reward class lists `condition_images` in its `required_fields`), or the
 * source named in a `{"instruction", "source"}` prompt.
 */
export async function handleFlowFactory(
  c: Context,
  ctx: AppContext,
  mode: CompatNullMode,
): Promise<Response> {
  const timing = new ServerTiming();
  const { body, lifted } = await readJsonBody(c, computeSchema, ctx.bodyLimits(), isImage);
  if ((body.video ?? null) !== null || (body.condition_videos ?? null) !== null)
    throw new EditJudgeError("invalid_request", 'videos are not judged by editjudge; send images ("image")');
  const images = body.image;
  if (!images)
    throw new EditJudgeError(
      "invalid_request",
      'body has no "image"; list "image" in the reward class\'s required_fields',
    );
  if (body.prompt.length !== images.length)
    throw new EditJudgeError(
      "invalid_request",
      `"prompt" has ${body.prompt.length} entries for ${images.length} images; send one per image`,
    );
  const conditions = body.condition_images ?? null;
  if (conditions && conditions.length !== images.length)
    throw new EditJudgeError(
      "invalid_request",
      `"condition_images" has ${conditions.length} entries for ${images.length} images; send one list per image`,
    );
  const judge = ctx.judge(undefined);
  const items: CompatItem[] = images.map((candidate, i) => {
    const prompt = readPrompt(body.prompt[i] as string, `prompt[${i}]`);
    const source = conditions?.[i]?.[0] ?? prompt.source;
    if (!source)
      throw missingSource(
        `image[${i}]`,
        'add "condition_images" to the reward class\'s required_fields so the client sends the sources',
      );
    return { judge, source, instruction: prompt.instruction, candidate };
  });
  timing.mark("read");
  const results = await scoreItems(ctx, items, timing.started, c.req.raw.signal, lifted);
  timing.mark("work");
  const outcome = resolveNulls(results, mode, (i) => `image[${i}]`);
  if (outcome.kind !== "ok")
    return compatError("json", NULL_CODES[outcome.kind], outcome.message, {
      nullMask: outcome.nullMask,
      status: outcome.kind === "transient" ? 500 : 422,
    });
  const text = `{"rewards":${jsonNumbers(outcome.scores)},"null_mask":${JSON.stringify(outcome.nullMask)}}`;
  return timing.send(c, text, 200, "application/json");
}
