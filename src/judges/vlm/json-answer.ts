import type { z } from "zod";
import type { ChatChoice } from "../../contract/backend.js";
import { JudgeOutputParseError } from "../../errors/judge-output-parse-error.js";

/**
 * Reads a JSON answer from a reply and validates it. Code fences and text around the object are
 * tolerated; anything else (a refusal, prose, a schema the server ignored) is a JudgeOutputParseError
 * carrying the raw text. Never a default. A reply the server cut at max tokens (`finish_reason: "length"`)
 * that does not hold a complete valid answer says so and names the limit, `maxTokens` when given.
 */
export function parseJsonAnswer<T>(
  choice: ChatChoice | undefined,
  schema: z.ZodType<T>,
  what: string,
  maxTokens?: number,
): T {
  const raw = choice?.text ?? "";
  if (choice?.refusal)
    throw new JudgeOutputParseError(`the model refused to judge ${what}: ${choice.refusal}`, raw);
  try {
    return readJson(raw, schema, what);
  } catch (error) {
    if (!(error instanceof JudgeOutputParseError) || choice?.finishReason !== "length") throw error;
    const limit = maxTokens !== undefined ? ` of ${maxTokens} tokens` : "";
    throw new JudgeOutputParseError(
      `the ${what} reply was cut off at the max-tokens limit${limit} (finish_reason "length") before its answer was complete; raise --max-tokens`,
      raw,
    );
  }
}

function readJson<T>(raw: string, schema: z.ZodType<T>, what: string): T {
  const start = raw.indexOf("{");
  const end = raw.lastIndexOf("}");
  if (start < 0 || end <= start) {
    throw new JudgeOutputParseError(`the ${what} reply holds no JSON object: "${clip(raw)}"`, raw);
  }
  let value: unknown;
  try {
    value = JSON.parse(raw.slice(start, end + 1));
  } catch (error) {
    throw new JudgeOutputParseError(`the ${what} reply is not valid JSON (${(error as Error).message})`, raw);
  }
  const parsed = schema.safeParse(value);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new JudgeOutputParseError(
      `the ${what} reply does not match the asked format (${issue?.path.join(".") || "value"}: ${issue?.message})`,
      raw,
    );
  }
  return parsed.data;
}

export function clip(text: string, max = 120): string {
  const flat = text.replace(/\s+/g, " ").trim();
  return flat.length > max ? `${flat.slice(0, max)}…` : flat;
}
