import http from "node:http";
import { median } from "./bench-cases.js";

export interface FloorRow {
  bodyBytes: number;
  waitMs: number;
  busy: boolean;
  /** p50 of round trip minus the server's wait, ms. */
  floorMs: number;
  /** p50 of each part of the round trip, ms (monotonic clock, shared by client and server processes). */
  parts: {
    /** From the client starting the request to the server's handler starting. */
    toServer: number;
    /** Handler start to the whole body read. */
    body: number;
    /** Server's answer written to the client seeing its headers. */
    toClient: number;
  };
}

const now = () => Number(process.hrtime.bigint()) / 1e6;

/**
 * What a round trip costs on this machine beyond the server's own time, for a server that does nothing but read
 * the body and answer after `waitMs` (see loopback-floor-child.ts): sequential requests on one keep-alive
 * connection, p50 of (round trip − wait) after 10 warm-up requests, and where it goes.
 */
export async function measureLoopbackFloor(
  url: string,
  options: { bodyBytes: readonly number[]; waitsMs: readonly number[]; n: number },
): Promise<FloorRow[]> {
  const target = new URL(url);
  const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
  const post = (body: Buffer, waitMs: number, busy: boolean) =>
    new Promise<{ stamps: number[]; headersAt: number }>((resolve, reject) => {
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
          const headersAt = now();
          const stamps = String(response.headers["x-stamps"]).split(",").map(Number);
          response.resume();
          response.once("end", () => resolve({ stamps, headersAt }));
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
        const toServer: number[] = [];
        const reading: number[] = [];
        const toClient: number[] = [];
        for (let i = 0; i < options.n + 10; i++) {
          const started = now();
          const { stamps, headersAt } = await post(body, waitMs, busy);
          const [handlerAt = Number.NaN, readAt = Number.NaN, answeredAt = Number.NaN] = stamps;
          if (i < 10) continue;
          floors.push(now() - started - waitMs);
          toServer.push(handlerAt - started);
          reading.push(readAt - handlerAt);
          toClient.push(headersAt - answeredAt);
        }
        rows.push({
          bodyBytes,
          waitMs,
          busy,
          floorMs: median(floors),
          parts: { toServer: median(toServer), body: median(reading), toClient: median(toClient) },
        });
      }
  }
  agent.destroy();
  return rows;
}
