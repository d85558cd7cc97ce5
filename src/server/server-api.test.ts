import { getEventListeners } from "node:events";
import sharp from "sharp";
import { describe, expect, it } from "vitest";
import type { JudgeRunOptions } from "../contract/judge.js";
import { seededRng } from "../metrics/seeded-rng.js";
import { startServer } from "./start-server.js";
import { fakeJudge, solidPngBase64 } from "./test-fixtures.js";
import { postJson, testServers } from "./test-helpers/test-servers.js";

const start = testServers();

interface RewardsBody {
  keepRule: { minStd: number; maxMean: number };
  groups: Array<{
    id: string | null;
    mean: number | null;
    std: number | null;
    keep: boolean;
    candidates: Array<{ reward: number | null; advantage: number | null }>;
  }>;
}

describe("reward server", () => {
  it("computes GRPO advantages over non-null rewards and the keep flag", async () => {
    const server = await start();
    const [src, r51, r102, r153] = await Promise.all([10, 51, 102, 153].map((r) => solidPngBase64(r)));
    const abstain = await solidPngBase64(0);
    const res = await postJson(`${server.url}/v1/rewards`, {
      groups: [
        { id: "g1", source: src, instruction: "make it red", candidates: [r51, r102, r153, abstain] },
        { id: "g2", source: src, instruction: "make it red", candidates: [r102, r102] },
      ],
    });
    expect(res.status).toBe(200);
    const body = (await res.json()) as RewardsBody;
    const [g1, g2] = body.groups;
    expect(g1?.candidates.map((c) => c.reward)).toEqual([0.2, 0.4, 0.6, null]);
    expect(g1?.mean).toBeCloseTo(0.4);
    const std = Math.sqrt(((0.2 - 0.4) ** 2 * 2) / 3);
    expect(g1?.candidates[0]?.advantage).toBeCloseTo(-0.2 / (std + 1e-6), 5);
    expect(g1?.candidates[3]?.advantage).toBeNull();
    expect(g1?.keep).toBe(true);
    expect(g2?.keep).toBe(false);
  });

  it("answers a group or candidate that fails the schema with its own error and judges the rest", async () => {
    const server = await start();
    const [src, r51, r102] = await Promise.all([10, 51, 102].map((r) => solidPngBase64(r)));
    const res = await postJson(`${server.url}/v1/rewards`, {
      groups: [
        { id: "ok", source: src, instruction: "make it red", candidates: [r51, r102] },
        { id: "empty-instruction", source: src, instruction: "", candidates: [r51, r102, r102] },
        { id: 7, source: src, instruction: "make it red", candidates: [null, r102, "", { file: "x" }] },
        { id: "no-candidates", source: src, instruction: "make it red", candidates: [] },
        5,
      ],
    });
    expect(res.status).toBe(200);
    const body = (await res.json()) as {
      groups: Array<{
        id: string | number | null;
        error?: { code: string; message: string };
        candidates: Array<{ reward: number | null; error?: { message: string } }>;
      }>;
    };
    const [ok, noInstruction, mixed, noCandidates, notObject] = body.groups;
    expect(ok?.candidates.map((c) => c.reward)).toEqual([0.2, 0.4]);
    expect(noInstruction?.id).toBe("empty-instruction");
    // An empty instruction gets the code of a blank one, not a schema error.
    expect(noInstruction?.error?.code).toBe("empty_instruction");
    expect(noInstruction?.error?.message).toMatch(/instruction is empty; say what the edit should do/);
    expect(noInstruction?.candidates).toHaveLength(3);
    expect(noInstruction?.candidates.every((c) => c.reward === null && c.error)).toBe(true);
    expect(mixed?.id).toBe(7);
    expect(mixed?.error).toBeUndefined();
    expect(mixed?.candidates.map((c) => c.reward)).toEqual([null, 0.4, null, null]);
    expect(mixed?.candidates[0]?.error?.message).toMatch(/^candidates\.0 is null, not an image/);
    expect(mixed?.candidates[2]?.error?.message).toMatch(/^candidates\.2 is an empty string, not an image/);
    expect(mixed?.candidates[3]?.error?.message).toMatch(
      /^candidates\.3 is an object with "file", not an image/,
    );
    expect(noCandidates?.error?.message).toMatch(/groups\.3\.candidates: /);
    expect(noCandidates?.candidates).toEqual([]);
    expect(notObject?.id).toBeNull();
    expect(notObject?.error?.message).toMatch(/groups\.4: /);
  });

  it("still refuses a request whose envelope is wrong", async () => {
    const server = await start();
    for (const body of [
      { groups: [] },
      { groups: "x" },
      { groups: [{}], keep: { minStd: -1 } },
      { groups: [{}], keep: { maxMean: -0.5 } },
      { groups: [{}], x: 1 },
    ]) {
      const res = await postJson(`${server.url}/v1/rewards`, body);
      expect(res.status).toBe(400);
      expect(((await res.json()) as { error: { code: string } }).error.code).toBe("invalid_request");
    }
  });

  it("/v1/score judges the good candidates when one is not an image spec", async () => {
    const server = await start();
    const [src, r102] = await Promise.all([10, 102].map((r) => solidPngBase64(r)));
    const res = await postJson(`${server.url}/v1/score`, {
      source: src,
      instruction: "make it red",
      candidates: [r102, 42],
    });
    expect(res.status).toBe(200);
    const body = (await res.json()) as {
      candidates: Array<{ reward: number | null; error?: { message: string } }>;
    };
    expect(body.candidates[0]?.reward).toBeCloseTo(0.4);
    expect(body.candidates[1]?.error?.message).toMatch(/^candidates\.1 is a number, not an image/);
  });

  it("accepts per-request keep thresholds", async () => {
    const server = await start();
    const a = await solidPngBase64(102);
    const res = await postJson(`${server.url}/v1/rewards`, {
      keep: { minStd: 0 },
      groups: [{ source: a, instruction: "x", candidates: [a, await solidPngBase64(105)] }],
    });
    const body = (await res.json()) as RewardsBody;
    expect(body.keepRule).toEqual({ minStd: 0, maxMean: 0.9 });
    expect(body.groups[0]?.keep).toBe(true);
    expect(body.groups[0]?.id).toBeNull();
  });

  it("accepts line-wrapped base64, data URLs and {base64}", async () => {
    const server = await start();
    const png = await solidPngBase64(100);
    const wrapped = png.replace(/(.{76})/g, "$1\n");
    const res = await postJson(`${server.url}/v1/score`, {
      source: wrapped,
      instruction: "x",
      candidates: [`data:image/png;base64,${png}`, { base64: png }],
    });
    expect(res.status).toBe(200);
    const body = (await res.json()) as { candidates: Array<{ reward: number | null; error?: unknown }> };
    expect(body.candidates.map((c) => c.reward)).toEqual([100 / 255, 100 / 255]);
  });

  it("decodes large base64 images straight from the body, in every form, and rejects bad ones per candidate", async () => {
    const server = await start();
    const random = seededRng(3);
    const noise = Buffer.from(
      Array.from({ length: 64 * 64 * 3 }, (_, i) => (i === 0 ? 100 : random() * 256)),
    );
    const png = (
      await sharp(noise, { raw: { width: 64, height: 64, channels: 3 } })
        .png()
        .toBuffer()
    ).toString("base64");
    expect(png.length).toBeGreaterThan(8192); // long enough to be lifted out of the JSON text
    const res = await postJson(`${server.url}/v1/score`, {
      source: png,
      instruction: "x",
      candidates: [
        `data:image/png;base64,${png}`,
        { base64: png },
        png,
        "A!".repeat(5000),
        `${png.slice(0, 100)}*${png.slice(101)}`,
        `${png}\n`, // whitespace: not lifted (escaped in JSON), accepted like line-wrapped base64
      ],
    });
    expect(res.status).toBe(200);
    const body = (await res.json()) as {
      candidates: Array<{ reward: number | null; error?: { code: string; message: string } }>;
    };
    expect(body.candidates.slice(0, 3).map((c) => c.reward)).toEqual([100 / 255, 100 / 255, 100 / 255]);
    expect(body.candidates[3]?.error?.code).toBe("invalid_base64");
    expect(body.candidates[3]?.error?.message).toMatch(/candidate-3: not valid base64/);
    expect(body.candidates[4]?.error?.code).toBe("invalid_base64");
    expect(body.candidates[5]?.reward).toBe(100 / 255);
    const metrics = await (await fetch(`${server.url}/metrics`)).text();
    expect(metrics).toMatch(/editjudge_image_cache_hits_total 1/); // `png` as a candidate is the source again
  });

  it("reports its phases in a Server-Timing header", async () => {
    const server = await start();
    const png = await solidPngBase64(100);
    for (const [path, body] of [
      ["/v1/score", { source: png, instruction: "x", candidates: [png] }],
      ["/v1/rewards", { groups: [{ source: png, instruction: "x", candidates: [png] }] }],
    ] as const) {
      const res = await postJson(`${server.url}${path}`, body);
      expect(res.status).toBe(200);
      const header = res.headers.get("server-timing") ?? "";
      const phases = Object.fromEntries(
        header.split(", ").map((part) => {
          const [name, dur] = part.split(";dur=");
          return [name, Number(dur)];
        }),
      );
      expect(Object.keys(phases)).toEqual(["read", "work", "reply", "total"]);
      const sum = (phases.read ?? 0) + (phases.work ?? 0) + (phases.reply ?? 0);
      expect(phases.total).toBeGreaterThanOrEqual(sum - 0.01);
    }
  });

  it("validates long non-image strings as the strings they are", async () => {
    const server = await start();
    const png = await solidPngBase64(100);
    const res = await postJson(`${server.url}/v1/score`, {
      source: png,
      instruction: "a".repeat(9000),
      candidates: [png],
    });
    expect(res.status).toBe(400);
    const body = (await res.json()) as { error: { code: string; message: string } };
    expect(body.error.code).toBe("invalid_request");
    expect(body.error.message).toMatch(/instruction: Too big/);
  });

  it("requires the bearer token when one is set, except for health checks", async () => {
    const server = await start({ token: "s3cret" });
    const png = await solidPngBase64(100);
    const body = { source: png, instruction: "x", candidates: [png] };
    expect((await postJson(`${server.url}/v1/score`, body)).status).toBe(401);
    expect((await postJson(`${server.url}/v1/score`, body, { authorization: "Bearer wrong" })).status).toBe(
      401,
    );
    expect((await postJson(`${server.url}/v1/score`, body, { authorization: "Bearer s3cret" })).status).toBe(
      200,
    );
    expect((await fetch(`${server.url}/metrics`)).status).toBe(401);
    expect((await fetch(`${server.url}/healthz`)).status).toBe(200);
  });

  it("refuses to listen beyond loopback without a token", async () => {
    await expect(
      startServer({ host: "0.0.0.0", port: 0, judges: new Map([["fake", fakeJudge()]]) }),
    ).rejects.toMatchObject({
      name: "ConfigError",
      setting: "token",
    });
  });

  it("stops a request at its time limit with 504, and the judge sees the abort", async () => {
    let aborted = false;
    const hang = (options: JudgeRunOptions) =>
      new Promise<void>((_, reject) =>
        options.signal?.addEventListener("abort", () => {
          aborted = true;
          reject(options.signal?.reason);
        }),
      );
    const server = await start({
      judges: new Map([["slow", fakeJudge("slow", hang)]]),
      requestTimeoutMs: 50,
    });
    const png = await solidPngBase64(100);
    const res = await postJson(`${server.url}/v1/score`, {
      source: png,
      instruction: "x",
      candidates: [png],
    });
    expect(res.status).toBe(504);
    expect(await res.json()).toMatchObject({ error: { code: "timeout" } });
    expect(aborted).toBe(true);
    expect((await fetch(`${server.url}/healthz`)).status).toBe(200);
  });

  it("answers a request still working when the shutdown grace period ends with 503 shutting_down", async () => {
    let entered: () => void = () => {};
    const inJudge = new Promise<void>((resolve) => {
      entered = resolve;
    });
    // A judge that never finishes and ignores its abort signal.
    let entries = 0;
    const gate = () => {
      entries++;
      entered();
      return new Promise<void>(() => {});
    };
    const server = await startServer({
      port: 0,
      shutdownGraceMs: 200,
      judges: new Map([["stuck", fakeJudge("stuck", gate)]]),
    });
    const png = await solidPngBase64(100);
    const inflight = postJson(`${server.url}/v1/score`, { source: png, instruction: "x", candidates: [png] });
    await inJudge;
    // However many requests work at once, the shutdown signal has one listener (no MaxListeners warning).
    const more = Array.from({ length: 12 }, () =>
      postJson(`${server.url}/v1/score`, { source: png, instruction: "x", candidates: [png] }),
    );
    while (entries < 13) await new Promise((resolve) => setTimeout(resolve, 5));
    expect(getEventListeners(server.runtime.stopping.signal, "abort")).toHaveLength(1);
    const closed = server.close();
    const res = await inflight;
    for (const other of await Promise.all(more)) expect(other.status).toBe(503);
    expect(res.status).toBe(503);
    expect(res.headers.get("connection")).toBe("close");
    const body = (await res.json()) as { error: { code: string; message: string } };
    expect(body.error.code).toBe("shutting_down");
    expect(body.error.message).toMatch(
      /did not finish within the 200 ms grace period; retry it on another replica/,
    );
    await closed;
  });

  it("finishes in-flight requests on graceful shutdown", async () => {
    let release: () => void = () => {};
    let entered: () => void = () => {};
    const inJudge = new Promise<void>((resolve) => {
      entered = resolve;
    });
    const gate = () => {
      entered();
      return new Promise<void>((resolve) => {
        release = resolve;
      });
    };
    const server = await startServer({ port: 0, judges: new Map([["gated", fakeJudge("gated", gate)]]) });
    const png = await solidPngBase64(100);
    const inflight = postJson(`${server.url}/v1/score`, { source: png, instruction: "x", candidates: [png] });
    await inJudge;
    const closed = server.close();
    expect(server.runtime.draining).toBe(true);
    release();
    const res = await inflight;
    expect(res.status).toBe(200);
    // Answers given while draining end their connection, so a keep-alive client reconnects elsewhere.
    expect(res.headers.get("connection")).toBe("close");
    await closed;
    await expect(fetch(`${server.url}/healthz`)).rejects.toThrow();
  });

  it("exposes metrics and the OpenAPI document", async () => {
    const server = await start();
    const png = await solidPngBase64(100);
    await postJson(`${server.url}/v1/rewards`, {
      groups: [
        { source: png, instruction: "x", candidates: [png, png] },
        // A group whose source is not an image, and one that does not match the schema: 3 + 2 candidate errors.
        { source: "bm90IGFuIGltYWdl", instruction: "x", candidates: [png, png, png] },
        { source: png, instruction: "", candidates: [png, png] },
      ],
    });
    const metrics = await (await fetch(`${server.url}/metrics`)).text();
    expect(metrics).toMatch(/editjudge_http_requests_total\{route="\/v1\/rewards",status="200"\} 1/);
    expect(metrics).toMatch(/editjudge_candidates_total\{judge="fake",outcome="reward"\} 2/);
    expect(metrics).toMatch(/editjudge_candidates_total\{judge="fake",outcome="error"\} 5/);
    expect(metrics).toMatch(/editjudge_image_cache_hits_total 5/);
    expect(metrics).toMatch(/editjudge_http_request_duration_seconds_bucket/);
    const doc = (await (await fetch(`${server.url}/openapi.json`)).json()) as {
      paths: Record<string, unknown>;
    };
    expect(Object.keys(doc.paths)).toEqual(expect.arrayContaining(["/v1/score", "/v1/rewards", "/healthz"]));
    const ready = await (await fetch(`${server.url}/readyz`)).json();
    expect(ready).toEqual({ status: "ready", judges: ["fake"] });
  });

  it("serves the real checks judge, which may abstain but never scores a silent 0", async () => {
    const server = await start({ judgeIds: ["checks"] });
    const [src, cand] = await Promise.all([solidPngBase64(100, 32), solidPngBase64(160, 32)]);
    const res = await postJson(`${server.url}/v1/rewards`, {
      groups: [{ source: src, instruction: "make it brighter", candidates: [cand, src] }],
    });
    expect(res.status).toBe(200);
    const body = (await res.json()) as RewardsBody;
    for (const c of body.groups[0]?.candidates ?? []) {
      if (c.reward === null) expect(c.advantage).toBeNull();
      else expect(c.reward).toBeGreaterThanOrEqual(0);
    }
  });
});
