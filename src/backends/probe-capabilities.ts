import type { BackendCapabilities, ChatBackend, ChatChoice, ChatRequest } from "../contract/backend.js";
import { BackendCallError } from "../errors/backend-call-error.js";

/** The schema asks for a key the prompt never mentions: only a server that enforces it produces it. */
const PROBE_SCHEMA = {
  type: "object",
  properties: { editjudge_probe: { type: "integer", enum: [7] } },
  required: ["editjudge_probe"],
  additionalProperties: false,
};

/**
 * Room for the answer: a grammar-constrained random model was seen writing `{"editjudge_probe"\n\n   :\n\n\t7 }`
 * over 64+ tokens (one byte per token, whitespace the grammar allows). A real model needs about 10.
 */
export const PROBE_MAX_TOKENS = 256;

const probeRequest = (withSchema: boolean): ChatRequest => ({
  promptId: "probe@1",
  messages: [{ role: "user", content: [{ type: "text", text: "Is the sky blue? Answer in one word." }] }],
  temperature: 0,
  maxTokens: PROBE_MAX_TOKENS,
  topLogprobs: 5,
  ...(withSchema ? { jsonSchema: { name: "editjudge_probe", schema: PROBE_SCHEMA } } : {}),
});

/**
 * Asks the backend one tiny question to learn whether it returns `top_logprobs` and whether it
 * honours `response_format: json_schema` (vLLM and others may ignore it and answer 200 anyway).
 */
export async function probeCapabilities(
  backend: ChatBackend,
  signal?: AbortSignal,
): Promise<BackendCapabilities> {
  const notes: string[] = [];
  let jsonSchema = false;
  let reply: Awaited<ReturnType<ChatBackend["complete"]>>;
  try {
    reply = await backend.complete(probeRequest(true), signal);
    const found = schemaFinding(reply.choices[0]);
    jsonSchema = found !== "ignored";
    if (found === "ignored")
      notes.push("backend ignores response_format json_schema; replies are validated after the fact");
    if (found === "inconclusive")
      notes.push(
        `json_schema probe inconclusive: the reply was cut at ${PROBE_MAX_TOKENS} tokens before it showed whether the schema is enforced; the schema is sent and replies are validated either way`,
      );
  } catch (error) {
    if (error instanceof BackendCallError && error.outputRejected) {
      // The server applied the schema and then rejected what the model wrote: it enforces json_schema.
      jsonSchema = true;
      notes.push(
        `json_schema probe inconclusive: the server rejected the model's constrained answer (${error.outputRejected}); the schema is sent and replies are validated either way`,
      );
    } else if (!(error instanceof BackendCallError) || error.status === null || error.status >= 500) {
      throw error;
    } else {
      notes.push(`backend rejects response_format json_schema (HTTP ${error.status}); not used`);
    }
    reply = await backend.complete(probeRequest(false), signal);
  }
  const first = reply.choices[0]?.logprobs?.[0];
  const logprobs = first !== undefined && first.top.length > 0;
  if (!logprobs)
    notes.push("backend returns no top_logprobs; judges that need token probabilities cannot run");
  return { logprobs, jsonSchema, notes };
}

/**
 * What the schema probe's reply shows: the asked-for key and value ("honoured"); a reply cut at max tokens that
 * could still have become them ("inconclusive", never read as ignored); anything else ("ignored": a finished reply
 * without them, or text no JSON grammar allows).
 */
export function schemaFinding(choice: ChatChoice | undefined): "honoured" | "ignored" | "inconclusive" {
  const text = choice?.text ?? "";
  try {
    const value: unknown = JSON.parse(text);
    if (
      typeof value === "object" &&
      value !== null &&
      (value as Record<string, unknown>).editjudge_probe === 7
    )
      return "honoured";
  } catch {
    // not JSON (yet): decided below
  }
  // Cut off: only text that could still become the asked-for object leaves the question open.
  const start = text.trimStart();
  const couldBeObject = start === "" || start.startsWith("{");
  return choice?.finishReason === "length" && couldBeObject ? "inconclusive" : "ignored";
}
