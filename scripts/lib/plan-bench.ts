import { type CasePlan, FAMILIES, type Family, type PhotoInfo } from "./case-plan.js";
import { hashString } from "./hash-string.js";
import { MAGNITUDES, type Split } from "./magnitudes.js";
import { DEV_PHRASINGS } from "./phrasings-dev.js";
import { HOLDOUT_PHRASINGS } from "./phrasings-holdout.js";
import { planCase } from "./plan-case.js";
import { createRng } from "./rng.js";

export interface BenchPlanOptions {
  split: Split;
  seed: number;
  photos: readonly PhotoInfo[];
  /** Cases per family; the region family gets `regionCases`. */
  cases: number;
  regionCases: number;
  families: readonly Family[];
}

export interface PlannedPair {
  plan: CasePlan;
  distractorIndex: number;
  /** Which side (0 or 1) the correct edit is shown on. */
  correctSide: 0 | 1;
}

/** Draws every case deterministically from the seed; rendering can then run in any order. */
export function planBench(options: BenchPlanOptions): { cases: CasePlan[]; pairs: PlannedPair[] } {
  const { split, seed, photos } = options;
  if (photos.length < 2)
    throw new Error("need at least two photos (one is pasted into another for over-edits)");
  const phrasings = split === "dev" ? DEV_PHRASINGS : HOLDOUT_PHRASINGS;
  const cases: CasePlan[] = [];
  for (const family of FAMILIES.filter((f) => options.families.includes(f))) {
    const order = createRng(hashString(`${seed}:${split}:${family}:photos`)).shuffle(photos);
    const n = family === "region" ? options.regionCases : options.cases;
    for (let i = 0; i < n; i++) {
      const photo = order[i % order.length] as PhotoInfo;
      const rng = createRng(hashString(`${seed}:${split}:${family}:${i}`));
      const id = `${split}-${family}-${String(i).padStart(2, "0")}-${photo.name}`;
      cases.push(
        planCase(id, family, {
          rng,
          split,
          mags: MAGNITUDES[split],
          phrasings,
          photo,
          donors: photos.filter((p) => p.name !== photo.name).map((p) => p.name),
          scale: Math.max(photo.width, photo.height) / 768,
        }),
      );
    }
  }
  const sides = createRng(hashString(`${seed}:${split}:sides`));
  const pairs: PlannedPair[] = cases.flatMap((plan) =>
    plan.distractors.map((_, distractorIndex) => ({
      plan,
      distractorIndex,
      correctSide: sides.next() < 0.5 ? (0 as const) : (1 as const),
    })),
  );
  return { cases, pairs };
}
