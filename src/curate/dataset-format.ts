import { extname } from "node:path";
import { InputError } from "../errors/input-error.js";

export type DatasetFormat = "jsonl" | "parquet";

/** The dataset format named by the file's extension: `.jsonl`/`.ndjson` or `.parquet`; anything else is refused. */
export function datasetFormat(path: string): DatasetFormat {
  const ext = extname(path).toLowerCase();
  if (ext === ".parquet") return "parquet";
  if (ext === ".jsonl" || ext === ".ndjson") return "jsonl";
  throw new InputError(
    path,
    `IN ${path}: curate reads .jsonl (one JSON object per line) or .parquet datasets, not "${ext || "no extension"}"; rename a JSONL file to .jsonl or convert the data`,
    { code: "unsupported_dataset" },
  );
}
