import { describe, expect, it } from "vitest";
import { toEditRow } from "./row-images.js";

describe("toEditRow: the instruction field", () => {
  it("says what the field is when it is not text, and that it is missing or empty otherwise", () => {
    const row = (instruction: unknown) => () =>
      toEditRow({ instruction, source: "a.png", edited: "b.png" }, "/data/rows.jsonl");
    expect(row(42)).toThrow('field "instruction" is a number, not text');
    expect(row(["x"])).toThrow('field "instruction" is a list, not text');
    expect(row(undefined)).toThrow('field "instruction" is missing or empty');
    expect(row("  ")).toThrow('field "instruction" is missing or empty');
  });
});
