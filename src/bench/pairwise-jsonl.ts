import { readFile } from "node:fs/promises";
import { dirname, isAbsolute, resolve } from "node:path";
import { z } from "zod";
import { InputError } from "../errors/input-error.js";

/** One pairwise item: two candidates for one source and instruction, and which one humans preferred. */
export interface PairwiseItem {
  id: string;
  source: string;
  instruction: string;
  candidates: [string, string];
  preferred: 0 | 1 | "tie";
  category: string;
}

const Row = z.object({
  id: z.union([z.string(), z.number()]).transform(String),
  source: z.string().min(1),
  instruction: z.string().min(1),
  candidates: z.tuple([z.string().min(1), z.string().min(1)]),
  preferred: z.union([z.literal(0), z.literal(1), z.literal("tie")]),
  category: z.string().optional(),
});

/** Reads EditJudge's pairwise JSONL. Image paths are resolved relative to the file. */
export async function readPairwiseJsonl(path: string): Promise<PairwiseItem[]> {
  let text: string;
  try {
    text = await readFile(path, "utf8");
  } catch (error) {
    throw new InputError(
      path,
      `${path}: cannot read the benchmark file (${(error as NodeJS.ErrnoException).code ?? "error"})`,
    );
  }
  const base = dirname(path);
  const abs = (p: string) => (isAbsolute(p) ? p : resolve(base, p));
  const items: PairwiseItem[] = [];
  for (const [lineIndex, line] of text.split("\n").entries()) {
    if (line.trim() === "") continue;
    let json: unknown;
    try {
      json = JSON.parse(line);
    } catch {
      throw new InputError(
        path,
        `${path}:${lineIndex + 1}: not valid JSON; each line must be one JSON object`,
      );
    }
    const parsed = Row.safeParse(json);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      throw new InputError(
        path,
        `${path}:${lineIndex + 1}: ${issue?.path.join(".") || "row"}: ${issue?.message ?? "invalid"}; expected {"id","source","instruction","candidates":[a,b],"preferred":0|1|"tie","category"?}`,
      );
    }
    const r = parsed.data;
    items.push({
      id: r.id,
      source: abs(r.source),
      instruction: r.instruction,
      candidates: [abs(r.candidates[0]), abs(r.candidates[1])],
      preferred: r.preferred,
      category: r.category ?? "all",
    });
  }
  if (items.length === 0) throw new InputError(path, `${path}: no items; the file is empty`);
  return items;
}
