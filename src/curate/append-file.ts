import { closeSync, fdatasyncSync, fstatSync, ftruncateSync, openSync, writeSync } from "node:fs";
import { InputError } from "../errors/input-error.js";

/** An output file opened for appending at a known committed size; anything after it (a crashed batch) is cut. */
export class AppendFile {
  readonly #fd: number;
  #size: number;

  constructor(
    readonly path: string,
    committedSize: number,
  ) {
    this.#fd = openSync(path, "a+");
    const actual = fstatSync(this.#fd).size;
    if (actual < committedSize) {
      closeSync(this.#fd);
      throw new InputError(
        path,
        `${path} is ${actual} bytes but the resume state says ${committedSize} were written; the output was changed by hand — delete it and its .state.sqlite to start over`,
        { code: "state_mismatch" },
      );
    }
    if (actual > committedSize) ftruncateSync(this.#fd, committedSize);
    this.#size = committedSize;
  }

  get size(): number {
    return this.#size;
  }

  write(text: string): void {
    const bytes = Buffer.from(text, "utf8");
    let offset = 0;
    while (offset < bytes.length) offset += writeSync(this.#fd, bytes, offset);
    this.#size += bytes.length;
  }

  /** Flushes written bytes to disk before the state that counts them is committed. */
  flush(): void {
    fdatasyncSync(this.#fd);
  }

  close(): void {
    closeSync(this.#fd);
  }
}
