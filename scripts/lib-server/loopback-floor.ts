import http from "node:http";
import { median } from "./bench-cases.js";

export interface FloorRow {
  bodyBytes: number;
  waitMs: number;
  busy: boolean;
  /** p50 of round trip minus the server's wait, ms. */
  floorMs: number;
}

/**
 * What a round trip costs on this machine beyond the server's own time, for a server that does nothing but read
 * the body and answer after `waitMs` (see loopback-floor-child.ts): sequential requests on one keep-alive
 * connection, p50 of (round trip − wait) after 10 warm-up requests.
 */
export async function measureLoopbackFloor(
  url: string,
  options: { bodyBytes: readonly number[]; waitsMs: readonly number[]; n: number },
): Promise<FloorRow[]> {
  const target = new URL(url);
  const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
  const post = (body: Buffer, waitMs: number, busy: boolean) =>
    new Promise<void>((resolve, reject) => {
      const request = http.request(
        {
          host: target.hostname,
          port: target.port,
          method: "POST",
          path: "/",
          agent,
          headers: { "content-length": body.length, "x-wait": waitMs, "x-busy": busy ? "1" : "0" },
        },
        (response) => {
          response.resume();
          response.once("end", resolve);
        },
      );
      request.once("error", reject);
      request.end(body);
    });
  const rows: FloorRow[] = [];
  for (const bodyBytes of options.bodyBytes) {
    const body = Buffer.alloc(bodyBytes, 0x41);
    for (const busy of [false, true])
      for (const waitMs of options.waitsMs) {
        const floors: number[] = [];
        for (let i = 0; i < options.n + 10; i++) {
          const started = performance.now();
          await post(body, waitMs, busy);
          if (i >= 10) floors.push(performance.now() - started - waitMs);
        }
        rows.push({ bodyBytes, waitMs, busy, floorMs: median(floors) });
      }
  }
  agent.destroy();
  return rows;
}
