import type { Context } from "hono";
import type { Judge } from "../../contract/judge.js";
import { EditJudgeError } from "../../errors/editjudge-error.js";
import type { AppContext } from "../app-context.js";
import type { PickleValue } from "../pickle/pickle-value.js";
import { ServerTiming } from "../server-timing.js";
import { answerScores } from "./answer-scores.js";
import { bytesSpec, type CompatItem } from "./compat-item.js";
import type { CompatNullMode } from "./compat-null.js";
import { bytesList, metadataOf, perItem, readPickleBody, samePickle, stringList } from "./pickle-fields.js";

const EXPECTED = '{"images": [bytes], "ref_images": [bytes], "prompts": [str], "metadatas": [dict]}';

/** The judge for `/mode/<mode>`: the loaded judge of that id, else the server's default (Edit-R1's modes are its own). */
export function judgeForMode(ctx: AppContext, mode: string): Judge {
  return ctx.options.judges.get(mode) ?? ctx.judge(undefined);
}

/**
 * POST /mode/<mode> (Edit-R1 / UniWorld-V2 and FIRM-Reward's `mllm_score_continue`): a pickled
 * `{"images", "ref_images", "prompts", "metadatas"}` → pickled `{"scores": [float], "null_mask": [bool]}`. Image
 * `i` is judged against source `ref_images[i]` and instruction `prompts[i]`, with `metadatas[i]` as the case's
 * metadata (its `requirement` fills the UniWorld-V2 prompt's Requirements field).
 */
export async function handleEditR1(c: Context, ctx: AppContext, mode: CompatNullMode): Promise<Response> {
  const timing = new ServerTiming();
  const body = await readPickleBody(c, ctx, EXPECTED);
  const images = bytesList(body, "images", true) as Uint8Array[];
  const sources = bytesList(body, "ref_images", true) as Uint8Array[];
  if (sources.length !== images.length)
    throw new EditJudgeError(
      "invalid_request",
      `"ref_images" has ${sources.length} images for ${images.length} "images"; send one source per edited image`,
    );
  const prompts = stringList(body, "prompts");
  if (!prompts)
    throw new EditJudgeError("invalid_request", `request pickle has no "prompts"; send ${EXPECTED}`);
  const instructions = perItem(prompts, images.length, "prompts", (a, b) => a === b);
  const rawMeta = body.get("metadatas");
  const metas: PickleValue[] =
    rawMeta === undefined || rawMeta === null
      ? images.map(() => null)
      : Array.isArray(rawMeta)
        ? perItem(rawMeta, images.length, "metadatas", samePickle)
        : (() => {
            throw new EditJudgeError("invalid_request", `"metadatas" is not a list; send one dict per image`);
          })();
  const judge = judgeForMode(ctx, c.req.param("mode") ?? "");
  const items: CompatItem[] = images.map((image, i) => {
    const metadata = metadataOf(metas[i], `metadatas[${i}]`);
    return {
      judge,
      source: bytesSpec(sources[i] as Uint8Array),
      instruction: instructions[i] as string,
      candidate: bytesSpec(image),
      ...(metadata ? { metadata } : {}),
    };
  });
  timing.mark("read");
  return answerScores(c, ctx, timing, items, mode, (i) => `images[${i}]`);
}
