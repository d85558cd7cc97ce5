import { describe, expect, it } from "vitest";
import { ReplicaPool } from "./replica-pool.js";
import { DEFAULT_RETRY_POLICY, isRetryableStatus, retryDelayMs } from "./retry-policy.js";
import { Semaphore } from "./semaphore.js";

describe("retry policy", () => {
  it("retries 408/409/429/5xx only", () => {
    expect([408, 409, 429, 500, 503].every(isRetryableStatus)).toBe(true);
    expect([400, 401, 404, 422].some(isRetryableStatus)).toBe(false);
  });

  it("backs off exponentially with bounded jitter and honours retry-after", () => {
    const p = DEFAULT_RETRY_POLICY;
    expect([0, 1, 2, 3, 4, 5].map((r) => retryDelayMs(p, r, null, () => 0, 0))).toEqual([
      500, 1000, 2000, 4000, 8000, 8000,
    ]);
    expect(retryDelayMs(p, 0, null, () => 1, 0)).toBe(375);
    expect(retryDelayMs(p, 3, { retryAfter: "2", retryAfterMs: null }, () => 0, 0)).toBe(2000);
    expect(retryDelayMs(p, 0, { retryAfter: "9", retryAfterMs: "250" }, () => 0, 0)).toBe(250);
    const now = Date.parse("2026-01-01T00:00:00Z");
    expect(
      retryDelayMs(p, 0, { retryAfter: "Thu, 01 Jan 2026 00:00:03 GMT", retryAfterMs: null }, () => 0, now),
    ).toBe(3000);
    expect(retryDelayMs(p, 0, { retryAfter: "3600", retryAfterMs: null }, () => 0, 0)).toBe(500);
  });
});

describe("ReplicaPool", () => {
  it("balances by calls in flight and uses the first to recover when all are down", () => {
    let now = 0;
    const pool = new ReplicaPool(["http://a/v1/", "http://b/v1"], 100, () => now);
    const first = pool.acquire();
    const second = pool.acquire();
    expect(new Set([first, second])).toEqual(new Set(["http://a/v1", "http://b/v1"]));
    pool.release("http://a/v1", "unhealthy");
    now = 10;
    pool.release("http://b/v1", "unhealthy");
    expect(pool.acquire()).toBe("http://a/v1");
    pool.release("http://a/v1", "neutral");
    now = 105;
    expect(pool.status().map((r) => r.healthy)).toEqual([true, false]);
  });
});

describe("Semaphore", () => {
  it("a waiter can be aborted without taking a slot", async () => {
    const s = new Semaphore(1);
    let release: () => void = () => {};
    const holder = s.run(() => new Promise<void>((r) => (release = r)));
    const controller = new AbortController();
    const waiter = s.run(async () => "ran", controller.signal);
    controller.abort(new Error("cancelled"));
    await expect(waiter).rejects.toThrow("cancelled");
    release();
    await holder;
    expect(s.active).toBe(0);
    expect(await s.run(async () => "next")).toBe("next");
  });
});
