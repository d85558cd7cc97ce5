import { existsSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { Worker } from "node:worker_threads";
import type { Verdict } from "../../contract/verdict.js";
import { EditJudgeError } from "../../errors/editjudge-error.js";
import { endWorker } from "./end-worker.js";
import type { PixelTask, PixelTaskResult } from "./pixel-task.js";
import { pickTask } from "./source-affinity.js";

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
  /** Times a younger task was handed out while this one was the oldest waiting (see `pickTask`). */
  passedOver: number;
  task: Omit<PixelTask, "id">;
  signal: AbortSignal | undefined;
  resolve(v: Verdict[]): void;
  reject(e: Error): void;
}

interface Slot {
  worker: Worker;
  /** Tasks posted to this worker and not yet answered, at most TASKS_PER_WORKER. */
  running: Map<number, Waiting>;
  /** Whether this worker has answered a task (it loaded and works). */
  answered: boolean;
  /** Workers in a row in this slot that died before answering anything. */
  strikes: number;
  /** The source of the last task posted to this worker: the analysis it keeps once it has run its tasks. */
  lastSource: string | null;
}

/**
 * Tasks a worker is given at once: one running and one waiting in its own queue, so it does not sit idle while
 * this thread is busy. The rest wait here, where a caller's abort can still take them out.
 */
const TASKS_PER_WORKER = 2;

/** Workers in a row a slot may lose before answering anything; then it is not refilled (the script is broken). */
const MAX_STRIKES = 3;

/**
 * A small pool of worker threads for the per-candidate pixel checks, which are pure and CPU-bound:
 * with two cores, two candidates are verified at once. Tasks go to the least busy worker, which takes the
 * oldest waiting task of the case it is on, else of a case no worker has begun (`pickTask`); those not yet handed
 * to a worker are dropped when their signal aborts (a request that timed out or whose client hung up), so they
 * cost no CPU. Workers hold the event loop open only while they have work, so a caller that forgets `close()`
 * still exits. A worker that dies fails its tasks and is replaced, unless workers keep dying before answering
 * anything: then its slot is given up, and with no slot left every check fails with the reason.
 */
export class PixelPool {
  readonly size: number;
  readonly #slots: Slot[];
  readonly #queue: Waiting[] = [];
  /** The tasks waiting with each signal, and the one abort listener per signal. */
  readonly #bySignal = new Map<AbortSignal, { waiting: Set<Waiting>; onAbort(): void }>();
  #ids = 0;
  #closed = false;
  /** Why no worker is left, once that happens. */
  #broken: string | null = null;

  readonly #url: URL;

  private constructor(size: number, url: URL) {
    this.size = size;
    this.#url = url;
    this.#slots = Array.from({ length: size }, () => this.#spawn(0));
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
      if (this.#broken) return reject(this.#brokenError());
      const waiting: Waiting = { id: ++this.#ids, passedOver: 0, task, signal, resolve, reject };
      waiting.resolve = (v) => {
        this.#forget(waiting);
        resolve(v);
      };
      waiting.reject = (e) => {
        this.#forget(waiting);
        reject(e);
      };
      if (signal) this.#watch(signal, waiting);
      this.#queue.push(waiting);
      this.#dispatch();
    });
  }

  /** Stops the workers; checks still waiting or running fail with `pixel_pool_closed`. */
  async close(): Promise<void> {
    this.#closed = true;
    const closed = new EditJudgeError("pixel_pool_closed", "the checks judge was closed during the check");
    for (const waiting of this.#queue.splice(0)) waiting.reject(closed);
    for (const slot of this.#slots) {
      const running = [...slot.running.values()];
      slot.running.clear();
      for (const waiting of running) waiting.reject(closed);
    }
    await Promise.all(this.#slots.map((s) => endWorker(s.worker)));
  }

  /** One abort listener per signal, however many of its tasks wait (a case can have dozens of candidates). */
  #watch(signal: AbortSignal, waiting: Waiting): void {
    let entry = this.#bySignal.get(signal);
    if (!entry) {
      const tasks = new Set<Waiting>();
      const onAbort = () => {
        for (const w of tasks) {
          const at = this.#queue.indexOf(w);
          if (at < 0) continue; // a worker has it: it runs to its end
          this.#queue.splice(at, 1);
          w.reject(abortReason(signal));
        }
      };
      entry = { waiting: tasks, onAbort };
      this.#bySignal.set(signal, entry);
      signal.addEventListener("abort", onAbort, { once: true });
    }
    entry.waiting.add(waiting);
  }

  #forget(waiting: Waiting): void {
    const signal = waiting.signal;
    const entry = signal && this.#bySignal.get(signal);
    if (!signal || !entry) return;
    entry.waiting.delete(waiting);
    if (entry.waiting.size > 0) return;
    signal.removeEventListener("abort", entry.onAbort);
    this.#bySignal.delete(signal);
  }

  /** Hands waiting tasks to the least busy workers with room, each preferring the sources it has analysed. */
  #dispatch(): void {
    while (this.#queue.length > 0 && this.#slots.length > 0) {
      const slot = this.#slots.reduce((a, b) => (b.running.size < a.running.size ? b : a));
      if (slot.running.size >= TASKS_PER_WORKER) return;
      const others = this.#slots.filter((s) => s !== slot).map((s) => s.lastSource);
      const oldest = this.#queue[0] as Waiting;
      const at = pickTask(
        this.#queue.map((w) => w.task.sourceKey),
        slot.lastSource,
        others,
        oldest.passedOver,
      );
      if (at > 0) oldest.passedOver++;
      const waiting = this.#queue.splice(at, 1)[0] as Waiting;
      slot.lastSource = waiting.task.sourceKey;
      if (slot.running.size === 0) slot.worker.ref();
      slot.running.set(waiting.id, waiting);
      slot.worker.postMessage({ ...waiting.task, id: waiting.id } satisfies PixelTask);
    }
  }

  #brokenError(): EditJudgeError {
    return new EditJudgeError(
      "pixel_worker_failed",
      `the checks judge's pixel-check workers cannot start (${this.#broken}); reinstall or rebuild editjudge, or run the judge with workers: 0`,
    );
  }

  #spawn(strikes: number): Slot {
    const worker =
      this.#url === SOURCE_WORKER
        ? // Under tsx, load the TypeScript worker through tsx's loader, registered inside the worker.
          new Worker(
            `import("tsx/esm/api").then((m) => { m.register(); return import(${JSON.stringify(this.#url.href)}); });`,
            { eval: true },
          )
        : new Worker(this.#url);
    worker.unref();
    const slot: Slot = { worker, running: new Map(), answered: false, strikes, lastSource: null };
    const settle = (id: number, settleWith: (w: Waiting) => void) => {
      slot.answered = true;
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
    let dead = false;
    const died = (reason: string) => {
      if (dead || this.#closed) return;
      dead = true;
      const failed = [...slot.running.values()];
      slot.running.clear();
      // Replace the dead worker before failing its tasks, so the tasks still waiting get a live one; a slot
      // whose workers keep dying before answering anything is given up instead of respawned for ever.
      const index = this.#slots.indexOf(slot);
      const strikesNow = slot.answered ? 0 : slot.strikes + 1;
      if (index >= 0) {
        if (strikesNow < MAX_STRIKES) this.#slots[index] = this.#spawn(strikesNow);
        else this.#slots.splice(index, 1);
      }
      for (const w of failed)
        w.reject(new EditJudgeError("pixel_worker_failed", `pixel-check worker failed: ${reason}`));
      if (this.#slots.length === 0) {
        this.#broken = reason;
        for (const w of this.#queue.splice(0)) w.reject(this.#brokenError());
      }
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
