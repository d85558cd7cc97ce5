import type { Principle } from "../contract/principle.js";
import { createInstructionParser } from "./instruction-parser.js";

/**
 * Turns an edit instruction into principles: a follow principle per requested change, a keep principle
 * for what must stay, and a quality principle. Loads the language model on every call (~0.1 s); to parse
 * many instructions, create one parser with `createInstructionParser()` and reuse it.
 */
export function parseInstruction(instruction: string): Principle[] {
  return createInstructionParser().parse(instruction);
}
