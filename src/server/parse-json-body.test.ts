import { describe, expect, it } from "vitest";
import { seededRng } from "../metrics/seeded-rng.js";
import { type JsonPath, liftLongStrings, parseJsonBody } from "./parse-json-body.js";

const parseJsonBytes = (bytes: Buffer, liftBytes?: number) =>
  parseJsonBody(bytes, undefined, liftBytes).value;

const LIFT = 16; // small threshold so short test strings are lifted
const bytesOf = (value: unknown) => Buffer.from(JSON.stringify(value), "utf8");

function syntaxErrorOf(text: string): string {
  try {
    JSON.parse(text);
  } catch (error) {
    return (error as Error).message;
  }
  throw new Error(`expected ${text} to be malformed`);
}

describe("parseJsonBody", () => {
  it("returns what JSON.parse returns for bodies with long base64 strings", () => {
    const b64 = Buffer.alloc(3000, 7).toString("base64");
    const body = {
      judge: "checks",
      source: `data:image/png;base64,${b64}`,
      instruction: "make it brighter",
      candidates: [b64, { base64: b64 }, { path: "a/b.png" }],
    };
    expect(parseJsonBytes(bytesOf(body), LIFT)).toEqual(body);
    expect(parseJsonBytes(bytesOf(body))).toEqual(body);
  });

  it("keeps escapes, escaped quotes and non-ASCII text exact (those literals are left to JSON.parse)", () => {
    const body = {
      a: 'quote " inside and a backslash \\ then more text to pass the threshold',
      b: "ends with a backslash \\",
      c: "tab\tnewline\nunicode é ✓ 🙂 and enough characters to be long",
      d: "\\\\\\", // runs of backslashes before a quote
      d2: ["\\\\", "   ", "\\"],
      e: ["x".repeat(40), "y", "z".repeat(17)],
      "key that is long enough to be lifted too": 1,
    };
    expect(parseJsonBytes(bytesOf(body), LIFT)).toEqual(body);
    expect(parseJsonBytes(Buffer.from(JSON.stringify(body, null, 20)), LIFT)).toEqual(body);
  });

  it("matches JSON.parse on random documents", () => {
    const random = seededRng(11);
    const alphabet = ['"', "\\", "a", "Z", "0", "+", "/", "=", "é", "\n", " ", "{", "}", ":", ","];
    const plain = ["a", "Z", "0", "+", "/", "="];
    const randomString = () => {
      const length = Math.floor(random() * 60);
      const chars = random() < 0.5 ? plain : alphabet;
      let s = "";
      for (let i = 0; i < length; i++) s += chars[Math.floor(random() * chars.length)];
      return s;
    };
    const randomValue = (depth: number): unknown => {
      const kind = Math.floor(random() * (depth > 2 ? 3 : 5));
      if (kind === 0) return randomString();
      if (kind === 1) return Math.round(random() * 1000) / 10;
      if (kind === 2) return random() < 0.5 ? null : random() < 0.5;
      if (kind === 3) return Array.from({ length: Math.floor(random() * 4) }, () => randomValue(depth + 1));
      return Object.fromEntries(
        Array.from({ length: Math.floor(random() * 4) }, () => [randomString(), randomValue(depth + 1)]),
      );
    };
    const stringsOf = (value: unknown): string[] =>
      typeof value === "string"
        ? [value]
        : Array.isArray(value)
          ? value.flatMap(stringsOf)
          : value && typeof value === "object"
            ? Object.values(value).flatMap(stringsOf)
            : [];
    const longLiterals = (value: unknown) =>
      stringsOf(value).filter((s) => s.length >= LIFT && /^[\x20-\x7e]*$/.test(s) && !/["\\]/.test(s));
    let liftedCount = 0;
    for (let i = 0; i < 300; i++) {
      const value = { doc: randomValue(0) };
      for (const text of [JSON.stringify(value), JSON.stringify(value, null, 12)]) {
        // Exactly the long plain value literals are lifted, and what is left is still valid JSON.
        const body = liftLongStrings(Buffer.from(text), LIFT);
        const lifted = body
          ? stringsOf(JSON.parse(body.text))
              .filter((s) => body.lifted.bytesOf(s) !== undefined)
              .map((s) => body.lifted.text(s))
          : [];
        expect(lifted).toEqual(longLiterals(value));
        liftedCount += lifted.length;
      }
      expect(parseJsonBytes(bytesOf(value), LIFT)).toEqual(value);
      // Pretty-printed: long runs of whitespace between literals must never be taken for a literal.
      expect(parseJsonBytes(Buffer.from(JSON.stringify(value, null, 12)), LIFT)).toEqual(value);
    }
    expect(liftedCount).toBeGreaterThan(50);
  });

  it("leaves placeholders only where asked, and gives identical literals one placeholder", () => {
    const b64 = Buffer.alloc(100, 3).toString("base64");
    const other = Buffer.alloc(100, 4).toString("base64");
    const body = { source: b64, candidates: [b64, { base64: other }], note: other };
    const keep = (path: JsonPath) => path[0] !== "note";
    const { value, lifted } = parseJsonBody(bytesOf(body), keep, LIFT);
    const parsed = value as { source: string; candidates: [string, { base64: string }]; note: string };
    expect(parsed.note).toBe(other);
    expect(parsed.source).not.toBe(b64);
    expect(parsed.candidates[0]).toBe(parsed.source);
    expect(lifted?.text(parsed.source)).toBe(b64);
    expect(lifted?.bytesOf(parsed.candidates[1].base64)?.toString()).toBe(other);
    expect(lifted?.bytesOf(b64)).toBeUndefined();
  });

  it("keeps many distinct literals of one length apart, and still shares a recent duplicate", () => {
    const values = Array.from({ length: 200 }, (_, i) => `${String(i).padStart(4, "0")}${"A".repeat(40)}`);
    const body = { candidates: [...values, values[199]] };
    const { value, lifted } = parseJsonBody(bytesOf(body), () => true, LIFT);
    const candidates = (value as { candidates: string[] }).candidates;
    expect(candidates.map((c) => lifted?.text(c))).toEqual(body.candidates);
    expect(new Set(candidates).size).toBe(200);
  });

  it("never turns a client string into a lifted value", () => {
    const body = { a: "\u0000deadbeefdeadbeef:0", b: "B".repeat(40) };
    expect(parseJsonBytes(bytesOf(body), LIFT)).toEqual(body);
  });

  it("throws JSON.parse's own error, positions included, for malformed bodies", () => {
    const long = "A".repeat(64);
    for (const text of [
      `{"a": "${long}", }`,
      `{"a": "${long}" "b": 1}`,
      `{"a": "${long}`,
      `{"a": "${long}"}}`,
      `{"a": ${long}}`,
      "",
      '{"a": "b\\"}',
    ]) {
      expect(() => parseJsonBytes(Buffer.from(text), LIFT), text).toThrow(syntaxErrorOf(text));
    }
  });

  it("accepts raw control characters only inside lifted literals (documented leniency)", () => {
    const text = `{"a": "${"A".repeat(20)}\u0001${"A".repeat(20)}"}`;
    expect(() => JSON.parse(text)).toThrow();
    expect(parseJsonBytes(Buffer.from(text), LIFT)).toEqual({
      a: `${"A".repeat(20)}\u0001${"A".repeat(20)}`,
    });
  });
});
