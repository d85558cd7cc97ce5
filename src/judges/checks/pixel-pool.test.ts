import { existsSync } from "node:fs";
import { fileURLToPath, pathToFileURL } from "node:url";
import sharp from "sharp";
import { describe, expect, it } from "vitest";
import { prepareCase } from "../../image/prepare-case.js";
import { ChecksJudge } from "./checks-judge.js";

// The pool runs the compiled worker, so this test uses the built package (`npm test` builds first).
const BUILT = fileURLToPath(new URL("../../../dist/judges/checks/checks-judge.js", import.meta.url));
const BUILT_POOL = fileURLToPath(new URL("../../../dist/judges/checks/pixel-pool.js", import.meta.url));

describe("PixelPool", () => {
  it("gives the same result in two worker threads as in this thread", async () => {
    expect(existsSync(BUILT), `${BUILT} is missing: run \`npm run build\` (npm test does it first)`).toBe(
      true,
    );
    const built = (await import(pathToFileURL(BUILT).href)) as typeof import("./checks-judge.js");
    const source = await sharp("../shared/photos/kodim05.png").resize(256, 170).png().toBuffer();
    const edits = [
      (s: sharp.Sharp) => s.linear(1, 20),
      (s: sharp.Sharp) => s.rotate(90),
      (s: sharp.Sharp) => s.blur(2),
      (s: sharp.Sharp) => s,
    ];
    const candidates = await Promise.all(
      edits.map(async (e, i) => ({
        kind: "bytes" as const,
        bytes: new Uint8Array(await e(sharp(source)).png().toBuffer()),
        name: `c${i}`,
      })),
    );
    const edit = await prepareCase({
      source: { kind: "bytes", bytes: new Uint8Array(source), name: "s" },
      instruction: "make it brighter",
      candidates,
    });
    const pooled = new built.ChecksJudge({ workers: 2 });
    const local = new ChecksJudge();
    try {
      const [a, b] = [await pooled.judge(edit), await local.judge(edit)];
      expect(a.candidates.length).toBe(4);
      expect(JSON.stringify(a)).toBe(JSON.stringify(b));
    } finally {
      await pooled.close();
    }
  });

  it("drops the tasks no worker has taken yet when their signal aborts, and keeps serving others", async () => {
    expect(existsSync(BUILT_POOL), `${BUILT_POOL} is missing: run \`npm run build\``).toBe(true);
    const { PixelPool } = (await import(pathToFileURL(BUILT_POOL).href)) as typeof import("./pixel-pool.js");
    const pool = PixelPool.tryCreate(2);
    if (!pool) throw new Error("the built pixel worker did not load");
    const image = { width: 32, height: 32, rgb: new Uint8Array(32 * 32 * 3).fill(90) };
    const task = () => ({
      sourceKey: "s",
      source: { ...image, rgb: image.rgb.slice() },
      candidate: { ...image, rgb: image.rgb.slice() },
      principles: [],
      ops: [],
    });
    try {
      const controller = new AbortController();
      const stopped = new Error("client hung up");
      const runs = Array.from({ length: 10 }, () => pool.run(task(), controller.signal));
      // Two workers take two tasks each at once; the other six wait in the pool.
      expect(pool.waiting).toBe(6);
      controller.abort(stopped);
      expect(pool.waiting).toBe(0);
      const settled = await Promise.allSettled(runs);
      expect(settled.filter((s) => s.status === "fulfilled")).toHaveLength(4);
      expect(settled.filter((s) => s.status === "rejected").map((s) => s.reason)).toEqual(
        Array(6).fill(stopped),
      );
      // An already aborted signal is refused at once; a task without one still runs.
      await expect(pool.run(task(), controller.signal)).rejects.toBe(stopped);
      await expect(pool.run(task())).resolves.toEqual([]);
    } finally {
      await pool.close();
    }
    await expect(pool.run(task())).rejects.toMatchObject({ code: "pixel_pool_closed" });
  });
});
