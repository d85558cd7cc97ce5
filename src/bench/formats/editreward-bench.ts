import { basename, dirname } from "node:path";
import type { ImageInput } from "../../contract/image.js";
import { InputError } from "../../errors/input-error.js";
import type { BenchDataset, BenchItem } from "../bench-item.js";
import { cellText, requireImage } from "./cells.js";
import { parseRanking } from "./parse-ranking.js";
import { readParquetRows } from "./read-parquet-rows.js";

/**
 * EditReward-Bench (TIGER-Lab) Parquet, configs 2pair / 3pair / 4pair: `source_image`,
 * `candidate_1..4`, `instruction`, `ranking` ("A>B", "A=B=Good", "C>A>B"). A row holding K candidates
 * is one K-way group. Rows holding one comparison of a larger group (`comparison_type` "AvsC") map
 * their letters through it and are grouped by the id prefix before "_", as TIGER-Lab's script does.
 * Category: the `dataset` column (2pair/3pair/4pair), else the file name.
 */
export async function readEditRewardBench(paths: readonly string[]): Promise<BenchDataset> {
  const items: BenchItem[] = [];
  for (const file of paths) {
    const base = dirname(file);
    for (const [r, row] of (await readParquetRows(file)).entries()) {
      const where = (column: string) => ({ file, row: r, column });
      const candidates: ImageInput[] = [];
      for (let k = 1; k <= 4; k++) {
        const cell = row[`candidate_${k}`];
        if (cell === null || cell === undefined) break;
        candidates.push(requireImage(cell, where(`candidate_${k}`), base));
      }
      const comparison = cellText(row.comparison_type);
      const letters = comparison ? comparison.toUpperCase().split("VS") : undefined;
      const rankingText = cellText(row.ranking) ?? "";
      const human = parseRanking(rankingText, letters);
      if (
        !human ||
        human.tiers.flat().length !== candidates.length ||
        human.tiers.flat().some((i) => i >= candidates.length)
      ) {
        throw new InputError(
          file,
          `${file}: row ${r}: ranking "${rankingText}" does not rank the ${candidates.length} candidates; expected e.g. "A>B", "A=B=Good" or "C>A>B"`,
        );
      }
      const id = cellText(row.id) ?? `${basename(file)}#${r}`;
      const item: BenchItem = {
        id,
        category: cellText(row.dataset) ?? basename(file).replace(/\.parquet$/, ""),
        instruction: cellText(row.instruction) ?? cellText(row.instruct_prompt) ?? "",
        source: requireImage(row.source_image, where("source_image"), base),
        candidates,
        candidateNames: letters ?? candidates.map((_, i) => String.fromCharCode(65 + i)),
        human,
      };
      if (comparison) item.groupId = id.includes("_") ? (id.split("_")[0] as string) : id;
      items.push(item);
    }
  }
  if (items.length === 0) throw new InputError(paths.join(", "), "no rows in the EditReward-Bench files");
  return { format: "editreward-bench", primaryMetric: "group-accuracy", items, stored: {} };
}
