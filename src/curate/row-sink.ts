/** A row as curate writes it: the input record plus its position and decision. */
export interface OutputRow {
  index: number;
  record: Record<string, unknown>;
  reward: number | null;
  /** Kept rows: the judge's per-dimension scores. */
  dimensions?: unknown;
  /** Rejected rows: why. */
  reason?: string;
}

/** What the state records for one output file after a batch: its size, rows, and Parquet's row groups. */
export interface SinkCommit {
  bytes: number;
  /** The row group this batch added (serialised metadata), Parquet only. */
  rowGroup: string | null;
}

/** An output file (kept rows or rejects) that grows by committed batches. */
export interface RowSink {
  readonly path: string;
  add(row: OutputRow): void;
  /** Makes the rows added since the last commit durable; the state is committed after this returns. */
  commit(): SinkCommit;
  /** Ends the file durably (Parquet writes its footer); returns its final size. */
  finish(): number;
  close(): void;
}
