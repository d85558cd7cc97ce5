import type { Context } from "hono";
import type { z } from "zod";
import { EditJudgeError } from "../errors/editjudge-error.js";
import { describeIssues } from "./request-schemas.js";

/** Parses and validates a JSON body; malformed JSON and wrong types are `invalid_json` / `invalid_request`. */
export async function readJsonBody<S extends z.ZodType>(c: Context, schema: S): Promise<z.infer<S>> {
  const text = await c.req.text();
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw new EditJudgeError(
      "invalid_json",
      `request body is not valid JSON (${error instanceof Error ? error.message : "parse error"}); send Content-Type: application/json`,
    );
  }
  const parsed = schema.safeParse(value);
  if (!parsed.success)
    throw new EditJudgeError(
      "invalid_request",
      `request body does not match the schema: ${describeIssues(parsed.error)}; see /openapi.json`,
    );
  return parsed.data;
}
