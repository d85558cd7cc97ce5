import { existsSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { Worker } from "node:worker_threads";
import type { Verdict } from "../../contract/verdict.js";
import { EditJudgeError } from "../../errors/editjudge-error.js";
import type { PixelTask, PixelTaskResult } from "./pixel-task.js";

const COMPILED_WORKER = new URL("./pixel-worker.js", import.meta.url);
const SOURCE_WORKER = new URL("./pixel-worker.ts", import.meta.url);

/** The worker script: the compiled one, or the TypeScript one when this process runs under tsx (workers inherit its loader). */
function workerUrl(): URL | null {
  if (existsSync(fileURLToPath(COMPILED_WORKER))) return COMPILED_WORKER;
  const underTsx = process.execArgv.some((a) => a.includes("tsx"));
  return underTsx && existsSync(fileURLToPath(SOURCE_WORKER)) ? SOURCE_WORKER : null;
}

interface Waiting {
  id: number;
  task: Omit<PixelTask, "id">;
  signal: AbortSignal | undefined;
  resolve(v: Verdict[]): void;
  reject(e: Error): void;
}

interface Slot {
  worker: Worker;
  /** Tasks posted to this worker and not yet answered, at most TASKS_PER_WORKER. */
  running: Map<number, Waiting>;
}

/**
 * Tasks a worker is given at once: one running and one waiting in its own queue, so it does not sit idle while
 * this thread is busy. The rest wait here, where a caller's abort can still take them out.
 */
const TASKS_PER_WORKER = 2;

/**
 * A small pool of worker threads for the per-candidate pixel checks, which are pure and CPU-bound:
 * with two cores, two candidates are verified at once. Tasks go to the least busy worker; those not yet handed
 * to a worker are dropped when their signal aborts (a request that timed out or whose client hung up), so they
 * cost no CPU. Workers hold the event loop open only while they have work, so a caller that forgets `close()`
 * still exits; a worker that dies fails its tasks and is replaced.
 */
export class PixelPool {
  readonly size: number;
  readonly #slots: Slot[];
  readonly #queue: Waiting[] = [];
  #ids = 0;
  #closed = false;

  readonly #url: URL;

  private constructor(size: number, url: URL) {
    this.size = size;
    this.#url = url;
    this.#slots = Array.from({ length: size }, () => this.#spawn());
  }

  /**
   * A pool of `size` workers, or null when workers cannot run here: size < 2, or no runnable worker
   * script (TypeScript sources under a test runner); the judge then verifies in its own thread.
   */
  static tryCreate(size: number): PixelPool | null {
    const url = size >= 2 ? workerUrl() : null;
    return url ? new PixelPool(size, url) : null;
  }

  /** Tasks waiting for a worker (not counting those handed to one). */
  get waiting(): number {
    return this.#queue.length;
  }

  /** Verifies one candidate in a worker. Rejects with the signal's reason if it aborts before a worker takes it. */
  run(task: Omit<PixelTask, "id">, signal?: AbortSignal): Promise<Verdict[]> {
    return new Promise<Verdict[]>((resolve, reject) => {
      if (signal?.aborted) return reject(abortReason(signal));
      if (this.#closed)
        return reject(
          new EditJudgeError("pixel_pool_closed", "the checks judge was closed; create a new one"),
        );
      const waiting: Waiting = { id: ++this.#ids, task, signal, resolve, reject };
      const onAbort = () => {
        const at = this.#queue.indexOf(waiting);
        if (at < 0) return;
        this.#queue.splice(at, 1);
        reject(abortReason(signal as AbortSignal));
      };
      signal?.addEventListener("abort", onAbort, { once: true });
      const done = () => signal?.removeEventListener("abort", onAbort);
      waiting.resolve = (v) => {
        done();
        resolve(v);
      };
      waiting.reject = (e) => {
        done();
        reject(e);
      };
      this.#queue.push(waiting);
      this.#dispatch();
    });
  }

  async close(): Promise<void> {
    this.#closed = true;
    const closed = new EditJudgeError(
      "pixel_pool_closed",
      "the checks judge was closed while a check waited",
    );
    for (const waiting of this.#queue.splice(0)) waiting.reject(closed);
    await Promise.all(this.#slots.map((s) => s.worker.terminate()));
  }

  /** Hands waiting tasks to the least busy workers with room. */
  #dispatch(): void {
    while (this.#queue.length > 0) {
      const slot = this.#slots.reduce((a, b) => (b.running.size < a.running.size ? b : a));
      if (slot.running.size >= TASKS_PER_WORKER) return;
      const waiting = this.#queue.shift() as Waiting;
      if (slot.running.size === 0) slot.worker.ref();
      slot.running.set(waiting.id, waiting);
      slot.worker.postMessage({ ...waiting.task, id: waiting.id } satisfies PixelTask);
    }
  }

  #spawn(): Slot {
    const worker =
      this.#url === SOURCE_WORKER
        ? // Under tsx, load the TypeScript worker through tsx's loader, registered inside the worker.
          new Worker(
            `import("tsx/esm/api").then((m) => { m.register(); return import(${JSON.stringify(this.#url.href)}); });`,
            { eval: true },
          )
        : new Worker(this.#url);
    worker.unref();
    const slot: Slot = { worker, running: new Map() };
    const settle = (id: number, settleWith: (w: Waiting) => void) => {
      const waiting = slot.running.get(id);
      if (!waiting) return;
      slot.running.delete(id);
      if (slot.running.size === 0) worker.unref();
      settleWith(waiting);
      this.#dispatch();
    };
    worker.on("message", (m: PixelTaskResult) => {
      if ("error" in m)
        settle(m.id, (w) =>
          w.reject(new EditJudgeError("pixel_check_failed", `pixel checks failed: ${m.error}`)),
        );
      else settle(m.id, (w) => w.resolve(m.verdicts));
    });
    const died = (reason: string) => {
      if (this.#closed) return;
      const failed = [...slot.running.values()];
      slot.running.clear();
      // Replace the dead worker before failing its tasks, so the tasks still waiting get a live one.
      const index = this.#slots.indexOf(slot);
      if (index >= 0) this.#slots[index] = this.#spawn();
      for (const w of failed)
        w.reject(new EditJudgeError("pixel_worker_failed", `pixel-check worker failed: ${reason}`));
      this.#dispatch();
    };
    worker.on("error", (error) => died(error.message));
    worker.on("exit", (code) => died(`it exited with code ${code}`));
    return slot;
  }
}

function abortReason(signal: AbortSignal): Error {
  return signal.reason instanceof Error ? signal.reason : new Error("aborted");
}
