import { closeSync, openSync, type Stats, statSync } from "node:fs";
import { parquetSchema } from "hyparquet";
import { InputError } from "../errors/input-error.js";
import { type DatasetFormat, datasetFormat } from "./dataset-format.js";
import { openParquet } from "./open-parquet.js";

export interface CurateInput {
  format: DatasetFormat;
  /** Rows in a Parquet file (from its metadata); null for JSONL, whose rows are only known by reading it. */
  rows: number | null;
}

/**
 * Checks the dataset before anything is created: a `.jsonl`/`.parquet` name, an existing readable regular file,
 * and for Parquet a footer whose metadata reads. Errors name the file and say what is wrong.
 */
export async function checkCurateInput(path: string): Promise<CurateInput> {
  const format = datasetFormat(path);
  let stat: Stats;
  try {
    stat = statSync(path);
  } catch (error) {
    throw unreadable(path, error);
  }
  if (!stat.isFile())
    throw new InputError(
      path,
      `IN ${path} is ${stat.isDirectory() ? "a directory" : "not a regular file"}; give the dataset file itself`,
    );
  try {
    closeSync(openSync(path, "r"));
  } catch (error) {
    throw unreadable(path, error);
  }
  if (format === "jsonl") return { format, rows: null };
  const { metadata } = await openParquet(path);
  // Every row needs these columns: without one, the file is the wrong dataset, not a file of bad rows.
  const columns = parquetSchema(metadata).children.map((c) => c.element.name);
  const missing = ["source", "instruction", "edited"].filter((name) => !columns.includes(name));
  if (missing.length > 0)
    throw new InputError(
      path,
      `IN ${path} has no ${missing.map((m) => `"${m}"`).join(", ")} column (it has ${columns.map((c) => `"${c}"`).join(", ") || "none"}); curate needs source, instruction and edited columns`,
    );
  return { format, rows: Number(metadata.num_rows) };
}

function unreadable(path: string, error: unknown): InputError {
  const code = (error as NodeJS.ErrnoException).code;
  const what =
    code === "ENOENT"
      ? "does not exist; check the path"
      : code === "EACCES" || code === "EPERM"
        ? "is not readable (permission denied); check its permissions"
        : `cannot be read (${code ?? (error as Error).message})`;
  return new InputError(path, `IN ${path} ${what}`, { cause: error });
}
