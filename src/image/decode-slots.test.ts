import { availableParallelism } from "node:os";
import pLimit from "p-limit";
import sharp from "sharp";
import { describe, expect, it } from "vitest";
import type { ImageInput } from "../contract/image.js";
import { type DecodeSlots, decodeSlots, prepareCase } from "./prepare-case.js";

const png = async (red: number, name: string): Promise<ImageInput> => ({
  kind: "bytes",
  name,
  bytes: new Uint8Array(
    await sharp({ create: { width: 32, height: 32, channels: 3, background: { r: red, g: 0, b: 0 } } })
      .png()
      .toBuffer(),
  ),
});

describe("decode slots shared by cases prepared at once", () => {
  it("routes every decode of every case through the slots, never more at once than they allow", async () => {
    const limit = pLimit(1);
    let active = 0;
    let most = 0;
    let decodes = 0;
    const slots: DecodeSlots = (decode) =>
      limit(async () => {
        active++;
        decodes++;
        most = Math.max(most, active);
        try {
          return await decode();
        } finally {
          active--;
        }
      });
    const cases = await Promise.all(
      [0, 1, 2].map(async (k) => ({
        source: await png(10 * k, `s${k}`),
        instruction: "make it brighter",
        candidates: [await png(10 * k + 1, `a${k}`), await png(10 * k + 2, `b${k}`)],
      })),
    );
    const prepared = await Promise.all(cases.map((c) => prepareCase(c, undefined, { slots })));
    expect(decodes).toBe(9);
    expect(most).toBe(1);
    const plain = await Promise.all(cases.map((c) => prepareCase(c)));
    expect(prepared.map((p) => [p.source.sha256, ...p.candidates.map((c) => c.sha256)])).toEqual(
      plain.map((p) => [p.source.sha256, ...p.candidates.map((c) => c.sha256)]),
    );
  });

  it("has one slot per core by default", async () => {
    const slots = decodeSlots() as DecodeSlots & { concurrency: number };
    expect(slots.concurrency).toBe(availableParallelism());
    expect((decodeSlots(0) as DecodeSlots & { concurrency: number }).concurrency).toBe(1);
  });
});
