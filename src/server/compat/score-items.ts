import { mapWithWorkers } from "../../concurrency/map-with-workers.js";
import type { AppContext } from "../app-context.js";
import { candidateError, judgeGroup } from "../judge-group.js";
import type { LiftedStrings } from "../lifted-strings.js";
import type { CompatItem } from "./compat-item.js";
import type { ItemResult } from "./compat-null.js";
import { isTransient } from "./compat-null.js";

/** Items judged at once, as /v1/rewards judges its groups. */
const ITEMS_IN_FLIGHT = 8;

const NO_DIMENSIONS = { instructionFollowing: null, preservation: null, quality: null };

/**
 * Judges each item as a one-candidate case on the code path of /v1/rewards: the request's pixel budgets and time
 * limit (`started` is when its handler began), the server's shared budget, shutdown, image cache and metrics. A
 * failed item gets `{reward: null, error}` (transient when the judge's means failed); only budget, time-limit and
 * shutdown errors fail the whole call.
 */
export function scoreItems(
  ctx: AppContext,
  items: readonly CompatItem[],
  started: number,
  signal: AbortSignal,
  lifted: LiftedStrings | null = null,
): Promise<ItemResult[]> {
  return ctx.withImages(started, signal, lifted, (loader, inner) =>
    mapWithWorkers(
      items,
      ITEMS_IN_FLIGHT,
      async (item, _index, itemSignal): Promise<ItemResult> => {
        const judge = item.judge;
        try {
          const group = { source: item.source, instruction: item.instruction, candidates: [item.candidate] };
          const result = await judgeGroup(judge, group, loader, itemSignal, item.metadata);
          ctx.count(judge.id, result.candidates);
          const c = result.candidates[0];
          if (!c) throw new Error("the judge returned no candidate");
          return {
            reward: c.reward,
            dimensions: c.dimensions,
            ...(c.error ? { error: c.error } : {}),
            ...(c.reward === null && !c.error ? { reason: c.rewardReason ?? "no reason given" } : {}),
          };
        } catch (error) {
          if (itemSignal.aborted) throw itemSignal.reason;
          const failure = candidateError(error);
          const transient =
            isTransient(failure) ||
            (typeof error === "object" &&
              error !== null &&
              "isRetryable" in error &&
              error.isRetryable === true);
          const failed = { ...failure, ...(transient ? { transient: true as const } : {}) };
          ctx.count(judge.id, [{ reward: null, error: failed }]);
          return { reward: null, dimensions: NO_DIMENSIONS, error: failed };
        }
      },
      inner,
    ),
  );
}
