import sharp from "sharp";
import type { PreparedCase } from "../contract/edit-case.js";
import type { Judge, JudgeRunOptions } from "../contract/judge.js";
import type { JudgeResult } from "../contract/result.js";
import { rankCandidates } from "../scoring/aggregate.js";
import { pngChunk } from "../test-helpers/png-chunk.js";

/** A solid-colour PNG, base64-encoded. */
export async function solidPngBase64(red: number, size = 16): Promise<string> {
  const png = await sharp({
    create: { width: size, height: size, channels: 3, background: { r: red, g: 80, b: 120 } },
  })
    .png()
    .toBuffer();
  return png.toString("base64");
}

/** A tiny PNG whose header claims width × height pixels: a decompression bomb for the pixel limit. */
export function bombPng(width = 100_000, height = 100_000): Buffer {
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr.set([8, 2, 0, 0, 0], 8);
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    pngChunk("IHDR", ihdr),
    pngChunk("IDAT", Buffer.from([0x78, 0x9c, 0x03, 0x00, 0x00, 0x00, 0x00, 0x01])),
    pngChunk("IEND", Buffer.alloc(0)),
  ]);
}

/**
 * A judge for tests and benchmarks: reward = red channel of the first pixel / 255 (0 red → abstain),
 * optionally waiting on `gate` before answering.
 */
export function fakeJudge(id = "fake", gate?: (options: JudgeRunOptions) => Promise<void>): Judge {
  return {
    id,
    version: "test",
    async judge(edit: PreparedCase, options: JudgeRunOptions = {}): Promise<JudgeResult> {
      if (gate) await gate(options);
      const candidates = edit.candidates.map((image, index) => {
        const red = image.rgb[0] ?? 0;
        const reward = red === 0 ? null : red / 255;
        return {
          index,
          name: image.name,
          reward,
          ...(reward === null ? { rewardReason: "fake judge abstains on red 0" } : {}),
          dimensions: { instructionFollowing: reward, preservation: reward, quality: reward },
          verdicts: [],
        };
      });
      return {
        contractVersion: "1",
        judge: { id, version: "test" },
        instruction: edit.instruction,
        principles: [],
        candidates,
        ranking: rankCandidates(candidates.map((c) => c.reward)),
        notes: [],
      };
    },
  };
}
