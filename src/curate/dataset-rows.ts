import { createReadStream } from "node:fs";
import { createInterface } from "node:readline";
import { parquetReadObjects } from "hyparquet";
import { InputError } from "../errors/input-error.js";
import { datasetFormat } from "./dataset-format.js";
import { openParquet } from "./open-parquet.js";

/** One dataset row as read, before it is interpreted. `parseError` is set for a JSONL line that is not JSON. */
export interface RawRow {
  index: number;
  record: Record<string, unknown>;
  parseError?: string;
}

/** Streams the rows of a JSONL or Parquet file, one at a time, with their 0-based index. */
export async function* readDatasetRows(path: string, chunkRows = 256): AsyncGenerator<RawRow> {
  if (datasetFormat(path) === "parquet") yield* readParquet(path, chunkRows);
  else yield* readJsonl(path);
}

async function* readJsonl(path: string): AsyncGenerator<RawRow> {
  const stream = createReadStream(path, { encoding: "utf8" });
  const opened = new Promise<void>((resolve, reject) => {
    stream.once("open", () => resolve());
    stream.once("error", (error: NodeJS.ErrnoException) =>
      reject(
        new InputError(path, `${path}: cannot read the dataset (${error.code ?? "error"}); check the path`, {
          cause: error,
        }),
      ),
    );
  });
  await opened;
  const lines = createInterface({ input: stream, crlfDelay: Number.POSITIVE_INFINITY });
  let index = 0;
  let first = true;
  for await (const read of lines) {
    // A UTF-8 byte-order mark (as some Windows tools write) is not part of the first row.
    const line = first ? read.replace(/^\uFEFF/, "") : read;
    first = false;
    if (line.trim().length === 0) continue;
    const row = index++;
    try {
      const value: unknown = JSON.parse(line);
      if (typeof value !== "object" || value === null || Array.isArray(value))
        throw new Error("not a JSON object");
      yield { index: row, record: value as Record<string, unknown> };
    } catch (error) {
      yield { index: row, record: {}, parseError: `line is not a JSON object (${(error as Error).message})` };
    }
  }
}

async function* readParquet(path: string, chunkRows: number): AsyncGenerator<RawRow> {
  const { file, metadata } = await openParquet(path);
  const total = Number(metadata.num_rows);
  for (let start = 0; start < total; start += chunkRows) {
    const end = Math.min(total, start + chunkRows);
    let rows: Array<Record<string, unknown>>;
    try {
      rows = (await parquetReadObjects({
        file,
        metadata,
        rowStart: start,
        rowEnd: end,
        utf8: false,
      })) as Array<Record<string, unknown>>;
    } catch (error) {
      throw new InputError(
        path,
        `IN ${path}: cannot read Parquet rows ${start}–${end - 1} (${(error as Error).message}); the file is corrupt or truncated`,
        { cause: error },
      );
    }
    for (const [offset, record] of rows.entries()) yield { index: start + offset, record };
  }
}
