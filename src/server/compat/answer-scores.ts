import type { Context } from "hono";
import type { AppContext } from "../app-context.js";
import type { ServerTiming } from "../server-timing.js";
import type { CompatItem } from "./compat-item.js";
import { type CompatNullMode, resolveNulls } from "./compat-null.js";
import { compatError, NULL_CODES, pickleAnswer } from "./compat-reply.js";
import { scoreItems } from "./score-items.js";

/**
 * Judges the items and answers the pickle routes' `{"scores": [float], "outputs": [float], "null_mask": [bool]}`
 * (`outputs` is the same list, for flow_grpo's clients that read that key), or the failure `mode` asks for.
 */
export async function answerScores(
  c: Context,
  ctx: AppContext,
  timing: ServerTiming,
  items: readonly CompatItem[],
  mode: CompatNullMode,
  label: (index: number) => string,
): Promise<Response> {
  const results = await scoreItems(ctx, items, timing.started, c.req.raw.signal);
  timing.mark("work");
  const outcome = resolveNulls(results, mode, label);
  if (outcome.kind !== "ok")
    return compatError("pickle", NULL_CODES[outcome.kind], outcome.message, {
      nullMask: outcome.nullMask,
      status: outcome.kind === "transient" ? 500 : 422,
    });
  return pickleAnswer(c, timing, {
    scores: outcome.scores,
    outputs: outcome.scores,
    null_mask: outcome.nullMask,
  });
}
