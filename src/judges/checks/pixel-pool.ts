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

interface Slot {
  worker: Worker;
  pending: Map<number, { resolve(v: Verdict[]): void; reject(e: Error): void }>;
}

/**
 * A small pool of worker threads for the per-candidate pixel checks, which are pure and CPU-bound:
 * with two cores, two candidates are verified at once. Workers hold the event loop open only while
 * they have work, so a caller that forgets `close()` still exits.
 */
export class PixelPool {
  readonly size: number;
  readonly #slots: Slot[];
  #next = 0;
  #ids = 0;

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

  run(task: Omit<PixelTask, "id">): Promise<Verdict[]> {
    const slot = this.#slots[this.#next++ % this.#slots.length] as Slot;
    const id = ++this.#ids;
    return new Promise<Verdict[]>((resolve, reject) => {
      slot.pending.set(id, { resolve, reject });
      if (slot.pending.size === 1) slot.worker.ref();
      slot.worker.postMessage({ ...task, id } satisfies PixelTask);
    });
  }

  async close(): Promise<void> {
    await Promise.all(this.#slots.map((s) => s.worker.terminate()));
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
    const slot: Slot = { worker, pending: new Map() };
    const settle = (
      id: number,
      settleWith: (p: { resolve(v: Verdict[]): void; reject(e: Error): void }) => void,
    ) => {
      const p = slot.pending.get(id);
      if (!p) return;
      slot.pending.delete(id);
      if (slot.pending.size === 0) worker.unref();
      settleWith(p);
    };
    worker.on("message", (m: PixelTaskResult) => {
      if ("error" in m)
        settle(m.id, (p) =>
          p.reject(new EditJudgeError("pixel_check_failed", `pixel checks failed: ${m.error}`)),
        );
      else settle(m.id, (p) => p.resolve(m.verdicts));
    });
    worker.on("error", (error) => {
      for (const id of [...slot.pending.keys()]) {
        settle(id, (p) =>
          p.reject(new EditJudgeError("pixel_worker_failed", `pixel-check worker failed: ${error.message}`)),
        );
      }
    });
    return slot;
  }
}
