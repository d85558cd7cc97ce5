import { basename, dirname } from "node:path";
import { InputError } from "../../errors/input-error.js";
import type { BenchDataset, BenchItem } from "../bench-item.js";
import { cellImage, cellText, requirementCell } from "./cells.js";
import { readJsonRecords } from "./read-jsonl.js";
import { labelFromRow } from "./row-label.js";

const SHAPE =
  '{"id","source","instruction","candidates":[paths…],"preferred":0|1|"tie" | "ranking":"B>A" | "scores":[…],"category"?,"mask"?,"requirement"?}';

/**
 * EditJudge's own benchmark format, JSONL or a JSON array: image paths are resolved relative to the
 * file. The pairwise form `{…,"candidates":[a,b],"preferred":0|1|"tie"}` is the original one.
 */
export async function readItemsJson(paths: readonly string[]): Promise<BenchDataset> {
  const items: BenchItem[] = [];
  for (const file of paths) {
    const base = dirname(file);
    for (const { line, value } of await readJsonRecords(file)) {
      const fail = (what: string) => new InputError(file, `${file}:${line}: ${what}; expected ${SHAPE}`);
      if (typeof value !== "object" || value === null) throw fail("not an object");
      const row = value as Record<string, unknown>;
      const instruction = cellText(row.instruction);
      if (!instruction) throw fail('"instruction" is missing');
      const source = cellImage(row.source, "source", base);
      if (!source) throw fail('"source" is missing');
      if (!Array.isArray(row.candidates) || row.candidates.length === 0)
        throw fail('"candidates" must list image paths');
      const candidates = row.candidates.map((c, k) => {
        const image = cellImage(c, `candidate-${k}`, base);
        if (!image) throw fail(`candidates[${k}] is not an image path`);
        return image;
      });
      const human = labelFromRow(row, candidates.length);
      if (typeof human === "string") throw fail(human);
      const mask = row.mask == null ? null : cellImage(row.mask, "mask", base);
      if (row.mask != null && !mask) throw fail('"mask" is not an image path');
      const requirement = requirementCell(row.requirement);
      if (!requirement) throw fail('"requirement" is not text');
      items.push({
        ...(mask ? { mask } : {}),
        ...requirement,
        id: cellText(row.id) ?? `${basename(file)}:${line}`,
        category: cellText(row.category) ?? "all",
        instruction,
        source,
        candidates,
        candidateNames: candidates.map((c, k) => (c.kind === "path" ? basename(c.path) : `candidate-${k}`)),
        human,
      });
    }
  }
  const pairwise = items.every((i) => i.human.kind === "ranking" && i.candidates?.length === 2);
  const primaryMetric = pairwise
    ? "pairwise-strict"
    : items.some((i) => i.human.kind === "scores")
      ? "spearman-fisher-z"
      : "group-accuracy";
  return { format: "editjudge-json", primaryMetric, items, stored: {} };
}
