import sharp from "sharp";
import { describe, expect, it } from "vitest";
import { runJudge } from "./run-judge.js";

const png = (width: number, height: number) =>
  sharp({ create: { width, height, channels: 3, background: "#6688aa" } })
    .png({ compressionLevel: 1 })
    .toBuffer();

describe("runJudge: what a library caller gets wrong is refused naming it", () => {
  const image = async () => ({ kind: "bytes" as const, bytes: await png(32, 24), name: "a.png" });

  it.each([
    ["no edit", () => ({ judgeId: "checks" }), /the edit case is missing/],
    [
      "instruction a number",
      async () => ({
        judgeId: "checks",
        edit: { source: await image(), instruction: 42, candidates: [await image()] },
      }),
      /instruction must be text, got a number/,
    ],
    [
      "no candidates list",
      async () => ({ judgeId: "checks", edit: { source: await image(), instruction: "x" } }),
      /candidates must be a list of images, got nothing/,
    ],
    [
      "a source given as a plain path",
      async () => ({
        judgeId: "checks",
        edit: { source: "photo.png", instruction: "x", candidates: [await image()] },
      }),
      /source must be an image input, .*got the text "photo\.png"/,
    ],
    [
      "an image of an unknown kind",
      async () => ({
        judgeId: "checks",
        edit: { source: await image(), instruction: "x", candidates: [{ kind: "url", url: "http://x" }] },
      }),
      /candidates\[0\] has kind the text "url"/,
    ],
    [
      "bytes that are text",
      async () => ({
        judgeId: "checks",
        edit: {
          source: await image(),
          instruction: "x",
          candidates: [{ kind: "bytes", bytes: "abc", name: "s" }],
        },
      }),
      /candidates\[0\]\.bytes must be a Uint8Array/,
    ],
    [
      "principles not a list",
      async () => ({
        judgeId: "checks",
        edit: { source: await image(), instruction: "x", candidates: [await image()], principles: "x" },
      }),
      /principles must be a list of texts/,
    ],
    [
      "a misspelt setting",
      async () => ({
        judgeId: "checks",
        settings: { contnet: "off" },
        edit: { source: await image(), instruction: "x", candidates: [await image()] },
      }),
      /checks judge settings: unknown setting "contnet"/,
    ],
    [
      "settings not an object",
      async () => ({
        judgeId: "checks",
        settings: "content=off",
        edit: { source: await image(), instruction: "x", candidates: [await image()] },
      }),
      /settings must be an object/,
    ],
    [
      "a limit that is not a positive integer",
      async () => ({
        judgeId: "checks",
        limits: { maxFileBytes: -5 },
        edit: { source: await image(), instruction: "x", candidates: [await image()] },
      }),
      /limits\.maxFileBytes must be a positive integer/,
    ],
  ])("%s", async (_, request, message) => {
    await expect(runJudge((await request()) as never)).rejects.toThrow(message);
  });

  it("keeps the default pixel limit when limits names only another one, and reads settings.maxPixels", async () => {
    const edit = async () => ({
      source: { kind: "bytes" as const, bytes: await png(200, 100), name: "big.png" },
      instruction: "make it brighter",
      candidates: [await image()],
    });
    const settings = { content: "off", workers: 0, maxPixels: 10_000 };
    await expect(runJudge({ judgeId: "checks", settings, edit: await edit() })).rejects.toThrow(
      /big\.png: image is 200×100 = 20000 px, over the 10000 px limit/,
    );
    await expect(
      runJudge({ judgeId: "checks", settings, limits: { maxFileBytes: 1e9 }, edit: await edit() }),
    ).rejects.toThrow(/over the 10000 px limit/);
    const ok = await runJudge({
      judgeId: "checks",
      settings: { content: "off", workers: 0 },
      limits: { maxFileBytes: 1e9 },
      edit: await edit(),
    });
    expect(ok.candidates).toHaveLength(1);
  });
});
