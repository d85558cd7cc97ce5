import { basename, dirname } from "node:path";
import type { ImageInput } from "../../contract/image.js";
import { InputError } from "../../errors/input-error.js";
import type { BenchDataset, BenchItem } from "../bench-item.js";
import { cellText, pickColumn, requireImage, requirementCell } from "./cells.js";
import { readParquetRows } from "./read-parquet-rows.js";
import { labelFromRow } from "./row-label.js";

const SOURCE = ["source_image", "input_image", "source", "image"];
const INSTRUCTION = ["instruction", "instruct_prompt", "edit_instruction", "prompt"];
/** Edit-mask columns (white = the area the edit may change). */
const MASK = ["mask", "mask_image", "edit_mask", "inpaint_mask"];
const CATEGORY = ["category", "task_type", "dataset", "subset"];
const PAIR_COLUMNS = [
  ["left_output_image", "right_output_image"],
  ["left_image", "right_image"],
] as const;

function candidateCells(row: Record<string, unknown>): Array<[string, unknown]> | null {
  const list = pickColumn(row, ["candidates", "output_images"]);
  if (list && Array.isArray(row[list])) return (row[list] as unknown[]).map((c, k) => [`${list}[${k}]`, c]);
  for (const [a, b] of PAIR_COLUMNS)
    if (row[a] != null && row[b] != null)
      return [
        [a, row[a]],
        [b, row[b]],
      ];
  const numbered: Array<[string, unknown]> = [];
  for (let k = 1; row[`candidate_${k}`] != null; k++)
    numbered.push([`candidate_${k}`, row[`candidate_${k}`]]);
  return numbered.length > 0 ? numbered : null;
}

/**
 * Hugging Face-style Parquet with embedded image bytes (`Image` structs `{bytes, path}` or raw bytes),
 * read with hyparquet `utf8:false`. Columns are found by name: source (`source_image`, `input_image`…),
 * candidates (`candidates`/`output_images` list, `left_output_image`/`right_output_image`, or
 * `candidate_1..N`), instruction, a label (`preferred`, `ranking`, `vote_type`, `scores`) and an optional edit
 * mask (`mask`, `mask_image`, `edit_mask`, `inpaint_mask`) and editing requirement (`requirement`).
 */
export async function readHfParquet(paths: readonly string[]): Promise<BenchDataset> {
  const items: BenchItem[] = [];
  for (const file of paths) {
    const base = dirname(file);
    for (const [r, row] of (await readParquetRows(file)).entries()) {
      const sourceColumn = pickColumn(row, SOURCE);
      const cells = candidateCells(row);
      if (!sourceColumn || !cells) {
        throw new InputError(
          file,
          `${file}: row ${r}: no source image column (${SOURCE.join(", ")}) or no candidate columns`,
        );
      }
      const candidates: ImageInput[] = cells.map(([column, cell]) =>
        requireImage(cell, { file, row: r, column }, base),
      );
      const human = labelFromRow(row, candidates.length);
      if (typeof human === "string") throw new InputError(file, `${file}: row ${r}: ${human}`);
      const categoryColumn = pickColumn(row, CATEGORY);
      const instructionColumn = pickColumn(row, INSTRUCTION);
      const maskColumn = pickColumn(row, MASK);
      const requirement = requirementCell(row.requirement);
      if (!requirement)
        throw new InputError(
          file,
          `${file}: row ${r}: column "requirement" is not text; give the editing requirement as a string`,
        );
      items.push({
        ...requirement,
        ...(maskColumn
          ? { mask: requireImage(row[maskColumn], { file, row: r, column: maskColumn }, base) }
          : {}),
        id: cellText(row.id) ?? `${basename(file)}#${r}`,
        category: (categoryColumn && cellText(row[categoryColumn])) || "all",
        instruction: (instructionColumn && cellText(row[instructionColumn])) || "",
        source: requireImage(row[sourceColumn], { file, row: r, column: sourceColumn }, base),
        candidates,
        candidateNames: cells.map(([column]) => column),
        human,
      });
    }
  }
  const pairwise = items.every((i) => i.candidates?.length === 2 && i.human.kind === "ranking");
  const vote4 = pairwise && items.some((i) => i.human.kind === "ranking" && i.human.tieQuality !== undefined);
  const primaryMetric = vote4
    ? "vote4-exact-match"
    : pairwise
      ? "pairwise-strict"
      : items.some((i) => i.human.kind === "scores")
        ? "spearman-fisher-z"
        : "group-accuracy";
  return { format: "hf-parquet", primaryMetric, items, stored: {} };
}
