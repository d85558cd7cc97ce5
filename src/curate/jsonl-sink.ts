import { AppendFile } from "./append-file.js";
import { rowJson } from "./row-json.js";
import type { OutputRow, RowSink, SinkCommit } from "./row-sink.js";

const CHUNK = 1 << 20;

/** JSONL output: one object per line, appended and synced per batch. */
export class JsonlSink implements RowSink {
  readonly #file: AppendFile;

  /**
   * Opens at the committed size (cutting a half-written batch) and checks that the committed part holds exactly
   * `rows` complete lines, so a state and outputs that disagree are refused instead of resumed.
   */
  constructor(label: string, path: string, committed: { bytes: number; rows: number }, stateFile: string) {
    this.#file = new AppendFile(label, path, committed.bytes, stateFile);
    try {
      const { lines, ended } = this.#countLines(committed.bytes);
      if (lines !== committed.rows || !ended)
        throw this.#file.mismatch(
          `the state says ${committed.rows} rows were written, its first ${committed.bytes} bytes hold ${lines} complete lines${ended ? "" : " and part of one"}`,
        );
    } catch (error) {
      this.#file.close();
      throw error;
    }
  }

  get path(): string {
    return this.#file.path;
  }

  /** Complete lines in the first `bytes` bytes, and whether they end with a line end. */
  #countLines(bytes: number): { lines: number; ended: boolean } {
    let lines = 0;
    let last = 10;
    for (let position = 0; position < bytes; position += CHUNK) {
      const chunk = this.#file.read(position, Math.min(CHUNK, bytes - position));
      if (chunk.length === 0) break;
      for (let i = chunk.indexOf(10); i >= 0; i = chunk.indexOf(10, i + 1)) lines++;
      last = chunk[chunk.length - 1] ?? 10;
    }
    return { lines, ended: last === 10 };
  }

  add(row: OutputRow): void {
    const { index, record, reward, ...decision } = row;
    this.#file.write(`${rowJson({ ...record, row: index, reward, ...decision })}\n`);
  }

  commit(): SinkCommit {
    this.#file.flush();
    return { bytes: this.#file.size, rowGroup: null };
  }

  finish(): number {
    return this.#file.size;
  }

  close(): void {
    this.#file.close();
  }
}
