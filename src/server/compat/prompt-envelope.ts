import { z } from "zod";
import { EditJudgeError } from "../../errors/editjudge-error.js";
import { describeIssues, type ImageSpec, imageSpecSchema } from "../request-schemas.js";

const envelopeSchema = z.object({
  instruction: z.string().min(1),
  source: imageSpecSchema.optional(),
});

/**
 * A prompt that carries its source image, for clients that send nothing but a prompt per image (verl-omni's HTTP
 * scorer sends `ground_truth` as the prompt and `metadata: {}`): a JSON object
 * `{"instruction": "make it brighter", "source": {"path": "sources/17.png"}}` (source as on /v1/rewards: a path
 * under --image-root, a URL with --allow-urls, base64 or a data URL). Any other prompt is the instruction itself.
 */
export function readPrompt(prompt: string, field: string): { instruction: string; source?: ImageSpec } {
  const text = prompt.trim();
  if (!text.startsWith("{")) return { instruction: prompt };
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return { instruction: prompt };
  }
  const parsed = envelopeSchema.safeParse(value);
  if (!parsed.success)
    throw new EditJudgeError(
      "invalid_request",
      `${field} is a JSON object but not {"instruction": …, "source": …}: ${describeIssues(parsed.error)}; see docs/server.md (compat routes)`,
    );
  return parsed.data.source === undefined
    ? { instruction: parsed.data.instruction }
    : { instruction: parsed.data.instruction, source: parsed.data.source };
}

/** The error for an item with no source image anywhere, naming where one can come from. */
export function missingSource(item: string, where: string): EditJudgeError {
  return new EditJudgeError(
    "missing_source",
    `${item} has no source image: an edit is judged against its source; ${where}, or send the prompt as {"instruction": "…", "source": {"path": "…"}} (see docs/server.md, compat routes)`,
  );
}
