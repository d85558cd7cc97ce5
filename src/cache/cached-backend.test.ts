import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import type { ChatBackend, ChatRequest, ChatResponse } from "../contract/backend.js";
import { cacheKey } from "./cache-key.js";
import { CachedBackend } from "./cached-backend.js";
import { SqliteResponseCache } from "./response-cache.js";

const request = (text: string, image = "sha-a"): ChatRequest => ({
  promptId: "t@1",
  messages: [
    {
      role: "user",
      content: [
        { type: "image", key: image, dataUrl: "data:image/png;base64,AAAA" },
        { type: "text", text },
      ],
    },
  ],
  temperature: 0,
});

function scripted(replies: Array<ChatResponse | Error>): ChatBackend & { calls: number } {
  const backend = {
    model: "m",
    calls: 0,
    complete: async () => {
      const next = replies[backend.calls++];
      if (!next || next instanceof Error) throw next ?? new Error("no more replies");
      return next;
    },
    capabilities: async () => ({ logprobs: true, jsonSchema: true, notes: [] }),
  };
  return backend;
}

const ok = (text: string): ChatResponse => ({
  model: "m",
  cached: false,
  choices: [{ text, finishReason: "stop", logprobs: null }],
});

describe("CachedBackend", () => {
  it("serves a repeat from the persistent cache, across instances", async () => {
    const path = join(mkdtempSync(join(tmpdir(), "ej-cache-")), "c.sqlite");
    const inner = scripted([ok("first")]);
    const a = new CachedBackend(inner, new SqliteResponseCache(path));
    expect((await a.complete(request("q"))).cached).toBe(false);
    await a.close();
    const b = new CachedBackend(scripted([]), new SqliteResponseCache(path));
    const again = await b.complete(request("q"));
    expect(again).toMatchObject({ cached: true, choices: [{ text: "first" }] });
    await b.close();
  });

  it("never caches an error", async () => {
    const inner = scripted([new Error("boom"), ok("second")]);
    const cache = new CachedBackend(inner, new SqliteResponseCache(":memory:"));
    await expect(cache.complete(request("q"))).rejects.toThrow("boom");
    expect((await cache.complete(request("q"))).choices[0]?.text).toBe("second");
    expect(inner.calls).toBe(2);
  });

  it("keys on images, text, template and sampling but not on base64 bytes", () => {
    const base = cacheKey("m", request("q"));
    expect(cacheKey("m", request("q2"))).not.toBe(base);
    expect(cacheKey("m", request("q", "sha-b"))).not.toBe(base);
    expect(cacheKey("m2", request("q"))).not.toBe(base);
    expect(cacheKey("m", { ...request("q"), promptId: "t@2" })).not.toBe(base);
    expect(cacheKey("m", { ...request("q"), sample: 1 })).not.toBe(base);
    const sameImageOtherBytes = request("q");
    const part = sameImageOtherBytes.messages[0]?.content[0];
    if (part?.type === "image") part.dataUrl = "data:image/png;base64,BBBB";
    expect(cacheKey("m", sameImageOtherBytes)).toBe(base);
  });

  it("forgets a reply the judge could not use, served fresh or from the cache, so the model is asked again", async () => {
    const inner = scripted([ok("I cannot help with that."), ok('{"score": 7}')]);
    const cache = new CachedBackend(inner, new SqliteResponseCache(":memory:"));
    expect((await cache.complete(request("q"))).choices[0]?.text).toBe("I cannot help with that.");
    expect((await cache.complete(request("q"))).cached).toBe(true);
    cache.forget("I cannot help with that.");
    expect((await cache.complete(request("q"))).choices[0]?.text).toBe('{"score": 7}');
    expect(inner.calls).toBe(2);
    // A text never seen is a no-op; a good reply stays cached.
    cache.forget("something else");
    expect((await cache.complete(request("q"))).cached).toBe(true);
    expect(inner.calls).toBe(2);
  });
});
