import type { Principle } from "../contract/principle.js";

/**
 * Turns an edit instruction into principles: a follow principle per requested change, a keep principle
 * for what must stay, and a quality principle. PLACEHOLDER: replaced by the rule-based parser.
 */
export function parseInstruction(instruction: string): Principle[] {
  return [
    {
      id: "follow-1",
      kind: "follow",
      text: instruction,
      op: { op: "unknown", reason: "parser not implemented" },
      origin: "parser",
    },
    {
      id: "keep-1",
      kind: "keep",
      text: "The content of the image is kept",
      scope: "content",
      origin: "parser",
    },
    {
      id: "quality-1",
      kind: "quality",
      text: "The result looks natural, without artifacts",
      origin: "parser",
    },
  ];
}
