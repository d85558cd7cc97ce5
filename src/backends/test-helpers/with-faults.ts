import { seededRng } from "../../metrics/seeded-rng.js";
import type { FakeCall, FakeHandler, FakeReply } from "./fake-openai-server.js";
import { isProbe, rateLimited, serverError } from "./fake-replies.js";

export interface FaultCounts {
  ok: number;
  http500: number;
  http429: number;
  hang: number;
}

/**
 * Wraps a handler so that a `rate` share of calls fail, split evenly between HTTP 500, HTTP 429
 * (retry-after 0) and a reply that never comes (the client times out). The capability probe is
 * spared so a run can start.
 */
export function withFaults(
  handler: FakeHandler,
  options: { rate: number; seed: number },
): { handler: FakeHandler; counts: FaultCounts } {
  const random = seededRng(options.seed);
  const counts: FaultCounts = { ok: 0, http500: 0, http429: 0, hang: 0 };
  return {
    counts,
    handler: (call: FakeCall): FakeReply | Promise<FakeReply> => {
      if (isProbe(call)) return handler(call);
      const r = random();
      const third = options.rate / 3;
      if (r < third) {
        counts.http500++;
        return serverError();
      }
      if (r < 2 * third) {
        counts.http429++;
        return rateLimited(0);
      }
      if (r < options.rate) {
        counts.hang++;
        return { hang: true };
      }
      counts.ok++;
      return handler(call);
    },
  };
}
