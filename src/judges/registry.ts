import { EditJudgeError } from "../errors/editjudge-error.js";
import { checksJudgeEntry } from "./checks/checks-judge-entry.js";
import type { JudgeEntry } from "./judge-entry.js";
import { VLM_JUDGE_ENTRIES } from "./vlm/vlm-judge-entries.js";

/** Every judge EditJudge knows, in the order `editjudge judges` lists them. */
export const JUDGE_REGISTRY: readonly JudgeEntry[] = [checksJudgeEntry, ...VLM_JUDGE_ENTRIES];

export function findJudge(id: string): JudgeEntry {
  const entry = JUDGE_REGISTRY.find((j) => j.id === id);
  if (!entry) {
    const known = JUDGE_REGISTRY.map((j) => j.id).join(", ");
    throw new EditJudgeError("unknown_judge", `unknown judge "${id}"; choose one of: ${known}`);
  }
  return entry;
}
