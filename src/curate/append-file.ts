import { closeSync, fdatasyncSync, fstatSync, ftruncateSync, openSync, readSync, writeSync } from "node:fs";
import { outputError } from "./output-error.js";
import { StateMismatchError } from "./state-mismatch-error.js";

/**
 * An output file opened for appending at a known committed size; anything after it (a crashed batch) is cut.
 * Failures (a full disk, no permission) are one-line errors naming the file as the user gave it (`label`).
 */
export class AppendFile {
  readonly #fd: number;
  #size: number;

  constructor(
    readonly label: string,
    readonly path: string,
    committedSize: number,
    readonly stateFile: string,
  ) {
    try {
      this.#fd = openSync(path, "a+");
    } catch (error) {
      throw outputError(label, path, error);
    }
    const actual = fstatSync(this.#fd).size;
    if (actual < committedSize) {
      closeSync(this.#fd);
      throw this.mismatch(`the file is ${actual} bytes but the state says ${committedSize} were written`);
    }
    try {
      if (actual > committedSize) ftruncateSync(this.#fd, committedSize);
    } catch (error) {
      closeSync(this.#fd);
      throw outputError(label, path, error);
    }
    this.#size = committedSize;
  }

  get size(): number {
    return this.#size;
  }

  write(bytes: Uint8Array | string): void {
    const data = typeof bytes === "string" ? Buffer.from(bytes, "utf8") : bytes;
    let offset = 0;
    try {
      while (offset < data.length) offset += writeSync(this.#fd, data, offset);
    } catch (error) {
      throw outputError(this.label, this.path, error);
    }
    this.#size += data.length;
  }

  /** Reads committed bytes (for checking them against the state). */
  read(position: number, length: number): Buffer {
    const buffer = Buffer.alloc(length);
    let done = 0;
    while (done < length) {
      const n = readSync(this.#fd, buffer, done, length - done, position + done);
      if (n === 0) break;
      done += n;
    }
    return buffer.subarray(0, done);
  }

  /** Flushes written bytes to disk before the state that counts them is committed. */
  flush(): void {
    try {
      fdatasyncSync(this.#fd);
    } catch (error) {
      throw outputError(this.label, this.path, error);
    }
  }

  /** The refusal to resume into a file that does not hold what the state says was committed. */
  mismatch(what: string): Error {
    return new StateMismatchError(this.label, this.path, this.stateFile, what);
  }

  close(): void {
    closeSync(this.#fd);
  }
}
