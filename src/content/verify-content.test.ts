import { describe, expect, it } from "vitest";
import type { Principle } from "../contract/principle.js";
import type { Detection, Face, OcrLine } from "./content-types.js";
import { editDistance } from "./text-match.js";
import { CONTENT_THRESHOLDS } from "./thresholds.js";
import { cosine, verifyIdentity } from "./verify-identity.js";
import { verifyObjectOp } from "./verify-objects.js";
import { verifyTextOp } from "./verify-text.js";

const P: Principle = { id: "follow-1", kind: "follow", text: "t", origin: "parser" };
const t = { ...CONTENT_THRESHOLDS };
const line = (text: string, box: OcrLine["box"], confidence = 0.98): OcrLine => ({ text, confidence, box });
const det = (label: string, score: number, box: Detection["box"]): Detection => ({ label, score, box });

describe("text verification", () => {
  const top = line("SALE", [0.3, 0.05, 0.7, 0.2]);
  it("passes the requested text at the requested place and reports the edit distance", () => {
    const v = verifyTextOp(
      P,
      { op: "text-add", text: "sale", position: "top" },
      { source: [], candidate: [top], thresholds: t },
    );
    expect(v.status).toBe("pass");
    expect(v.evidence.measurements.editDistance).toBe(0);
  });
  it("fails a misspelling, the wrong place and no text", () => {
    const add = { op: "text-add", text: "SALE", position: "top" } as const;
    expect(
      verifyTextOp(P, add, { source: [], candidate: [line("SLAE", top.box)], thresholds: t }).status,
    ).toBe("fail");
    expect(
      verifyTextOp(P, add, { source: [], candidate: [line("SALE", [0.3, 0.8, 0.7, 0.95])], thresholds: t })
        .status,
    ).toBe("fail");
    expect(verifyTextOp(P, add, { source: [], candidate: [], thresholds: t }).status).toBe("fail");
  });
  it("checks replace in place and abstains on removing text the source lacks", () => {
    const replace = { op: "text-replace", from: "OPEN", to: "CLOSED" } as const;
    const src = [line("OPEN", top.box)];
    expect(
      verifyTextOp(P, replace, { source: src, candidate: [line("CLOSED", top.box)], thresholds: t }).status,
    ).toBe("pass");
    expect(verifyTextOp(P, replace, { source: src, candidate: src, thresholds: t }).status).toBe("fail");
    const remove = { op: "text-remove", text: "EXIT" } as const;
    expect(verifyTextOp(P, remove, { source: src, candidate: [], thresholds: t }).status).toBe("abstain");
  });
  it("measures Levenshtein distance", () => {
    expect(editDistance("SALE", "SLAE")).toBe(2);
    expect(editDistance("KITTEN", "SITTING")).toBe(3);
  });
});

describe("object verification", () => {
  const dog = det("dog", 0.8, [0.1, 0.5, 0.3, 0.9]);
  it("counts added and removed objects", () => {
    const add = { op: "object-add", object: "puppy", cocoClass: "dog", count: null } as const;
    expect(verifyObjectOp(P, add, { source: [], candidate: [dog], thresholds: t }).status).toBe("pass");
    expect(verifyObjectOp(P, add, { source: [dog], candidate: [dog], thresholds: t }).status).toBe("fail");
    const two = { ...add, count: 2 };
    expect(verifyObjectOp(P, two, { source: [], candidate: [dog], thresholds: t }).status).toBe("fail");
    const remove = { op: "object-remove", object: "dog", cocoClass: "dog" } as const;
    expect(verifyObjectOp(P, remove, { source: [dog], candidate: [], thresholds: t }).status).toBe("pass");
    expect(verifyObjectOp(P, remove, { source: [], candidate: [], thresholds: t }).status).toBe("abstain");
  });
  it("abstains on classes outside COCO, with the reason", () => {
    const v = verifyObjectOp(
      P,
      { op: "object-add", object: "unicorn", cocoClass: null, count: null },
      { source: [], candidate: [], thresholds: t },
    );
    expect(v.status).toBe("abstain");
    expect(v.reason).toContain("COCO");
    // Text named without its words is not an object: the reason says how to ask for it.
    const text = verifyObjectOp(
      P,
      { op: "object-remove", object: "text", cocoClass: null },
      { source: [], candidate: [], thresholds: t },
    );
    expect(text.status).toBe("abstain");
    expect(text.reason).toMatch(
      /names text without its words.*quote the words, e\.g\. remove the text "SALE"/,
    );
  });
  it("wants the new object where the old one was", () => {
    const op = { op: "object-replace", from: "dog", fromClass: "dog", to: "cat", toClass: "cat" } as const;
    const near = det("cat", 0.7, [0.12, 0.5, 0.3, 0.88]);
    const far = det("cat", 0.7, [0.7, 0.1, 0.9, 0.4]);
    expect(verifyObjectOp(P, op, { source: [dog], candidate: [near], thresholds: t }).status).toBe("pass");
    expect(verifyObjectOp(P, op, { source: [dog], candidate: [dog, far], thresholds: t }).status).toBe(
      "fail",
    );
  });
});

describe("identity verification", () => {
  const face = (embedding: number[]): Face => ({ score: 1, box: [0.4, 0.1, 0.6, 0.4], embedding });
  it("reports the raw cosine per face and fails another person", () => {
    expect(cosine([1, 0], [-1, 0])).toBe(-1);
    const same = verifyIdentity(P, [face([1, 0.1, 0])], [face([1, 0.12, 0])], 0.6);
    expect(same.status).toBe("pass");
    const other = verifyIdentity(P, [face([1, 0, 0])], [face([0, 1, 0])], 0.6);
    expect(other.status).toBe("fail");
    expect(other.evidence.measurements.faceCosines).toEqual([0]);
    expect(verifyIdentity(P, [face([1, 0, 0])], [], 0.6).status).toBe("fail");
  });
});
