import { readFile } from "node:fs/promises";
import { parquetReadObjects } from "hyparquet";
import { InputError } from "../../errors/input-error.js";

/**
 * Reads every row of a Parquet file as an object. `utf8:false` keeps binary columns (embedded image
 * bytes) as Uint8Array; string-annotated columns still arrive as strings.
 */
export async function readParquetRows(path: string): Promise<Array<Record<string, unknown>>> {
  let bytes: Buffer;
  try {
    bytes = await readFile(path);
  } catch (error) {
    throw new InputError(
      path,
      `${path}: cannot read the Parquet file (${(error as NodeJS.ErrnoException).code ?? "error"})`,
    );
  }
  const file = bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer;
  try {
    return (await parquetReadObjects({ file, utf8: false })) as Array<Record<string, unknown>>;
  } catch (error) {
    throw new InputError(
      path,
      `${path}: not a readable Parquet file (${(error as Error).message}); check the file is complete`,
      {
        cause: error,
      },
    );
  }
}
