import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";

/** What the fake server answers to one call. */
export interface FakeReply {
  status?: number;
  headers?: Record<string, string>;
  /** A JSON body (a chat completion, an error object…). */
  json?: unknown;
  /** A raw body, sent as is (for malformed JSON). */
  raw?: string;
  /** Never answer (the client must time out). */
  hang?: boolean;
}

/** One request the fake server received: the parsed body of POST /v1/chat/completions. */
export interface FakeCall {
  index: number;
  path: string;
  authorization: string | null;
  body: FakeChatBody;
}

export interface FakeChatBody {
  model: string;
  messages: Array<{
    role: string;
    content: Array<{ type: string; text?: string; image_url?: { url: string } }>;
  }>;
  temperature?: number;
  max_tokens?: number;
  logprobs?: boolean;
  top_logprobs?: number;
  response_format?: { type: string; json_schema?: { name: string; schema: Record<string, unknown> } };
  [key: string]: unknown;
}

export type FakeHandler = (call: FakeCall) => FakeReply | Promise<FakeReply>;

export interface FakeServer {
  /** Base URL ending in /v1. */
  url: string;
  calls: FakeCall[];
  close(): Promise<void>;
}

/**
 * A loopback OpenAI-compatible server whose every answer is decided by `handler`. Each call is kept in `calls`
 * unless `record` is false (long benchmark runs, where the log would grow without bound).
 */
export async function startFakeOpenAiServer(
  handler: FakeHandler,
  options: { record?: boolean } = {},
): Promise<FakeServer> {
  const calls: FakeCall[] = [];
  const record = options.record ?? true;
  let count = 0;
  const server = createServer((req, res) => {
    void serve(req, res, handler, (call) => {
      if (record) calls.push(call);
      return count++;
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/v1`,
    calls,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

async function serve(
  req: IncomingMessage,
  res: ServerResponse,
  handler: FakeHandler,
  log: (call: FakeCall) => number,
) {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  const path = req.url ?? "/";
  if (req.method !== "POST" || !path.endsWith("/chat/completions")) {
    res.writeHead(404, { "content-type": "application/json" });
    res.end(JSON.stringify({ error: { message: `no route ${req.method} ${path}` } }));
    return;
  }
  const call: FakeCall = {
    index: 0,
    path,
    authorization: req.headers.authorization ?? null,
    body: JSON.parse(Buffer.concat(chunks).toString("utf8")) as FakeChatBody,
  };
  call.index = log(call);
  let reply: FakeReply;
  try {
    reply = await handler(call);
  } catch (error) {
    reply = { status: 500, json: { error: { message: `fake handler threw: ${String(error)}` } } };
  }
  if (reply.hang) return;
  res.writeHead(reply.status ?? 200, { "content-type": "application/json", ...reply.headers });
  res.end(reply.raw ?? JSON.stringify(reply.json ?? {}));
}
