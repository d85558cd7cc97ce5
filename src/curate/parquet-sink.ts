import { parquetMetadata } from "hyparquet";
import { ByteWriter, ParquetWriter } from "hyparquet-writer";
import { AppendFile } from "./append-file.js";
import type { ParquetColumns } from "./parquet-columns.js";
import { parseRowGroup, rowGroupJson } from "./row-group-json.js";
import type { OutputRow, RowSink, SinkCommit } from "./row-sink.js";

const MAGIC = "PAR1";
type RowGroup = ParquetWriter["row_groups"][number];

/** hyparquet-writer's buffer, emptied into the output file after each row group and at the end. */
class FileChunkWriter extends ByteWriter {
  constructor(readonly file: AppendFile) {
    super();
  }

  flush(): void {
    this.file.write(new Uint8Array(this.buffer, 0, this.index));
    this.index = 0;
  }

  override finish(): void {
    this.flush();
  }
}
/** Parquet's tail: a 4-byte footer length and the magic. */
const TAIL_BYTES = 8;

export interface ParquetCommitted {
  bytes: number;
  rows: number;
  /** Row groups the state recorded, one per committed batch, in order (serialised metadata). */
  rowGroups: readonly string[];
  /** The run ended: the file has its footer. */
  done: boolean;
}

/**
 * Parquet output that is crash-safe like JSONL. Each committed batch is one row group, appended and synced
 * before the state records it together with the row group's metadata. The footer, which lists every row group,
 * is written when the run ends. On resume the file is cut back to the committed size (the magic and the committed
 * row groups, ending exactly where the last recorded row group ends) and the writer carries on from the row
 * groups in the state, so the footer written at the end lists every committed row group exactly once.
 */
export class ParquetSink implements RowSink {
  readonly #file: AppendFile;
  readonly #bytes: FileChunkWriter;
  readonly #writer: ParquetWriter;
  readonly #columns: ParquetColumns;
  #pending: OutputRow[] = [];

  constructor(
    label: string,
    path: string,
    committed: ParquetCommitted,
    stateFile: string,
    columns: ParquetColumns,
  ) {
    this.#file = new AppendFile(label, path, committed.bytes, stateFile);
    this.#columns = columns;
    try {
      const groups = committed.rowGroups.map((g) => parseRowGroup(g) as RowGroup);
      if (committed.done) this.#checkFinished(committed);
      else this.#checkPrefix(committed, groups);
      this.#bytes = new FileChunkWriter(this.#file);
      this.#writer = new ParquetWriter({
        writer: this.#bytes,
        schema: columns.schema(),
        statistics: false,
        kvMetadata: [{ key: "huggingface", value: columns.features() }],
        createdBy: "editjudge curate",
      });
      if (committed.bytes > 0) {
        // The file already starts with the magic the writer has just buffered: drop it, and carry on after the
        // committed row groups.
        this.#bytes.index = 0;
        this.#bytes.offset = committed.bytes;
        this.#writer.row_groups = groups;
        this.#writer.num_rows = groups.reduce((sum, g) => sum + g.num_rows, 0n);
      }
    } catch (error) {
      this.#file.close();
      throw error;
    }
  }

  get path(): string {
    return this.#file.path;
  }

  /** Before the end: the magic, then the recorded row groups, ending at the committed size, with `rows` rows. */
  #checkPrefix(committed: ParquetCommitted, groups: readonly RowGroup[]): void {
    if (committed.bytes === 0) {
      if (groups.length > 0 || committed.rows > 0)
        throw this.#file.mismatch(`the state records ${committed.rows} rows but no bytes`);
      return;
    }
    if (this.#file.read(0, 4).toString("latin1") !== MAGIC)
      throw this.#file.mismatch("it does not start with PAR1, so it is no Parquet file curate wrote");
    const rows = groups.reduce((sum, g) => sum + Number(g.num_rows), 0);
    const end = groups.reduce((sum, g) => sum + Number(g.total_compressed_size ?? 0n), MAGIC.length);
    if (rows !== committed.rows || end !== committed.bytes)
      throw this.#file.mismatch(
        `the state says ${committed.rows} rows in ${committed.bytes} bytes were written, its row groups hold ${rows} rows in ${end} bytes`,
      );
  }

  /** After the end: a footer that reads and counts `rows` rows. */
  #checkFinished(committed: ParquetCommitted): void {
    const start = Math.max(0, committed.bytes - TAIL_BYTES);
    const tail = this.#file.read(start, committed.bytes - start);
    const footerLength = tail.length === TAIL_BYTES ? tail.readUInt32LE(0) : -1;
    let rows = -1;
    if (tail.subarray(4).toString("latin1") === MAGIC && footerLength >= 0) {
      const footerStart = committed.bytes - TAIL_BYTES - footerLength;
      const footer = this.#file.read(Math.max(0, footerStart), footerLength + TAIL_BYTES);
      try {
        rows = Number(parquetMetadata(new Uint8Array(footer).buffer).num_rows);
      } catch {}
    }
    if (rows !== committed.rows)
      throw this.#file.mismatch(
        rows < 0
          ? `the state says the run ended with ${committed.rows} rows, but the file has no Parquet footer`
          : `the state says the run ended with ${committed.rows} rows, its footer counts ${rows}`,
      );
  }

  add(row: OutputRow): void {
    this.#pending.push(row);
  }

  commit(): SinkCommit {
    const rows = this.#pending;
    this.#pending = [];
    if (rows.length === 0) return { bytes: this.#file.size, rowGroup: null };
    void this.#writer.write({ columnData: this.#columns.columnData(rows), rowGroupSize: rows.length });
    this.#file.flush();
    const group = this.#writer.row_groups.at(-1) as RowGroup;
    return { bytes: this.#file.size, rowGroup: rowGroupJson(group) };
  }

  finish(): number {
    void this.#writer.finish();
    this.#file.flush();
    return this.#file.size;
  }

  close(): void {
    this.#file.close();
  }
}
