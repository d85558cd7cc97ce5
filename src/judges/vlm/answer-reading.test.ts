import { describe, expect, it } from "vitest";
import { z } from "zod";
import type { ChatChoice } from "../../contract/backend.js";
import { JudgeOutputParseError } from "../../errors/judge-output-parse-error.js";
import { parseJsonAnswer } from "./json-answer.js";
import { expectedDigit, massShortfall, yesProbability } from "./token-probabilities.js";

const choice = (
  text: string,
  tops?: Array<Array<[string, number]>>,
  refusal?: string,
  finishReason = "stop",
): ChatChoice => ({
  text,
  finishReason,
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
  it("normalises P(yes) over the yes/no spellings among the first token's alternatives", () => {
    const p = yesProbability(
      choice("Yes", [
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

  it("reads the first generated token only: a yes at the second token is not the answer", () => {
    const p = yesProbability(
      choice("\nYes", [
        [
          ["\n", 0.9],
          ["F", 0.1],
        ],
        [
          ["Yes", 0.9],
          ["No", 0.1],
        ],
      ]),
    );
    expect(p).toEqual({ pYes: null, mass: 0, firstToken: "\n" });
  });

  it("is null without logprobs", () => {
    expect(yesProbability(choice("Yes"))).toBeNull();
  });
});

describe("expectedDigit", () => {
  it("is Σ p(d)·d over the digits 0..max at the first token, normalised, with their mass", () => {
    const d = expectedDigit(
      choice("4", [
        [
          ["4", 0.4],
          [" 5", 0.2],
          ["9", 0.2],
          ["three", 0.2],
        ],
        [["5", 1]],
      ]),
      5,
    );
    expect(d?.expected).toBeCloseTo((4 * 0.4 + 5 * 0.2) / 0.6, 6);
    expect(d?.mass).toBeCloseTo(0.6, 6);
  });

  it("has no expectation when no digit is among the first token's alternatives, even if a later one is", () => {
    const d = expectedDigit(choice("F3", [[["F", 0.7]], [["3", 0.9]]]), 5);
    expect(d).toMatchObject({ expected: null, mass: 0, firstToken: "F" });
  });
});

describe("massShortfall", () => {
  it("passes a mass at or above the threshold and explains one below it", () => {
    expect(massShortfall(0.5, 0.5, "the digits 0–5")).toBeNull();
    expect(massShortfall(0.0014, 0.5, "the tokens yes/no")).toMatch(
      /the tokens yes\/no hold 0\.14 % .* below the 0\.5 needed \(--min-probability-mass\)/,
    );
    expect(massShortfall(0, 0, "x")).not.toBeNull();
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

  it("says a reply cut at max tokens was cut, naming the limit, instead of a JSON error", () => {
    const cut = choice('{"reasoning": "the edit', undefined, undefined, "length");
    expect(() => parseJsonAnswer(cut, schema, "firm", 512)).toThrow(
      /the firm reply was cut off at the max-tokens limit of 512 tokens \(finish_reason "length"\).*raise --max-tokens/,
    );
    expect(() => parseJsonAnswer(choice('{"reasoning": "the edit'), schema, "firm", 512)).toThrow(
      /holds no JSON object/,
    );
    // a complete answer is read even when the server went on to the limit after it
    expect(
      parseJsonAnswer(choice('{"score": 3} and more', undefined, undefined, "length"), schema, "x"),
    ).toEqual({
      score: 3,
    });
  });

  it("reports a refusal as such", () => {
    expect(() => parseJsonAnswer(choice("", undefined, "I can't help with that"), schema, "x")).toThrow(
      /refused.*can't help/,
    );
  });
});
