import { existsSync } from "node:fs";
import { fileURLToPath, pathToFileURL } from "node:url";
import sharp from "sharp";
import { describe, expect, it } from "vitest";
import { prepareCase } from "../../image/prepare-case.js";
import { ChecksJudge } from "./checks-judge.js";

// The pool runs the compiled worker, so this test uses the built package (`npm test` builds first).
const BUILT = fileURLToPath(new URL("../../../dist/judges/checks/checks-judge.js", import.meta.url));

describe("PixelPool", () => {
  it("gives the same result in two worker threads as in this thread", async () => {
    expect(existsSync(BUILT), `${BUILT} is missing: run \`npm run build\` (npm test does it first)`).toBe(
      true,
    );
    const built = (await import(pathToFileURL(BUILT).href)) as typeof import("./checks-judge.js");
    const source = await sharp("../shared/photos/kodim05.png").resize(256, 170).png().toBuffer();
    const edits = [
      (s: sharp.Sharp) => s.linear(1, 20),
      (s: sharp.Sharp) => s.rotate(90),
      (s: sharp.Sharp) => s.blur(2),
      (s: sharp.Sharp) => s,
    ];
    const candidates = await Promise.all(
      edits.map(async (e, i) => ({
        kind: "bytes" as const,
        bytes: new Uint8Array(await e(sharp(source)).png().toBuffer()),
        name: `c${i}`,
      })),
    );
    const edit = await prepareCase({
      source: { kind: "bytes", bytes: new Uint8Array(source), name: "s" },
      instruction: "make it brighter",
      candidates,
    });
    const pooled = new built.ChecksJudge({ workers: 2 });
    const local = new ChecksJudge();
    try {
      const [a, b] = [await pooled.judge(edit), await local.judge(edit)];
      expect(a.candidates.length).toBe(4);
      expect(JSON.stringify(a)).toBe(JSON.stringify(b));
    } finally {
      await pooled.close();
    }
  });
});
