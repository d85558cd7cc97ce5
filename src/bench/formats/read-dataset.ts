import { readdir, stat } from "node:fs/promises";
import { InputError } from "../../errors/input-error.js";
import type { BenchDataset } from "../bench-item.js";
import { readEditRewardBench } from "./editreward-bench.js";
import { readEditScoreBench } from "./editscore-bench.js";
import { readGenaiBenchVotes } from "./genai-bench-votes.js";
import { readHfParquet } from "./hf-parquet.js";
import { readImagenhubRatings } from "./imagenhub-ratings.js";
import { readItemsJson } from "./items-json.js";
import { readJsonRecords } from "./read-jsonl.js";
import { readParquetRows } from "./read-parquet-rows.js";

/** The benchmark formats `editjudge bench --format` accepts. */
export const BENCH_FORMATS = {
  editjudge: { description: "EditJudge JSON/JSONL with image paths", read: readItemsJson },
  "genai-bench": {
    description: "GenAI-Bench image-editing votes (*.pairwise.jsonl, stored model_vote)",
    read: readGenaiBenchVotes,
  },
  "editreward-bench": {
    description: "EditReward-Bench (TIGER-Lab) Parquet, 2pair/3pair/4pair",
    read: readEditRewardBench,
  },
  editscore: {
    description: "EditScore's EditReward-Bench Parquet (output_images, preferred first)",
    read: readEditScoreBench,
  },
  imagenhub: {
    description: "ImagenHub human-rating TSVs (+ viescore-*.jsonl stored outputs)",
    read: readImagenhubRatings,
  },
  "hf-parquet": { description: "Hugging Face-style Parquet with embedded image bytes", read: readHfParquet },
} as const satisfies Record<
  string,
  { description: string; read: (paths: readonly string[]) => Promise<BenchDataset> }
>;

export type BenchFormat = keyof typeof BENCH_FORMATS;

/** Guesses the format from the first input: extension, directory contents, then columns or fields. */
export async function detectFormat(path: string): Promise<BenchFormat> {
  const info = await stat(path).catch(() => null);
  if (!info) throw new InputError(path, `${path}: no such file or directory`);
  if (info.isDirectory()) {
    const names = await readdir(path);
    if (names.some((n) => n.endsWith(".pairwise.jsonl"))) return "genai-bench";
    if (names.some((n) => n.endsWith(".tsv"))) return "imagenhub";
    throw new InputError(path, `${path}: cannot tell the benchmark format of this directory; pass --format`);
  }
  if (path.endsWith(".tsv")) return "imagenhub";
  if (path.endsWith(".parquet")) {
    const [row] = await readParquetRows(path);
    if (row && "candidate_1" in row && "ranking" in row) return "editreward-bench";
    if (row && "output_images" in row && "dimension" in row) return "editscore";
    return "hf-parquet";
  }
  const first = (await readJsonRecords(path))[0]?.value;
  if (first && typeof first === "object" && "human_vote" in first && "model_vote" in first)
    return "genai-bench";
  return "editjudge";
}

export async function readDataset(
  paths: readonly string[],
  format: BenchFormat | "auto" = "auto",
): Promise<BenchDataset> {
  if (paths.length === 0) throw new InputError("inputs", "no benchmark files given");
  const chosen = format === "auto" ? await detectFormat(paths[0] as string) : format;
  const entry = BENCH_FORMATS[chosen];
  if (!entry) {
    throw new InputError(
      "format",
      `unknown format "${chosen}"; choose one of: ${Object.keys(BENCH_FORMATS).join(", ")}, auto`,
    );
  }
  return entry.read(paths);
}
