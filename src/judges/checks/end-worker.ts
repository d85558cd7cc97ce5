import type { Worker } from "node:worker_threads";
import type { PixelWorkerClose } from "./pixel-task.js";

/** How long a worker asked to end may take (its check in progress finishing) before it is terminated. */
const END_GRACE_MS = 5000;

/**
 * Ends a worker by asking it to (it closes its port; its thread then ends by itself) rather than with
 * `terminate()`, which stops the thread abruptly: under load that can abort the whole process when V8 still has
 * compile tasks for the worker's isolate (Node 20: "NodePlatform::ForIsolate … Assertion failed"). Terminated
 * only if it has not ended after `graceMs`.
 */
export function endWorker(worker: Worker, graceMs = END_GRACE_MS): Promise<void> {
  // A worker that has already ended has no thread id left.
  if (worker.threadId === -1) return Promise.resolve();
  return new Promise((resolve) => {
    let late: NodeJS.Timeout | undefined;
    const done = () => {
      clearTimeout(late);
      resolve();
    };
    const stop = () => void worker.terminate().then(done, done);
    // Held open until the worker has ended, so the process does not exit (and tear it down) in between.
    worker.ref();
    worker.once("exit", done);
    late = setTimeout(stop, graceMs);
    try {
      worker.postMessage({ close: true } satisfies PixelWorkerClose);
    } catch {
      stop();
    }
  });
}
