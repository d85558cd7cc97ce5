import type { Context } from "hono";
import type { ContentfulStatusCode } from "hono/utils/http-status";

/**
 * Phase timings of one request, sent back as a `Server-Timing` header (W3C Server Timing): `read` (body, JSON,
 * validation), `work` (image decoding and judging), `reply` (serialising the answer) and `total`, in ms. Clients and
 * the benchmark use it to tell the server's own cost from the judge's.
 */
export class ServerTiming {
  /** When the request's handler started (performance.now()). */
  readonly started = performance.now();
  #last = this.started;
  readonly #phases: string[] = [];

  /** Ends the current phase under `name`. */
  mark(name: string): void {
    const now = performance.now();
    this.#phases.push(`${name};dur=${(now - this.#last).toFixed(3)}`);
    this.#last = now;
  }

  /** A JSON response carrying the header; serialisation counts as the `reply` phase. */
  json(c: Context, value: unknown): Response {
    return this.send(c, JSON.stringify(value), 200, "application/json");
  }

  /** Any body already serialised (the time since the last mark counts as `reply`), with the header. */
  send(
    c: Context,
    body: string | Uint8Array<ArrayBuffer>,
    status: ContentfulStatusCode,
    contentType: string,
  ): Response {
    this.mark("reply");
    const header = [...this.#phases, `total;dur=${(performance.now() - this.started).toFixed(3)}`].join(", ");
    return c.body(body, status, { "content-type": contentType, "server-timing": header });
  }
}

/** Reads a `Server-Timing` header written by `ServerTiming`: phase name → ms. */
export function parseServerTiming(header: string): Map<string, number> {
  return new Map(
    header
      .split(",")
      .map((part) => part.trim().split(";dur="))
      .filter((pair): pair is [string, string] => pair.length === 2)
      .map(([name, ms]) => [name, Number(ms)]),
  );
}
