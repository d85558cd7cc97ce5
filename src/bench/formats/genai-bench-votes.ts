import { readdir, stat } from "node:fs/promises";
import { basename, join } from "node:path";
import { InputError } from "../../errors/input-error.js";
import type { BenchDataset, BenchItem, JudgePrediction } from "../bench-item.js";
import { cellText } from "./cells.js";
import { readJsonRecords } from "./read-jsonl.js";
import { parseHumanVote, parseModelVote, voteToLabel } from "./vote4.js";

const SUFFIX = ".pairwise.jsonl";

/** Judge name from a GenAI-Bench file name: "gpt4o.pairwise.jsonl" → "gpt4o". */
export function genaiJudgeName(path: string): string {
  const name = basename(path);
  return name.endsWith(SUFFIX) ? name.slice(0, -SUFFIX.length) : name.replace(/\.jsonl?$/, "");
}

/** Expands a directory to its `*.pairwise.jsonl` files (sorted); files pass through. */
async function expand(paths: readonly string[]): Promise<string[]> {
  const out: string[] = [];
  for (const path of paths) {
    const info = await stat(path).catch(() => null);
    if (info?.isDirectory()) {
      const names = (await readdir(path)).filter((n) => n.endsWith(SUFFIX)).sort();
      if (names.length === 0) throw new InputError(path, `${path}: no *${SUFFIX} files in this directory`);
      out.push(...names.map((n) => join(path, n)));
    } else out.push(path);
  }
  return out;
}

/**
 * GenAI-Bench image-editing votes: one JSONL per judge with `idx`, `instruct_prompt`, `human_vote`
 * and the judge's stored `model_vote`. The human votes must agree across files. No images.
 */
export async function readGenaiBenchVotes(paths: readonly string[]): Promise<BenchDataset> {
  const files = await expand(paths);
  const items = new Map<string, BenchItem>();
  const stored: BenchDataset["stored"] = {};
  for (const file of files) {
    const judge = genaiJudgeName(file);
    const votes = new Map<string, JudgePrediction>();
    for (const { line, value } of await readJsonRecords(file)) {
      const row = value as Record<string, unknown>;
      const id = cellText(row.idx ?? row.id);
      const human = parseHumanVote(row.human_vote);
      if (id === null || human === null) {
        throw new InputError(
          file,
          `${file}:${line}: expected "idx" and "human_vote" (leftvote, rightvote, tievote or bothbad_vote)`,
        );
      }
      const existing = items.get(id);
      const label = voteToLabel(human);
      if (existing && JSON.stringify(existing.human) !== JSON.stringify(label)) {
        throw new InputError(file, `${file}:${line}: human_vote for idx ${id} differs from an earlier file`);
      }
      if (!existing) {
        items.set(id, {
          id,
          category: "all",
          instruction: cellText(row.instruct_prompt) ?? "",
          candidateNames: ["A", "B"],
          human: label,
        });
      }
      const raw = cellText(row.model_vote);
      votes.set(
        id,
        raw === null ? { kind: "vote", vote: null } : { kind: "vote", vote: parseModelVote(raw), raw },
      );
    }
    stored[judge] = votes;
  }
  return { format: "genai-bench", primaryMetric: "vote4-exact-match", items: [...items.values()], stored };
}
