import type { Principle } from "../contract/principle.js";
import { InputError } from "../errors/input-error.js";
import { analyseInstruction } from "./analyse-instruction.js";
import { buildPrinciples } from "./build-principles.js";
import { createTokenizer } from "./nlp-tokens.js";

/** Rule-based instruction → principles parser. Holds one loaded wink-nlp model; create once and reuse. */
export interface InstructionParser {
  parse(instruction: string): Principle[];
}

export function createInstructionParser(): InstructionParser {
  const tokenize = createTokenizer();
  return {
    parse(instruction: string): Principle[] {
      if (instruction.trim() === "") {
        throw new InputError(
          "instruction",
          'The instruction is empty. Pass the edit you asked for, e.g. --instruction "brighten the top half".',
        );
      }
      return buildPrinciples(analyseInstruction(tokenize, instruction));
    },
  };
}
