import { basename, dirname } from "node:path";
import { InputError } from "../../errors/input-error.js";
import type { BenchDataset, BenchItem } from "../bench-item.js";
import { cellText, requireImage } from "./cells.js";
import { readParquetRows } from "./read-parquet-rows.js";

/**
 * EditScore's evaluation scores each dimension's rows with that dimension's score: prompt_following = SC₁,
 * consistency = SC₂, overall = O (the reward). Other dimensions use the reward.
 */
const DIMENSION_SCORES: Readonly<Record<string, BenchItem["scoreBy"]>> = {
  prompt_following: "instructionFollowing",
  consistency: "preservation",
};

/**
 * EditScore's EditReward-Bench Parquet: `input_image`, `output_images` (a list, preferred first),
 * `instruction`, `task_type`, `dimension`. Category = task type, subset = dimension; the published
 * metric is strict pairwise accuracy macro-averaged over task types, per dimension.
 */
export async function readEditScoreBench(paths: readonly string[]): Promise<BenchDataset> {
  const items: BenchItem[] = [];
  for (const file of paths) {
    const base = dirname(file);
    for (const [r, row] of (await readParquetRows(file)).entries()) {
      const outputs = row.output_images;
      if (!Array.isArray(outputs) || outputs.length < 2) {
        throw new InputError(
          file,
          `${file}: row ${r}: "output_images" must list at least two images, preferred first`,
        );
      }
      const candidates = outputs.map((cell, k) =>
        requireImage(cell, { file, row: r, column: `output_images[${k}]` }, base),
      );
      const subset = cellText(row.dimension) ?? "overall";
      const scoreBy = DIMENSION_SCORES[subset];
      items.push({
        id: cellText(row.id) ?? cellText(row.key) ?? `${basename(file)}#${r}`,
        category: cellText(row.task_type) ?? "all",
        subset,
        ...(scoreBy ? { scoreBy } : {}),
        instruction: cellText(row.instruction) ?? cellText(row.prompt) ?? "",
        source: requireImage(row.input_image, { file, row: r, column: "input_image" }, base),
        candidates,
        candidateNames: candidates.map((_, k) => (k === 0 ? "preferred" : `other-${k}`)),
        human: { kind: "ranking", tiers: candidates.map((_, k) => [k]) },
      });
    }
  }
  if (items.length === 0) throw new InputError(paths.join(", "), "no rows in the EditScore files");
  return { format: "editscore", primaryMetric: "pairwise-strict-macro-task", items, stored: {} };
}
