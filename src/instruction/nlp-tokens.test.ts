import { describe, expect, it } from "vitest";
import { createInstructionParser } from "./instruction-parser.js";
import { createTokenizer } from "./nlp-tokens.js";

describe("wink's model, loaded once per process", () => {
  it("gives every caller the same tokenizer, so 40 parsers (as 40 runJudge calls make) all work", () => {
    expect(createTokenizer()).toBe(createTokenizer());
    // Loading wink's model again each time ran out of string length at about the 21st load.
    for (let i = 0; i < 40; i++)
      expect(createInstructionParser().parse("make it brighter")[0]?.kind).toBe("follow");
    expect(createTokenizer()("make the colours brighter")[2]?.lemma).toBe("color");
  });
});
