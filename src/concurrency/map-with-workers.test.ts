import { describe, expect, it } from "vitest";
import { mapWithWorkers } from "./map-with-workers.js";

const tick = () => new Promise((resolve) => setImmediate(resolve));

describe("mapWithWorkers", () => {
  it("keeps item order and never runs more than `workers` calls at once", async () => {
    let running = 0;
    let most = 0;
    const out = await mapWithWorkers([5, 1, 4, 2, 3], 2, async (n, i) => {
      most = Math.max(most, ++running);
      for (let k = 0; k < n; k++) await tick();
      running--;
      return `${i}:${n * 10}`;
    });
    expect(out).toEqual(["0:50", "1:10", "2:40", "3:20", "4:30"]);
    expect(most).toBe(2);
    expect(await mapWithWorkers([], 4, async () => 1)).toEqual([]);
  });

  it("on the first failure, aborts the other calls, starts no more, waits for all, and throws that failure", async () => {
    const first = new Error("row 0 failed");
    const started: number[] = [];
    const ended: number[] = [];
    const run = mapWithWorkers([0, 1, 2, 3, 4, 5], 3, async (n, _i, signal) => {
      started.push(n);
      if (n === 0) {
        await tick();
        throw first;
      }
      // The others wait for the abort, then take a while to wind down.
      await new Promise((resolve) => signal.addEventListener("abort", resolve, { once: true }));
      await tick();
      ended.push(n);
      throw signal.reason;
    });
    await expect(run).rejects.toBe(first);
    expect(started).toEqual([0, 1, 2]);
    expect(ended.sort()).toEqual([1, 2]);
  });

  it("stops with the reason of a signal that aborts", async () => {
    const controller = new AbortController();
    const reason = new Error("interrupted");
    const seen: number[] = [];
    const run = mapWithWorkers(
      [1, 2, 3],
      1,
      async (n) => {
        seen.push(n);
        if (n === 2) controller.abort(reason);
        return n;
      },
      controller.signal,
    );
    await expect(run).rejects.toBe(reason);
    expect(seen).toEqual([1, 2]);
  });
});
