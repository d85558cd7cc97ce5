import type { IncomingMessage } from "node:http";
import type { Context } from "hono";
import type { z } from "zod";
import { EditJudgeError } from "../errors/editjudge-error.js";
import type { LiftedStrings } from "./lifted-strings.js";
import { type JsonPath, parseJsonBody } from "./parse-json-body.js";
import { describeIssues } from "./request-schemas.js";

function tooLarge(maxBytes: number): EditJudgeError {
  return new EditJudgeError(
    "body_too_large",
    `request body is over the ${maxBytes}-byte limit; send fewer or smaller images per request`,
  );
}

function tooSlow(timeoutMs: number): EditJudgeError {
  return new EditJudgeError(
    "body_timeout",
    `the request body did not arrive within the ${timeoutMs} ms request time limit; send it in one go, or raise --request-timeout`,
  );
}

/**
 * Collects a Node request body with `data` events (cheaper than async iteration: ~0.5 ms per 450 KB here), within
 * `timeoutMs`: a client that stops sending mid-body gets `body_timeout` instead of holding the request open.
 */
function readIncoming(incoming: IncomingMessage, maxBytes: number, timeoutMs: number): Promise<Buffer> {
  return new Promise<Buffer>((resolve, reject) => {
    const chunks: Buffer[] = [];
    let total = 0;
    const timer = setTimeout(() => stop(tooSlow(timeoutMs)), timeoutMs);
    const stop = (error: EditJudgeError | null) => {
      clearTimeout(timer);
      incoming.off("data", onData).off("end", onEnd).off("error", onFail).off("close", onFail);
      if (error) reject(error);
      else resolve(chunks.length === 1 ? (chunks[0] as Buffer) : Buffer.concat(chunks, total));
    };
    const onData = (chunk: Buffer) => {
      total += chunk.length;
      // Past the limit, the rest is left to drain unread; the answer closes the connection.
      if (total > maxBytes) stop(tooLarge(maxBytes));
      else chunks.push(chunk);
    };
    const onEnd = () => stop(null);
    const onFail = () =>
      stop(
        new EditJudgeError(
          "body_incomplete",
          "the request body ended early: the client closed the connection",
        ),
      );
    incoming.on("data", onData).once("end", onEnd).once("error", onFail).once("close", onFail);
  });
}

/**
 * Refuses a body with a content encoding (gzip…), which it would not undo. The Content-Type is not checked: the
 * body is read as JSON whatever it says, as clients often send JSON as text/plain (`fetch` with a string body) or
 * as a form (`curl -d`), and a body that is not JSON gets `invalid_json`.
 */
function checkContentHeaders(c: Context): void {
  const encoding = c.req.header("content-encoding")?.trim().toLowerCase();
  if (encoding && encoding !== "identity")
    throw new EditJudgeError(
      "unsupported_media_type",
      `Content-Encoding "${encoding}" is not supported; send the JSON body uncompressed`,
    );
}

/**
 * Reads the raw body with a size and a time limit. Under Node it reads the IncomingMessage directly (web-stream
 * bodies cost ~15 ms per 500 KB); elsewhere (tests via `app.request`) it uses the Request body.
 */
export async function readBody(c: Context, maxBytes: number, timeoutMs: number): Promise<Buffer> {
  checkContentHeaders(c);
  const declared = Number(c.req.header("content-length") ?? Number.NaN);
  if (declared > maxBytes) throw tooLarge(maxBytes);
  const incoming = (c.env as { incoming?: IncomingMessage } | undefined)?.incoming;
  if (!incoming || typeof incoming.on !== "function") {
    const bytes = await c.req.arrayBuffer();
    if (bytes.byteLength > maxBytes) throw tooLarge(maxBytes);
    return Buffer.from(bytes);
  }
  return readIncoming(incoming, maxBytes, timeoutMs);
}

/**
 * Parses and validates a JSON body; malformed JSON and wrong types are `invalid_json` / `invalid_request`.
 * Long base64 literals at `imagePath` paths come back as placeholders resolved through `lifted` (see parse-json-body).
 */
export async function readJsonBody<S extends z.ZodType>(
  c: Context,
  schema: S,
  limits: { maxBytes: number; timeoutMs: number },
  imagePath?: (path: JsonPath) => boolean,
): Promise<{ body: z.infer<S>; lifted: LiftedStrings | null }> {
  const bytes = await readBody(c, limits.maxBytes, limits.timeoutMs);
  let value: unknown;
  let lifted: LiftedStrings | null;
  try {
    ({ value, lifted } = parseJsonBody(bytes, imagePath));
  } catch (error) {
    // Reading a value nested thousands deep runs out of stack; no request of this API nests more than 4 deep.
    if (error instanceof RangeError)
      throw new EditJudgeError(
        "invalid_json",
        "request body is nested too deeply to read; requests to this API nest at most a few levels, see /openapi.json",
      );
    throw new EditJudgeError(
      "invalid_json",
      `request body is not valid JSON (${error instanceof Error ? error.message : "parse error"}); send one JSON object as the body, as in /openapi.json`,
    );
  }
  const parsed = schema.safeParse(value);
  if (!parsed.success)
    throw new EditJudgeError(
      "invalid_request",
      `request body does not match the schema: ${describeIssues(parsed.error)}; see /openapi.json`,
    );
  return { body: parsed.data, lifted };
}
