import http, { type IncomingHttpHeaders } from "node:http";
import { parseServerTiming } from "../../src/server/server-timing.js";

export interface Answer {
  status: number;
  headers: IncomingHttpHeaders;
}

/** One phase of the server's Server-Timing header (`read`, `work`, `reply`, `total`), ms; NaN when absent. */
export function serverPhaseMs(headers: IncomingHttpHeaders, phase: string): number {
  return parseServerTiming(String(headers["server-timing"] ?? "")).get(phase) ?? Number.NaN;
}

/** The server's own time on a request: Server-Timing `total` minus `work` (decoding and judging), ms. */
export function serverOwnMs(headers: IncomingHttpHeaders): number {
  return serverPhaseMs(headers, "total") - serverPhaseMs(headers, "work");
}

/**
 * A sequential HTTP client over one keep-alive connection, as a trainer's `requests.Session` (urllib3) talks to
 * the server. The body is sent as prepared bytes so the client does no per-request encoding.
 * Resolves with the status code and headers once the whole response has been read.
 */
export function keepAlivePoster(base: string): {
  post(path: string, body: Buffer): Promise<Answer>;
  get(path: string): Promise<Answer>;
  close(): void;
} {
  const url = new URL(base);
  const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
  const send = (path: string, body: Buffer | null) =>
    new Promise<Answer>((resolve, reject) => {
      const request = http.request(
        {
          host: url.hostname,
          port: url.port,
          path,
          method: body ? "POST" : "GET",
          agent,
          headers: body ? { "content-type": "application/json", "content-length": body.length } : {},
        },
        (response) => {
          response.resume();
          response.once("end", () =>
            resolve({ status: response.statusCode ?? 0, headers: response.headers }),
          );
          response.once("error", reject);
        },
      );
      request.once("error", reject);
      request.end(body ?? undefined);
    });
  return { post: send, get: (path) => send(path, null), close: () => agent.destroy() };
}
