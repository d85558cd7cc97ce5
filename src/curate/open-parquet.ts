import { type AsyncBuffer, asyncBufferFromFile, type FileMetaData, parquetMetadataAsync } from "hyparquet";
import { InputError } from "../errors/input-error.js";

/** The smallest Parquet file: "PAR1", a 4-byte footer length and "PAR1". */
const MIN_PARQUET_BYTES = 12;

/**
 * Opens a Parquet file and reads its footer metadata; any failure (empty file, not Parquet, corrupt footer) is an
 * InputError that names the file and what is wrong with it instead of hyparquet's internal message.
 */
export async function openParquet(path: string): Promise<{ file: AsyncBuffer; metadata: FileMetaData }> {
  let file: AsyncBuffer;
  try {
    file = await asyncBufferFromFile(path);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? "error";
    throw new InputError(path, `IN ${path}: cannot read the Parquet file (${code}); check the path`, {
      cause: error,
    });
  }
  if (file.byteLength < MIN_PARQUET_BYTES)
    throw new InputError(
      path,
      `IN ${path} is not a Parquet file: it is ${file.byteLength === 0 ? "empty" : `only ${file.byteLength} bytes`}`,
    );
  const tail = Buffer.from(await readSlice(path, file, file.byteLength - 4));
  if (tail.toString("latin1") !== "PAR1")
    throw new InputError(
      path,
      `IN ${path} is not a Parquet file (no PAR1 footer): it may be another format, or a truncated download`,
    );
  try {
    return { file, metadata: await parquetMetadataAsync(file) };
  } catch (error) {
    throw new InputError(
      path,
      `IN ${path}: cannot read its Parquet metadata (${(error as Error).message}); the file is corrupt or truncated`,
      { cause: error },
    );
  }
}

async function readSlice(path: string, file: AsyncBuffer, start: number): Promise<ArrayBuffer> {
  try {
    return await file.slice(start);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? "error";
    throw new InputError(path, `IN ${path}: cannot read the Parquet file (${code})`, { cause: error });
  }
}
