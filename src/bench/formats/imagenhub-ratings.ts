import { readdir, readFile, stat } from "node:fs/promises";
import { join } from "node:path";
import { InputError } from "../../errors/input-error.js";
import type { BenchDataset, BenchItem } from "../bench-item.js";
import { readViescoreOutputs, viescoreJudgeName } from "./viescore-outputs.js";

/** Item id for one (image, editing model) pair, shared with the VIEScore reader. */
export const imagenhubItemId = (uid: string, model: string) => `${uid}::${model}`;

/** "[0.5, 1]" → [0.5, 1]; null when the cell is not a two-number list. */
export function parseScPq(cell: string): [number, number] | null {
  const m = /^\s*\[\s*([\d.]+)\s*,\s*([\d.]+)\s*\]\s*$/.exec(cell);
  if (!m) return null;
  const sc = Number(m[1]);
  const pq = Number(m[2]);
  return Number.isFinite(sc) && Number.isFinite(pq) ? [sc, pq] : null;
}

/** One rater file: uid → model → [SC, PQ]. */
export function parseRaterTsv(text: string, file: string): Map<string, Map<string, [number, number]>> {
  const lines = text.split(/\r?\n/).filter((l) => l.trim() !== "");
  const header = lines[0]?.split("\t") ?? [];
  if (header[0]?.trim() !== "uid" || header.length < 2) {
    throw new InputError(
      file,
      `${file}: expected a TSV whose first column is "uid", then one column per editing model`,
    );
  }
  const out = new Map<string, Map<string, [number, number]>>();
  for (const line of lines.slice(1)) {
    const cells = line.split("\t");
    const uid = cells[0]?.trim();
    if (!uid) continue;
    const row = new Map<string, [number, number]>();
    for (const [c, model] of header.slice(1).entries()) {
      const v = parseScPq(cells[c + 1] ?? "");
      if (v) row.set(model.trim(), v);
    }
    out.set(uid, row);
  }
  return out;
}

/**
 * ImagenHub human ratings: rater TSVs (`uid`, then `[SC, PQ]` per editing model). Ground truth per
 * (uid, model) is the mean over the raters who rated it of sqrt(SC·PQ); category = editing model.
 * A directory argument reads its `*rater*.tsv` files and any `viescore-*.jsonl` stored judge outputs.
 * Items carry no images (the TSVs have none), so they are scored from stored outputs.
 */
export async function readImagenhubRatings(paths: readonly string[]): Promise<BenchDataset> {
  const tsvs: string[] = [];
  const viescore: string[] = [];
  for (const path of paths) {
    if ((await stat(path).catch(() => null))?.isDirectory()) {
      const names = (await readdir(path)).sort();
      tsvs.push(...names.filter((n) => n.endsWith(".tsv")).map((n) => join(path, n)));
      viescore.push(...names.filter((n) => /^viescore-.*\.jsonl$/.test(n)).map((n) => join(path, n)));
    } else if (path.endsWith(".tsv")) tsvs.push(path);
    else viescore.push(path);
  }
  if (tsvs.length === 0)
    throw new InputError(paths.join(", "), "no rater .tsv files given for the imagenhub format");
  const ratings = new Map<string, { uid: string; model: string; values: number[] }>();
  for (const file of tsvs) {
    for (const [uid, row] of parseRaterTsv(await readFile(file, "utf8"), file)) {
      for (const [model, [sc, pq]] of row) {
        const id = imagenhubItemId(uid, model);
        const entry = ratings.get(id) ?? { uid, model, values: [] };
        entry.values.push(Math.sqrt(sc * pq));
        ratings.set(id, entry);
      }
    }
  }
  const items: BenchItem[] = [...ratings.entries()].map(([id, r]) => ({
    id,
    category: r.model,
    instruction: "",
    candidateNames: [r.model],
    human: { kind: "scores", scores: [r.values.reduce((a, b) => a + b, 0) / r.values.length] },
  }));
  const stored: BenchDataset["stored"] = {};
  for (const file of viescore) stored[viescoreJudgeName(file)] = await readViescoreOutputs(file);
  return { format: "imagenhub", primaryMetric: "spearman-fisher-z", items, stored };
}
