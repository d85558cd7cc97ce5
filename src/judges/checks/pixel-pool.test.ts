import { getEventListeners } from "node:events";
import { existsSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import sharp from "sharp";
import { afterAll, describe, expect, it } from "vitest";
import { prepareCase } from "../../image/prepare-case.js";
import { type FixturePhoto, fixturePhoto } from "../../test-helpers/test-fixture.js";
import { ChecksJudge } from "./checks-judge.js";
import type { PixelPool } from "./pixel-pool.js";
import { reduceImage } from "./reduced-image.js";

// The pool runs the compiled worker, so this test uses the built package (`npm test` builds first).
const BUILT = fileURLToPath(new URL("../../../dist/judges/checks/checks-judge.js", import.meta.url));
const BUILT_POOL = fileURLToPath(new URL("../../../dist/judges/checks/pixel-pool.js", import.meta.url));

/** Judges the case with the built judge in two workers and in this thread; the results must be identical. */
async function pooledEqualsLocal(
  built: typeof import("./checks-judge.js"),
  edit: Awaited<ReturnType<typeof prepareCase>>,
): Promise<Awaited<ReturnType<ChecksJudge["judge"]>>> {
  const pooled = new built.ChecksJudge({ workers: 2 });
  try {
    const a = await pooled.judge(edit);
    expect(JSON.stringify(a)).toBe(JSON.stringify(await new ChecksJudge().judge(edit)));
    return a;
  } finally {
    await pooled.close();
  }
}

describe("PixelPool", () => {
  it("gives the same result in two worker threads as in this thread", async () => {
    expect(existsSync(BUILT), `${BUILT} is missing: run \`npm run build\` (npm test does it first)`).toBe(
      true,
    );
    const built = (await import(pathToFileURL(BUILT).href)) as typeof import("./checks-judge.js");
    const source = await sharp(fixturePhoto("kodim05.png")).resize(256, 170).png().toBuffer();
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
    const a = await pooledEqualsLocal(
      built,
      await prepareCase({
        source: { kind: "bytes", bytes: new Uint8Array(source), name: "s" },
        instruction: "make it brighter",
        candidates,
      }),
    );
    expect(a.candidates.length).toBe(4);
  });

  it("gives the same result in workers as in this thread on a large masked case (reduced images, tiles)", async () => {
    const built = (await import(pathToFileURL(BUILT).href)) as typeof import("./checks-judge.js");
    // 2100×1400: working factor 3, so the workers get reduced images, full-resolution tiles and a reduced mask.
    const source = await sharp(fixturePhoto("kodim05.png")).resize(2100, 1400).png().toBuffer();
    const white = { r: 255, g: 255, b: 255 };
    const mask = await sharp({
      create: { width: 2100, height: 1400, channels: 3, background: { r: 0, g: 0, b: 0 } },
    })
      .composite([
        {
          input: { create: { width: 600, height: 500, channels: 3, background: white } },
          left: 700,
          top: 400,
        },
      ])
      .png()
      .toBuffer();
    const patch = await sharp(source)
      .extract({ left: 700, top: 400, width: 600, height: 500 })
      .blur(12)
      .toBuffer();
    const edits = [
      sharp(source)
        .composite([{ input: patch, left: 700, top: 400 }])
        .png(),
      sharp(source)
        .composite([{ input: patch, left: 700, top: 400 }])
        .jpeg({ quality: 20 }),
      sharp(source).blur(3).png(),
      sharp(source).png(),
    ];
    const candidates = await Promise.all(
      edits.map(async (e, i) => ({
        kind: "bytes" as const,
        bytes: new Uint8Array(await e.toBuffer()),
        name: `c${i}`,
      })),
    );
    const a = await pooledEqualsLocal(
      built,
      await prepareCase({
        source: { kind: "bytes", bytes: new Uint8Array(source), name: "s" },
        mask: { kind: "bytes", bytes: new Uint8Array(mask), name: "m" },
        instruction: "remove the object",
        candidates,
      }),
    );
    expect(a.candidates.length).toBe(4);
    // the inpainted candidate outranks the unchanged one and the one blurred all over
    expect(a.ranking[0]).toBe(0);
  });

  it("gives the same results with several cases in flight (workers stay on the cases they began) as in this thread", async () => {
    const built = (await import(pathToFileURL(BUILT).href)) as typeof import("./checks-judge.js");
    const photos: FixturePhoto[] = ["kodim01.png", "kodim05.png", "kodim12.png"];
    const cases = await Promise.all(
      photos.map(async (photo, k) => {
        const source = await sharp(fixturePhoto(photo)).resize(192, 128).png().toBuffer();
        const edits = [
          sharp(source).linear(1, 25),
          sharp(source).linear(1, -25),
          sharp(source).blur(1.5),
          sharp(source).jpeg({ quality: 15 }),
          sharp(source),
        ];
        return prepareCase({
          source: { kind: "bytes", bytes: new Uint8Array(source), name: `s${k}` },
          instruction: "make it brighter",
          candidates: await Promise.all(
            edits.map(async (e, i) => ({
              kind: "bytes" as const,
              bytes: new Uint8Array(await e.toBuffer()),
              name: `c${k}-${i}`,
            })),
          ),
        });
      }),
    );
    const local = new ChecksJudge();
    const expected = [];
    for (const edit of cases) expected.push(JSON.stringify(await local.judge(edit)));
    const pooled = new built.ChecksJudge({ workers: 2 });
    try {
      // Every case at once, twice over and in both orders: the workers' tasks interleave across sources.
      const order = [...cases, ...cases.slice().reverse()];
      const got = await Promise.all(order.map((edit) => pooled.judge(edit)));
      expect(got.map((r) => JSON.stringify(r))).toEqual([...expected, ...expected.slice().reverse()]);
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
      source: reduceImage({ ...image, rgb: image.rgb.slice() }, 1),
      candidate: reduceImage({ ...image, rgb: image.rgb.slice() }, 1),
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

  describe("with stand-in worker scripts", () => {
    const folder = mkdtempSync(join(tmpdir(), "editjudge-pool-"));
    afterAll(() => rmSync(folder, { recursive: true, force: true }));
    /** A worker that answers [] at once, throws (killing itself) on sourceKey "crash", and never answers "hang". */
    const standIn = join(folder, "stand-in-worker.mjs");
    writeFileSync(
      standIn,
      `import { parentPort } from "node:worker_threads";
parentPort.on("message", (t) => {
  if (t.sourceKey === "crash") throw new Error("crash in worker");
  if (t.sourceKey !== "hang") parentPort.postMessage({ id: t.id, verdicts: [] });
});
`,
    );
    const broken = join(folder, "broken-worker.mjs");
    writeFileSync(broken, 'throw new Error("boom at load");\n');
    const tiny = (sourceKey: string) => ({
      sourceKey,
      source: reduceImage({ width: 1, height: 1, rgb: new Uint8Array(3) }, 1),
      candidate: reduceImage({ width: 1, height: 1, rgb: new Uint8Array(3) }, 1),
      principles: [],
      ops: [],
    });
    /** The pool on a given worker script (its constructor is private: only tests pick the script). */
    const poolOn = async (script: string) => {
      const built = (await import(pathToFileURL(BUILT_POOL).href)) as typeof import("./pixel-pool.js");
      const make = built.PixelPool as unknown as new (size: number, url: URL) => PixelPool;
      return new make(2, pathToFileURL(script));
    };

    it("fails the checks in a worker that dies, replaces it, and goes on", async () => {
      const pool = await poolOn(standIn);
      try {
        const [crashed, ...others] = await Promise.allSettled([
          pool.run(tiny("crash")),
          pool.run(tiny("a")),
          pool.run(tiny("b")),
          pool.run(tiny("c")),
        ]);
        expect(crashed).toMatchObject({ status: "rejected", reason: { code: "pixel_worker_failed" } });
        // The check queued behind it on the same worker may fail with it; none hangs, and the pool still works.
        for (const other of others)
          if (other.status === "rejected")
            expect(other.reason).toMatchObject({ code: "pixel_worker_failed" });
        await expect(pool.run(tiny("d"))).resolves.toEqual([]);
        await expect(pool.run(tiny("e"))).resolves.toEqual([]);
      } finally {
        await pool.close();
      }
    });

    it("fails the checks running or waiting when it is closed, instead of leaving them pending", async () => {
      const pool = await poolOn(standIn);
      const runs = Array.from({ length: 6 }, () => pool.run(tiny("hang")));
      const outcomes = Promise.allSettled(runs);
      await pool.close();
      const settled = await outcomes;
      expect(settled.map((s) => s.status === "rejected" && (s.reason as { code?: string }).code)).toEqual(
        Array(6).fill("pixel_pool_closed"),
      );
    });

    it("gives up, with the reason, on a worker script that cannot load, instead of respawning it for ever", async () => {
      const pool = await poolOn(broken);
      try {
        // Each slot loses MAX_STRIKES workers in a row before answering anything; then every check fails at once.
        let error: unknown = null;
        for (
          let i = 0;
          i < 20 && !(error as { message?: string } | null)?.message?.includes("cannot start");
          i++
        )
          error = await pool.run(tiny("x")).then(
            () => null,
            (e: unknown) => e,
          );
        expect(error).toMatchObject({
          code: "pixel_worker_failed",
          message: expect.stringMatching(/workers cannot start \(.*boom at load.*\)/),
        });
        await expect(pool.run(tiny("y"))).rejects.toMatchObject({
          message: expect.stringMatching(/cannot start/),
        });
      } finally {
        await pool.close();
      }
    });

    it("adds one abort listener per signal, however many checks wait on it, and removes it when they settle", async () => {
      const pool = await poolOn(standIn);
      try {
        const controller = new AbortController();
        const runs = Array.from({ length: 40 }, () => pool.run(tiny("a"), controller.signal));
        expect(getEventListeners(controller.signal, "abort")).toHaveLength(1);
        await Promise.all(runs);
        expect(getEventListeners(controller.signal, "abort")).toHaveLength(0);
      } finally {
        await pool.close();
      }
    });
  });
});
