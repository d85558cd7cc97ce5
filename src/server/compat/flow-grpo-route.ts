import type { Context } from "hono";
import type { CaseMetadata } from "../../contract/edit-case.js";
import { EditJudgeError } from "../../errors/editjudge-error.js";
import type { AppContext } from "../app-context.js";
import { isPickleDict, type PickleValue } from "../pickle/pickle-value.js";
import { describe } from "../pickle/read-pickle.js";
import { type ImageSpec, imageSpecSchema } from "../request-schemas.js";
import { ServerTiming } from "../server-timing.js";
import { answerScores } from "./answer-scores.js";
import { bytesSpec, type CompatItem } from "./compat-item.js";
import type { CompatNullMode } from "./compat-null.js";
import { bytesList, metadataOf, perItem, readPickleBody, samePickle, stringList } from "./pickle-fields.js";
import { missingSource, readPrompt } from "./prompt-envelope.js";

const EXPECTED = '{"images": [bytes], "prompts": [str], "metadata": dict or [dict]}';

/** `metadata["source"]`: image bytes, or an image spec as on /v1/rewards (base64, data URL, URL, {"path": …}). */
function sourceInMetadata(meta: PickleValue, field: string): ImageSpec | undefined {
  if (!isPickleDict(meta)) return undefined;
  const source = meta.get("source");
  if (source === undefined || source === null) return undefined;
  if (source instanceof Uint8Array) return bytesSpec(source);
  const plain = isPickleDict(source)
    ? Object.fromEntries([...source].map(([k, v]) => [String(k), v]))
    : source;
  const parsed = imageSpecSchema.safeParse(plain);
  if (parsed.success) return parsed.data;
  throw new EditJudgeError(
    "invalid_request",
    `${field}["source"] is a ${describe(source)} that is not an image; send the image bytes, base64, a URL or {"path": …}`,
  );
}

/**
 * POST / and POST /flow-grpo (flow_grpo's reward-server family, verl-omni's HTTP scorer): a pickled
 * `{"images", "prompts", "metadata"}` → pickled `{"scores", "outputs", "null_mask"}`. Each image's source is, in
 * order: `ref_images[i]`, `metadata["source"]` (metadata one dict for all images or one per image), or the prompt
 * written as `{"instruction": …, "source": …}`; an image with none is a 400 `missing_source`.
 */
export async function handleFlowGrpo(c: Context, ctx: AppContext, mode: CompatNullMode): Promise<Response> {
  const timing = new ServerTiming();
  const body = await readPickleBody(c, ctx, EXPECTED);
  const images = bytesList(body, "images", true) as Uint8Array[];
  const prompts = stringList(body, "prompts");
  if (!prompts)
    throw new EditJudgeError(
      "invalid_request",
      `request pickle has no "prompts"; an edit needs its instruction: send ${EXPECTED}`,
    );
  const instructions = perItem(prompts, images.length, "prompts", (a, b) => a === b);
  const refs = bytesList(body, "ref_images", false);
  if (refs && refs.length !== images.length)
    throw new EditJudgeError(
      "invalid_request",
      `"ref_images" has ${refs.length} images for ${images.length} "images"; send one source per image`,
    );
  const rawMeta = body.get("metadata") ?? null;
  const metas: PickleValue[] = Array.isArray(rawMeta)
    ? perItem(rawMeta, images.length, "metadata", samePickle)
    : images.map(() => rawMeta);
  const judge = ctx.judge(undefined);
  const items: CompatItem[] = images.map((image, i) => {
    const field = Array.isArray(rawMeta) ? `metadata[${i}]` : "metadata";
    const prompt = readPrompt(instructions[i] as string, `prompts[${i}]`);
    const ref = refs?.[i];
    const source =
      (ref ? bytesSpec(ref) : undefined) ?? sourceInMetadata(metas[i] ?? null, field) ?? prompt.source;
    if (!source)
      throw missingSource(`images[${i}]`, 'send "ref_images", or metadata {"source": image bytes}');
    const metadata: CaseMetadata | undefined = metadataOf(metas[i], field);
    return {
      judge,
      source,
      instruction: prompt.instruction,
      candidate: bytesSpec(image),
      ...(metadata ? { metadata } : {}),
    };
  });
  timing.mark("read");
  return answerScores(c, ctx, timing, items, mode, (i) => `images[${i}]`);
}
