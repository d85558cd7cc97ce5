import { describe, expect, it } from "vitest";
import { z } from "zod";
import type { ChatChoice } from "../../contract/backend.js";
import { JudgeOutputParseError } from "../../errors/judge-output-parse-error.js";
import { parseJsonAnswer } from "./json-answer.js";
import { expectedDigit, yesProbability } from "./token-probabilities.js";

const choice = (text: string, tops?: Array<Array<[string, number]>>, refusal?: string): ChatChoice => ({
  text,
  finishReason: "stop",
  logprobs: tops
    ? tops.map((top) => ({
        token: top[0]?.[0] ?? "",
        logprob: Math.log(top[0]?.[1] ?? 1),
        top: top.map(([token, p]) => ({ token, logprob: Math.log(p) })),
      }))
    : null,
  ...(refusal ? { refusal } : {}),
});

describe("yesProbability", () => {
  it("normalises P(yes) over yes/no variants of the first token that mentions them", () => {
    const p = yesProbability(
      choice("Yes", [
        [["\n", 0.9]],
        [
          [" Yes", 0.5],
          ["yes", 0.1],
          ["▁No", 0.2],
          ["Maybe", 0.2],
        ],
      ]),
    );
    expect(p?.pYes).toBeCloseTo(0.75, 6);
    expect(p?.mass).toBeCloseTo(0.8, 6);
  });

  it("is null without logprobs or without a yes/no alternative", () => {
    expect(yesProbability(choice("Yes"))).toBeNull();
    expect(yesProbability(choice("Perhaps", [[["Perhaps", 1]]]))).toBeNull();
  });
});

describe("expectedDigit", () => {
  it("is Σ p(d)·d over the digits 0..max, normalised", () => {
    const d = expectedDigit(
      choice("4", [
        [
          ["4", 0.4],
          ["5", 0.2],
          ["9", 0.2],
          ["three", 0.2],
        ],
      ]),
      5,
    );
    expect(d?.expected).toBeCloseTo((4 * 0.4 + 5 * 0.2) / 0.6, 6);
  });
});

describe("parseJsonAnswer", () => {
  const schema = z.object({ score: z.number().min(0).max(10) });

  it("reads JSON inside fences and prose", () => {
    expect(parseJsonAnswer(choice('Sure!\n```json\n{"score": 7}\n```'), schema, "x")).toEqual({ score: 7 });
  });

  it("raises a parse error carrying the raw text; never a default", () => {
    for (const text of ["no json here", '{"score": 11}', '{"score": ', '{"grade": 5}']) {
      const error = (() => {
        try {
          parseJsonAnswer(choice(text), schema, "x");
        } catch (e) {
          return e;
        }
      })();
      expect(error).toBeInstanceOf(JudgeOutputParseError);
      expect((error as JudgeOutputParseError).rawText).toBe(text);
    }
  });

  it("reports a refusal as such", () => {
    expect(() => parseJsonAnswer(choice("", undefined, "I can't help with that"), schema, "x")).toThrow(
      /refused.*can't help/,
    );
  });
});
