// Mixed good and faulty traffic against the reward server, for the fault test and `npm run bench:server`.
import http from "node:http";

/** What one request of the mix does. */
export type TrafficKind = "good" | "bad-json" | "bad-image" | "drop-mid-body" | "drop-before-answer";

export const TRAFFIC_KINDS: readonly TrafficKind[] = [
  "good",
  "bad-json",
  "bad-image",
  "drop-mid-body",
  "drop-before-answer",
];

/** Request i of the mix: six in ten are good, and one in ten of each fault kind, at fixed places. */
export function trafficKind(i: number): TrafficKind {
  switch (i % 10) {
    case 3:
      return "bad-json";
    case 5:
      return "bad-image";
    case 7:
      return "drop-mid-body";
    case 9:
      return "drop-before-answer";
    default:
      return "good";
  }
}

export interface TrafficOutcome {
  kind: TrafficKind;
  /** The answer's status; null when this client hung up on purpose. */
  status: number | null;
  body: unknown;
}

/**
 * Sends one POST. "drop-mid-body" sends half the declared body and hangs up; "drop-before-answer" sends it all and
 * hangs up before the answer comes. Any other failure rejects.
 */
export function sendOnce(url: string, body: Buffer, kind: TrafficKind): Promise<TrafficOutcome> {
  return new Promise<TrafficOutcome>((resolve, reject) => {
    const request = http.request(url, {
      method: "POST",
      agent: false,
      headers: { "content-type": "application/json", "content-length": body.length },
    });
    const dropped = () => resolve({ kind, status: null, body: null });
    request.on("response", (response) => {
      const chunks: Buffer[] = [];
      response.on("data", (chunk: Buffer) => chunks.push(chunk));
      response.on("end", () => {
        const text = Buffer.concat(chunks).toString("utf8");
        try {
          resolve({ kind, status: response.statusCode ?? 0, body: JSON.parse(text) });
        } catch {
          reject(new Error(`answer to a ${kind} request is not JSON: ${text.slice(0, 200)}`));
        }
      });
    });
    request.on("error", (error) =>
      request.destroyed && kind.startsWith("drop") ? dropped() : reject(error),
    );
    request.on("close", () => {
      if (kind.startsWith("drop")) dropped();
    });
    if (kind === "drop-mid-body") {
      request.write(body.subarray(0, body.length >> 1), () => request.destroy());
    } else if (kind === "drop-before-answer") {
      request.end(body, () => request.destroy());
    } else request.end(body);
  });
}

/** Sends `count` requests of the mix, `concurrency` at a time; `bodyFor` builds each body. In request order. */
export async function runTraffic(
  url: string,
  options: { count: number; concurrency: number; bodyFor(kind: TrafficKind, i: number): Buffer },
): Promise<TrafficOutcome[]> {
  const outcomes: TrafficOutcome[] = new Array(options.count);
  let next = 0;
  const worker = async () => {
    for (let i = next++; i < options.count; i = next++) {
      const kind = trafficKind(i);
      outcomes[i] = await sendOnce(url, options.bodyFor(kind, i), kind);
    }
  };
  await Promise.all(Array.from({ length: options.concurrency }, worker));
  return outcomes;
}

interface AnsweredCandidate {
  reward: number | null;
  rewardReason?: string;
  error?: { code: string };
}

export interface TrafficTally {
  /** Per kind: how many requests got each status ("dropped" when the client hung up). */
  statuses: Record<TrafficKind, Record<string, number>>;
  /** Over every answered candidate: a reward, an explicit error (by code), an abstention with a reason, or none. */
  candidates: { reward: number; abstained: number; silent: number; errors: Record<string, number> };
}

/** Counts outcomes; `silent` (a null reward with neither an error nor a reason) must stay 0. */
export function tallyTraffic(outcomes: readonly TrafficOutcome[]): TrafficTally {
  const statuses = Object.fromEntries(TRAFFIC_KINDS.map((k) => [k, {}])) as TrafficTally["statuses"];
  const candidates: TrafficTally["candidates"] = { reward: 0, abstained: 0, silent: 0, errors: {} };
  for (const o of outcomes) {
    const key = o.status === null ? "dropped" : String(o.status);
    statuses[o.kind][key] = (statuses[o.kind][key] ?? 0) + 1;
    const groups = (o.body as { groups?: Array<{ candidates: AnsweredCandidate[] }> } | null)?.groups ?? [];
    for (const c of groups.flatMap((g) => g.candidates)) {
      if (c.error) candidates.errors[c.error.code] = (candidates.errors[c.error.code] ?? 0) + 1;
      else if (typeof c.reward === "number") candidates.reward++;
      else if (c.rewardReason) candidates.abstained++;
      else candidates.silent++;
    }
  }
  return { statuses, candidates };
}

/** A /v1/rewards body for one request of the mix: `groups` groups of the given base64 images. */
export function rewardsBodyFor(
  kind: TrafficKind,
  images: { source: string; candidates: readonly string[] },
  groups = 2,
): Buffer {
  const notAnImage = Buffer.from("this is not an image, just text").toString("base64");
  const body = JSON.stringify({
    groups: Array.from({ length: groups }, (_, g) => ({
      id: `g${g}`,
      source: images.source,
      instruction: "make it brighter",
      candidates: images.candidates.map((c, i) => (kind === "bad-image" && i === 0 ? notAnImage : c)),
    })),
  });
  return Buffer.from(kind === "bad-json" ? body.slice(0, body.length - 7) : body);
}
