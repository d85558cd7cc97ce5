import { Worker } from "node:worker_threads";
import { describe, expect, it } from "vitest";
import { endWorker } from "./end-worker.js";

/** A worker speaking the pool's close message, as pixel-worker.ts does. */
const closing = () =>
  new Worker(
    `const { parentPort } = require("node:worker_threads");
     parentPort.on("message", (m) => { if (m.close) parentPort.close(); });`,
    { eval: true },
  );

const exitCode = (worker: Worker) => new Promise<number>((resolve) => worker.once("exit", resolve));

describe("endWorker", () => {
  it("lets a worker end by itself (exit code 0, not terminate()'s 1), even an unref'd one", async () => {
    const worker = closing();
    worker.unref();
    const code = exitCode(worker);
    await endWorker(worker);
    expect(await code).toBe(0);
    expect(worker.threadId).toBe(-1);
    await endWorker(worker); // already ended: returns at once
  });

  it("terminates a worker that does not end within the grace period", async () => {
    const stuck = new Worker("setInterval(() => {}, 1000);", { eval: true });
    const code = exitCode(stuck);
    await endWorker(stuck, 50);
    expect(await code).toBe(1);
  });
});
