import { existsSync } from "node:fs";
import { fileURLToPath, pathToFileURL } from "node:url";
import sharp from "sharp";
import { describe, expect, it } from "vitest";
import type { EditCase } from "../../contract/edit-case.js";
import type { ImageInput } from "../../contract/image.js";
import { prepareCase, prepareOptionsFor } from "../../image/prepare-case.js";
import { fixturePhoto } from "../../test-helpers/test-fixture.js";
import { ChecksJudge } from "./checks-judge.js";
import type { ContentStage } from "./content-stage.js";

// The pool runs the compiled worker, so the pooled test uses the built package (`npm test` builds first).
const BUILT = fileURLToPath(new URL("../../../dist/judges/checks/checks-judge.js", import.meta.url));

const bytes = async (s: sharp.Sharp, name: string): Promise<ImageInput> => ({
  kind: "bytes",
  bytes: new Uint8Array(await s.toBuffer()),
  name,
});

/** A 2100×1400 case (working factor 3): reduced images with full-resolution tiles. */
async function largeCase(): Promise<EditCase<ImageInput>> {
  const source = await sharp(fixturePhoto("kodim05.png")).resize(2100, 1400).png().toBuffer();
  return {
    source: { kind: "bytes", bytes: new Uint8Array(source), name: "s.png" },
    instruction: "blur the whole picture",
    candidates: await Promise.all([
      bytes(sharp(source).blur(3).png(), "blurred.png"),
      bytes(sharp(source).jpeg({ quality: 30 }), "jpeg.jpg"),
      bytes(sharp(source).png(), "same.png"),
    ]),
  };
}

/** A content stage that adds nothing and records the name and size of every image it is shown. */
function recordingStage(seen: string[]): ContentStage {
  const note = (image: { name: string; width: number; height: number; rgb: Uint8Array }) => {
    expect(image.rgb.length).toBe(image.width * image.height * 3);
    return `${image.name} ${image.width}×${image.height}`;
  };
  return {
    principlesFor: async (edit, parsed) => {
      seen.push(note(edit.source), ...edit.candidates.map(note));
      return [...parsed];
    },
    verify: async () => null,
  };
}

describe("ChecksJudge.compactImage", () => {
  it("keeps large images reduced, drops their pixels, and judges them exactly as the full images", async () => {
    const edit = await largeCase();
    const judge = new ChecksJudge();
    const full = await prepareCase(edit);
    const compact = await prepareCase(edit, undefined, prepareOptionsFor(judge));
    for (const image of [compact.source, ...compact.candidates]) {
      expect(image.rgb.length).toBe(0);
      expect([image.width, image.height]).toEqual([2100, 1400]);
    }
    expect(compact.source.sha256).toBe(full.source.sha256);
    expect(JSON.stringify(await judge.judge(compact))).toBe(JSON.stringify(await judge.judge(full)));
  });

  it("gives the same result compacted for the worker pool as in this thread on the full images", async () => {
    expect(existsSync(BUILT), `${BUILT} is missing: run \`npm run build\` (npm test does it first)`).toBe(
      true,
    );
    const built = (await import(pathToFileURL(BUILT).href)) as typeof import("./checks-judge.js");
    const edit = await largeCase();
    const pooled = new built.ChecksJudge({ workers: 2 });
    try {
      const compact = await prepareCase(edit, undefined, prepareOptionsFor(pooled));
      expect(compact.candidates[0]?.rgb.length).toBe(0);
      expect(JSON.stringify(await pooled.judge(compact))).toBe(
        JSON.stringify(await new ChecksJudge().judge(await prepareCase(edit))),
      );
    } finally {
      await pooled.close();
    }
  });

  it("leaves images it analyses as given", async () => {
    const small = await prepareCase({
      source: { kind: "path", path: fixturePhoto("kodim01.png") },
      instruction: "make it brighter",
      candidates: [{ kind: "path", path: fixturePhoto("kodim12.png") }],
    });
    const judge = new ChecksJudge();
    expect(judge.compactImage(small.source, small.source)).toBe(small.source);
    const withContent = new ChecksJudge({ contentStage: recordingStage([]) });
    expect(withContent.compactImage(small.source, small.source)).toBe(small.source);
    const large = { ...small.source, width: 2100, height: 1400, rgb: new Uint8Array(2100 * 1400 * 3) };
    expect(judge.compactImage(large, large).rgb.length).toBe(0);
    expect(withContent.compactImage(large, large).rgb.length).toBe(0);
    // with content models, an image they read as it is (≤ 2048 px) stays whole rather than held twice
    const medium = { ...small.source, width: 1500, height: 1000, rgb: new Uint8Array(1500 * 1000 * 3) };
    expect(withContent.compactImage(medium, medium)).toBe(medium);
    expect(judge.compactImage(medium, medium).rgb.length).toBe(0);
  });

  it("with content models too: they read each image at most CONTENT_SIDE, the same compacted or not", async () => {
    const edit = await largeCase();
    const seen: string[] = [];
    const judge = new ChecksJudge({ contentStage: recordingStage(seen) });
    const full = JSON.stringify(await judge.judge(await prepareCase(edit)));
    const fullSeen = seen.splice(0);
    const compact = await prepareCase(edit, undefined, prepareOptionsFor(judge));
    expect(compact.source.rgb.length).toBe(0);
    expect(JSON.stringify(await judge.judge(compact))).toBe(full);
    // 2100×1400 is over 2048: the models get it halved, by name, and each candidate the same way
    expect(fullSeen).toEqual([
      "s.png 1050×700",
      "blurred.png 1050×700",
      "jpeg.jpg 1050×700",
      "same.png 1050×700",
    ]);
    expect(seen).toEqual(fullSeen);
  });

  it("refuses, by name, an image another judge compacted", async () => {
    const edit = await largeCase();
    const compact = await prepareCase(edit, undefined, prepareOptionsFor(new ChecksJudge()));
    await expect(new ChecksJudge().judge(compact)).rejects.toMatchObject({
      code: "image_compacted_elsewhere",
      message: expect.stringContaining("s.png"),
    });
  });
});

describe("prepareCase with a judge's compaction", () => {
  it("compacts the source with its own size and each candidate with the source's, never the mask", async () => {
    const seen: string[] = [];
    const compact = (image: { name: string }, source: { width: number; height: number }) => {
      seen.push(`${image.name} ${source.width}x${source.height}`);
      return image as never;
    };
    const photo = (name: "kodim01.png" | "kodim05.png" | "kodim12.png") => ({
      kind: "path" as const,
      path: fixturePhoto(name),
    });
    await prepareCase(
      {
        source: photo("kodim01.png"),
        mask: photo("kodim05.png"),
        instruction: "remove the object",
        candidates: [photo("kodim12.png"), photo("kodim05.png")],
      },
      undefined,
      { compact },
    );
    expect(seen[0]).toBe(`${fixturePhoto("kodim01.png")} 768x512`);
    expect(seen.slice(1).sort()).toEqual(
      [`${fixturePhoto("kodim05.png")} 768x512`, `${fixturePhoto("kodim12.png")} 768x512`].sort(),
    );
  });

  it("fails on a source that does not decode, without waiting on it for ever", async () => {
    const compact = (image: never) => image;
    await expect(
      prepareCase(
        {
          source: { kind: "bytes", bytes: new Uint8Array([1, 2, 3, 4]), name: "broken.png" },
          instruction: "make it brighter",
          candidates: [{ kind: "path", path: fixturePhoto("kodim12.png") }],
        },
        undefined,
        { compact },
      ),
    ).rejects.toMatchObject({ message: expect.stringContaining("broken.png") });
  });
});
