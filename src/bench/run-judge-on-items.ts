import { mapWithWorkers } from "../concurrency/map-with-workers.js";
import type { Judge, JudgeRunOptions } from "../contract/judge.js";
import { EditJudgeError } from "../errors/editjudge-error.js";
import { InputError } from "../errors/input-error.js";
import type { ImageLimits } from "../image/image-limits.js";
import { decodeSlots, prepareCase, prepareOptionsFor } from "../image/prepare-case.js";
import type { BenchItem, JudgePrediction } from "./bench-item.js";
import { imageContentHash, judgmentKey } from "./judgment-key.js";
import type { JudgmentStore } from "./judgment-store.js";

export interface RunOnItemsOptions {
  judge: Judge;
  /** The settings the judge was created with; part of the store key. */
  settings?: Readonly<Record<string, unknown>>;
  store?: JudgmentStore;
  limits?: ImageLimits;
  signal?: AbortSignal;
  /** Called after each item; `cached` counts items answered from the store. */
  onProgress?: (done: number, total: number, cached: number) => void;
  run?: JudgeRunOptions;
  /** Items judged at once (one judge instance shared); default 1. Helps judges that wait on a backend. */
  concurrency?: number;
}

/**
 * Runs one judge instance over every item (`concurrency` at a time), reading and writing the judgment store.
 * An item whose images cannot be read or whose judging fails becomes an abstention with `error`
 * (never stored, so a rerun retries it). Aborting stops after the current item; finished items stay stored.
 */
export async function runJudgeOnItems(
  items: readonly BenchItem[],
  options: RunOnItemsOptions,
): Promise<Map<string, JudgePrediction>> {
  const settings = options.settings ?? {};
  // The items judged at once decode through shared slots (see `decodeSlots`).
  const prepare = { ...prepareOptionsFor(options.judge), slots: decodeSlots() };
  let done = 0;
  let cached = 0;
  const judgeOne = async (item: BenchItem): Promise<JudgePrediction> => {
    if (!item.source || !item.candidates) {
      throw new InputError(
        item.id,
        `item ${item.id} has no images, so judge "${options.judge.id}" cannot run on it; this format carries stored judge outputs only (omit --judge)`,
      );
    }
    const candidates = item.candidates;
    try {
      const key = judgmentKey({
        judgeId: options.judge.id,
        judgeVersion: options.judge.version,
        settings,
        itemId: item.scoreBy ? `${item.id}#${item.scoreBy}` : item.id,
        // A mask is part of what is judged; items without one keep the keys they had.
        imageHashes: await Promise.all(
          [item.source, ...candidates, ...(item.mask ? [item.mask] : [])].map(imageContentHash),
        ).then((h) => (item.mask ? [...h.slice(0, -1), `mask:${h.at(-1)}`] : h)),
        // So is a requirement; items without one keep their keys too.
        ...(item.requirement !== undefined ? { requirement: item.requirement } : {}),
      });
      const hit = options.store?.get(key);
      if (hit) {
        cached++;
        return hit;
      }
      const prepared = await prepareCase(
        {
          source: item.source,
          instruction: item.instruction,
          candidates,
          ...(item.mask ? { mask: item.mask } : {}),
          ...(item.requirement !== undefined ? { metadata: { requirement: item.requirement } } : {}),
        },
        options.limits,
        prepare,
      );
      const result = await options.judge.judge(prepared, {
        ...options.run,
        ...(options.signal ? { signal: options.signal } : {}),
      });
      const prediction: JudgePrediction = {
        kind: "scores",
        scores: candidates.map((_, k) => {
          const c = result.candidates[k];
          if (!c) return null;
          const dimension = item.scoreBy ? c.dimensions[item.scoreBy] : null;
          return c.reward === null ? null : (dimension ?? c.reward);
        }),
      };
      options.store?.put(key, options.judge.id, item.id, prediction);
      return prediction;
    } catch (error) {
      if (options.signal?.aborted) throw error;
      const message =
        error instanceof EditJudgeError || error instanceof Error ? error.message : String(error);
      return { kind: "scores", scores: candidates.map(() => null), error: message };
    }
  };
  const results = await mapWithWorkers(
    items,
    options.concurrency ?? 1,
    async (item) => {
      const prediction = await judgeOne(item);
      done++;
      options.onProgress?.(done, items.length, cached);
      return prediction;
    },
    options.signal,
  );
  const out = new Map<string, JudgePrediction>();
  for (const [i, item] of items.entries()) out.set(item.id, results[i] as JudgePrediction);
  return out;
}
