import http from "node:http";

/**
 * A sequential HTTP client over one keep-alive connection, as a trainer's `requests.Session` (urllib3) talks to
 * the server. The body is sent as prepared bytes so the client does no per-request encoding.
 * Resolves with the status code once the whole response has been read.
 */
export function keepAlivePoster(base: string): {
  post(path: string, body: Buffer): Promise<number>;
  get(path: string): Promise<number>;
  close(): void;
} {
  const url = new URL(base);
  const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
  const send = (path: string, body: Buffer | null) =>
    new Promise<number>((resolve, reject) => {
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
          response.once("end", () => resolve(response.statusCode ?? 0));
          response.once("error", reject);
        },
      );
      request.once("error", reject);
      request.end(body ?? undefined);
    });
  return { post: send, get: (path) => send(path, null), close: () => agent.destroy() };
}
