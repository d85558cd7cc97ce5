import { createReadStream } from "node:fs";

/** Counts non-empty lines by streaming the file (for a progress bar's total); null when unreadable. */
export async function countJsonlRows(path: string): Promise<number | null> {
  try {
    let count = 0;
    let inLine = false;
    for await (const chunk of createReadStream(path)) {
      for (const byte of chunk as Buffer) {
        if (byte === 10) {
          if (inLine) count++;
          inLine = false;
        } else if (byte !== 13 && byte !== 32 && byte !== 9) inLine = true;
      }
    }
    return inLine ? count + 1 : count;
  } catch {
    return null;
  }
}
