/**
 * Which waiting task a pool worker with room takes next. A worker keeps the analysis of the last source it was
 * given (every candidate of a case shares it), so with several cases in flight each worker should stay on the case
 * it has begun instead of every worker analysing every source.
 */

/**
 * How many times the oldest waiting task may be passed over for younger ones before a worker takes it: a steady
 * stream of one case's tasks cannot hold another case back for longer than this.
 */
export const MAX_PASSED_OVER = 4;

/**
 * The index in `waiting` (source keys, oldest first) of the task a worker takes, given the source of the last task
 * it was sent (`mine`), those of the other workers, and how often the oldest task has been passed over: the
 * oldest task once it has been passed over MAX_PASSED_OVER times; else the oldest of its own source; else the
 * oldest of a source no other worker is on (a case nobody began); else the oldest. With one case in flight this
 * is plain first-come order, so every worker helps with it.
 */
export function pickTask(
  waiting: readonly string[],
  mine: string | null,
  others: ReadonlyArray<string | null>,
  oldestPassedOver = 0,
): number {
  if (oldestPassedOver >= MAX_PASSED_OVER) return 0;
  const own = mine === null ? -1 : waiting.indexOf(mine);
  if (own >= 0) return own;
  const fresh = waiting.findIndex((key) => !others.includes(key));
  // no fresh case (-1): the oldest task
  return Math.max(fresh, 0);
}
