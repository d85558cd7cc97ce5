import type { BackendCapabilities, ChatBackend, ChatRequest } from "../contract/backend.js";
import { BackendCallError } from "../errors/backend-call-error.js";

/** The schema asks for a key the prompt never mentions: only a server that enforces it produces it. */
const PROBE_SCHEMA = {
  type: "object",
  properties: { editjudge_probe: { type: "integer", enum: [7] } },
  required: ["editjudge_probe"],
  additionalProperties: false,
};

const probeRequest = (withSchema: boolean): ChatRequest => ({
  promptId: "probe@1",
  messages: [{ role: "user", content: [{ type: "text", text: "Is the sky blue? Answer in one word." }] }],
  temperature: 0,
  maxTokens: 16,
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
    jsonSchema = honoursSchema(reply.choices[0]?.text ?? "");
    if (!jsonSchema)
      notes.push("backend ignores response_format json_schema; replies are validated after the fact");
  } catch (error) {
    if (!(error instanceof BackendCallError) || error.status === null || error.status >= 500) throw error;
    notes.push(`backend rejects response_format json_schema (HTTP ${error.status}); not used`);
    reply = await backend.complete(probeRequest(false), signal);
  }
  const first = reply.choices[0]?.logprobs?.[0];
  const logprobs = first !== undefined && first.top.length > 0;
  if (!logprobs)
    notes.push("backend returns no top_logprobs; judges that need token probabilities cannot run");
  return { logprobs, jsonSchema, notes };
}

function honoursSchema(text: string): boolean {
  try {
    const value: unknown = JSON.parse(text);
    return (
      typeof value === "object" && value !== null && (value as Record<string, unknown>).editjudge_probe === 7
    );
  } catch {
    return false;
  }
}
