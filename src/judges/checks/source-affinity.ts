/**
 * Which waiting task a pool worker with room takes next. A worker keeps the analysis of the last source it was
 * given (every candidate of a case shares it), so with several cases in flight each worker should stay on the case
 * it has begun instead of every worker analysing every source.
 */

/**
 * The index in `waiting` (source keys, oldest first) of the task a worker takes, given the source of the last task
 * it was sent (`mine`) and those of the other workers: the oldest task of its own source; else the oldest of a
 * source no other worker is on (a case nobody began); else the oldest. With one case in flight this is plain
 * first-come order, so every worker helps with it.
 */
export function pickTask(
  waiting: readonly string[],
  mine: string | null,
  others: ReadonlyArray<string | null>,
): number {
  const own = mine === null ? -1 : waiting.indexOf(mine);
  if (own >= 0) return own;
  const fresh = waiting.findIndex((key) => !others.includes(key));
  // no fresh case (-1): the oldest task
  return Math.max(fresh, 0);
}
