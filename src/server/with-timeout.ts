import { EditJudgeError } from "../errors/editjudge-error.js";

/**
 * Runs `work` with a signal that aborts after `ms` (or when `parent` aborts). Rejects with a `timeout` error at the
 * deadline even if `work` ignores the signal, so a request never outlives its limit. `work` may also end the whole
 * run early with `fail(error)`: the signal aborts with that error and the run rejects with it at once.
 */
export async function withTimeout<T>(
  ms: number,
  parent: AbortSignal | undefined,
  work: (signal: AbortSignal, fail: (error: Error) => void) => Promise<T>,
  /** The limit named in the error, when `ms` is what is left of it. Default `ms`. */
  limitMs = ms,
): Promise<T> {
  const controller = new AbortController();
  let fail: (error: Error) => void = () => {};
  const failed = new Promise<never>((_, reject) => {
    fail = (error) => {
      controller.abort(error);
      reject(error);
    };
  });
  failed.catch(() => {});
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      const error = new EditJudgeError(
        "timeout",
        `request took longer than ${limitMs} ms and was stopped; send fewer groups per request or raise --request-timeout`,
      );
      controller.abort(error);
      reject(error);
    }, ms);
  });
  const onParentAbort = () => controller.abort(parent?.reason);
  parent?.addEventListener("abort", onParentAbort, { once: true });
  try {
    return await Promise.race([work(controller.signal, fail), deadline, failed]);
  } finally {
    clearTimeout(timer);
    parent?.removeEventListener("abort", onParentAbort);
  }
}
