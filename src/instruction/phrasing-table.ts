import { describeFollow } from "./describe-change.js";
import type { InstructionParser } from "./instruction-parser.js";

/** A row of a phrasing table: the instruction and the follow principles it must produce, in order. */
export type PhrasingRow = readonly [instruction: string, expected: readonly string[]];

/** The follow principles an instruction yields, described compactly ("brightness:up@top half"). */
export function followsOf(parser: InstructionParser, instruction: string): string[] {
  return parser
    .parse(instruction)
    .filter((p) => p.kind === "follow")
    .map(describeFollow);
}
