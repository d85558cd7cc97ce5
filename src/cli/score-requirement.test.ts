import { describe, expect, it } from "vitest";
import { InputError } from "../errors/input-error.js";
import { prepareCase } from "../image/prepare-case.js";
import { solidPngBase64 } from "../server/test-fixtures.js";
import { type ScoreOptions, scoreCase } from "./commands/score.js";

const flags: ScoreOptions = {
  source: "s.png",
  instruction: "make it brighter",
  candidate: ["a.png"],
  judge: "logit",
};

describe("editjudge score --requirement", () => {
  it("becomes the case's metadata.requirement, trimmed", () => {
    expect(scoreCase({ ...flags, requirement: "  only the sky changes " }).metadata).toEqual({
      requirement: "only the sky changes",
    });
  });

  it("leaves the case without metadata when absent", () => {
    expect(scoreCase(flags)).not.toHaveProperty("metadata");
  });

  it("refuses an empty requirement naming the flag", () => {
    expect(() => scoreCase({ ...flags, requirement: "  " })).toThrow(InputError);
    expect(() => scoreCase({ ...flags, requirement: "" })).toThrow(/--requirement is empty/);
  });

  it("reaches the prepared case the judge gets", async () => {
    const png = { kind: "bytes" as const, bytes: Buffer.from(await solidPngBase64(90), "base64"), name: "p" };
    const edit = { ...scoreCase({ ...flags, requirement: "sky only" }), source: png, candidates: [png] };
    expect((await prepareCase(edit)).metadata).toEqual({ requirement: "sky only" });
  });
});
