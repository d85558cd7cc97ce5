import { EditJudgeError } from "../errors/editjudge-error.js";

/**
 * Runs `work` with a signal that aborts after `ms` (or when `parent` aborts). Rejects with a `timeout` error at the
 * deadline even if `work` ignores the signal, so a request never outlives its limit.
 */
export async function withTimeout<T>(
  ms: number,
  parent: AbortSignal | undefined,
  work: (signal: AbortSignal) => Promise<T>,
): Promise<T> {
  const controller = new AbortController();
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      const error = new EditJudgeError(
        "timeout",
        `request took longer than ${ms} ms and was stopped; send fewer groups per request or raise --request-timeout`,
      );
      controller.abort(error);
      reject(error);
    }, ms);
  });
  const onParentAbort = () => controller.abort(parent?.reason);
  parent?.addEventListener("abort", onParentAbort, { once: true });
  try {
    return await Promise.race([work(controller.signal), deadline]);
  } finally {
    clearTimeout(timer);
    parent?.removeEventListener("abort", onParentAbort);
  }
}
