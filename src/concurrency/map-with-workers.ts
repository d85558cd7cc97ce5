/**
 * Calls `work` on every item with at most `workers` calls running at once, and returns the results in item order.
 * It returns, or throws, only once every call has ended. The first call that fails aborts the signal the others
 * were given (and no further item is started), and that first failure is what it throws; `signal` aborting does
 * the same, with its reason.
 */
export async function mapWithWorkers<T, R>(
  items: readonly T[],
  workers: number,
  work: (item: T, index: number, signal: AbortSignal) => Promise<R>,
  signal?: AbortSignal,
): Promise<R[]> {
  const out: R[] = new Array(items.length);
  const stop = new AbortController();
  const stopping = signal ? AbortSignal.any([signal, stop.signal]) : stop.signal;
  let next = 0;
  const worker = async () => {
    try {
      while (next < items.length) {
        stopping.throwIfAborted();
        const i = next++;
        out[i] = await work(items[i] as T, i, stopping);
      }
    } catch (error) {
      // The first failure is the stop's reason; later ones (mostly the aborts it caused) leave it as it is.
      stop.abort(error);
      throw error;
    }
  };
  const ended = await Promise.allSettled(
    Array.from({ length: Math.max(1, Math.min(workers, items.length)) }, worker),
  );
  if (ended.some((e) => e.status === "rejected")) throw stop.signal.reason;
  return out;
}
