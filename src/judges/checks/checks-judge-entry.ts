import type { JudgeEntry } from "../judge-entry.js";
import { ChecksJudge } from "./checks-judge.js";

export const checksJudgeEntry: JudgeEntry = {
  id: "checks",
  description:
    "Embedded default: parses the instruction into principles and verifies them with image analysis; no model server",
  needsBackend: false,
  create: () => new ChecksJudge(),
};
