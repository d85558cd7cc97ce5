import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { startFakeVlm } from "../judges/vlm/test-helpers/judge-fixture.js";
import { createJudges, startServer } from "./start-server.js";
import { solidPngBase64 } from "./test-fixtures.js";

const closers: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  for (const close of closers.splice(0).reverse()) await close();
});

/** The value of one sample of a Prometheus text exposition, or null when absent. */
function sample(text: string, name: string, labels: string): number | null {
  const line = text.split("\n").find((l) => l.startsWith(`${name}{${labels}} `));
  return line === undefined ? null : Number(line.slice(line.lastIndexOf(" ") + 1));
}

describe("reward server metrics of model-server calls", () => {
  it("counts the judge's calls to its model server and its reply-cache hits", async () => {
    const vlm = await startFakeVlm({ viescore: { sc: [8, 6], pq: [9, 4] } });
    closers.push(() => vlm.close());
    const dir = mkdtempSync(join(tmpdir(), "ej-metrics-"));
    closers.push(() => rmSync(dir, { recursive: true, force: true }));
    const judges = await createJudges(["viescore"], {
      baseUrls: [vlm.url],
      model: "fake-vlm",
      cache: true,
      promptVariant: "editjudge",
      cachePath: join(dir, "replies.sqlite"),
    });
    const server = await startServer({ port: 0, judges });
    closers.push(() => server.close());
    const [source, a, b] = await Promise.all([30, 90, 150].map((red) => solidPngBase64(red, 24)));
    const score = () =>
      fetch(`${server.url}/v1/score`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ source, instruction: "make it brighter", candidates: [a, b] }),
      }).then((r) => r.status);
    const scrape = async () => {
      const text = await (await fetch(`${server.url}/metrics`)).text();
      return {
        ok: sample(text, "editjudge_backend_calls_total", 'judge="viescore",outcome="ok"'),
        error: sample(text, "editjudge_backend_calls_total", 'judge="viescore",outcome="error"'),
        hits: sample(text, "editjudge_response_cache_lookups_total", 'judge="viescore",result="hit"'),
        misses: sample(text, "editjudge_response_cache_lookups_total", 'judge="viescore",result="miss"'),
      };
    };

    expect(await score()).toBe(200);
    const first = await scrape();
    // Every call the fake server saw is counted once, as a success; nothing came from the cache yet.
    expect(first.ok).toBe(vlm.calls.length);
    expect(first.ok).toBeGreaterThan(0);
    expect(first).toMatchObject({ error: 0, hits: 0 });

    expect(await score()).toBe(200);
    const second = await scrape();
    // The same request again is answered from the reply cache: no new calls, one hit per judge call.
    expect(second.ok).toBe(first.ok);
    expect(vlm.calls.length).toBe(first.ok);
    expect(second.hits).toBeGreaterThan(0);
    expect(second.misses).toBe(first.misses);
  });
});
