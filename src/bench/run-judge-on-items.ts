import type { Judge, JudgeRunOptions } from "../contract/judge.js";
import { EditJudgeError } from "../errors/editjudge-error.js";
import { InputError } from "../errors/input-error.js";
import type { ImageLimits } from "../image/image-limits.js";
import { prepareCase } from "../image/prepare-case.js";
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
}

/**
 * Runs one judge instance over every item, one at a time, reading and writing the judgment store.
 * An item whose images cannot be read or whose judging fails becomes an abstention with `error`
 * (never stored, so a rerun retries it). Aborting stops after the current item; finished items stay stored.
 */
export async function runJudgeOnItems(
  items: readonly BenchItem[],
  options: RunOnItemsOptions,
): Promise<Map<string, JudgePrediction>> {
  const out = new Map<string, JudgePrediction>();
  const settings = options.settings ?? {};
  let cached = 0;
  for (const [i, item] of items.entries()) {
    options.signal?.throwIfAborted();
    if (!item.source || !item.candidates) {
      throw new InputError(
        item.id,
        `item ${item.id} has no images, so judge "${options.judge.id}" cannot run on it; this format carries stored judge outputs only (omit --judge)`,
      );
    }
    const images = [item.source, ...item.candidates];
    let prediction: JudgePrediction;
    try {
      const key = judgmentKey({
        judgeId: options.judge.id,
        judgeVersion: options.judge.version,
        settings,
        itemId: item.id,
        imageHashes: await Promise.all(images.map(imageContentHash)),
      });
      const hit = options.store?.get(key);
      if (hit) {
        cached++;
        prediction = hit;
      } else {
        const prepared = await prepareCase(
          {
            source: item.source,
            instruction: item.instruction,
            candidates: item.candidates,
          },
          options.limits,
        );
        const result = await options.judge.judge(prepared, {
          ...options.run,
          ...(options.signal ? { signal: options.signal } : {}),
        });
        prediction = {
          kind: "scores",
          scores: item.candidates.map((_, k) => result.candidates[k]?.reward ?? null),
        };
        options.store?.put(key, options.judge.id, item.id, prediction);
      }
    } catch (error) {
      if (options.signal?.aborted) throw error;
      const message =
        error instanceof EditJudgeError || error instanceof Error ? error.message : String(error);
      prediction = { kind: "scores", scores: item.candidates.map(() => null), error: message };
    }
    out.set(item.id, prediction);
    options.onProgress?.(i + 1, items.length, cached);
  }
  return out;
}
