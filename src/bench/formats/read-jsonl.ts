import { readFile } from "node:fs/promises";
import { InputError } from "../../errors/input-error.js";

/** Reads a JSON Lines file (or a JSON array when the file starts with "["), with line-numbered errors. */
export async function readJsonRecords(path: string): Promise<Array<{ line: number; value: unknown }>> {
  let text: string;
  try {
    text = await readFile(path, "utf8");
  } catch (error) {
    throw new InputError(
      path,
      `${path}: cannot read the file (${(error as NodeJS.ErrnoException).code ?? "error"})`,
    );
  }
  if (text.trimStart().startsWith("[")) {
    let parsed: unknown;
    try {
      parsed = JSON.parse(text);
    } catch (error) {
      throw new InputError(path, `${path}: not valid JSON (${(error as Error).message})`);
    }
    if (!Array.isArray(parsed)) throw new InputError(path, `${path}: expected a JSON array of objects`);
    return parsed.map((value, i) => ({ line: i + 1, value }));
  }
  const records: Array<{ line: number; value: unknown }> = [];
  for (const [i, line] of text.split("\n").entries()) {
    if (line.trim() === "") continue;
    try {
      records.push({ line: i + 1, value: JSON.parse(line) });
    } catch {
      throw new InputError(path, `${path}:${i + 1}: not valid JSON; each line must be one JSON object`);
    }
  }
  if (records.length === 0) throw new InputError(path, `${path}: no records; the file is empty`);
  return records;
}
