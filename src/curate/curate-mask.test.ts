import { existsSync } from "node:fs";
import { mkdtemp, readFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ChecksJudge } from "../judges/checks/checks-judge.js";
import { writeMaskDatasets } from "../test-helpers/mask-datasets.js";
import { runCurate } from "./run-curate.js";

const PHOTO = fileURLToPath(new URL("../../../shared/photos/kodim05.png", import.meta.url));
const HAVE_PHOTO = existsSync(PHOTO);
if (!HAVE_PHOTO) console.warn(`curate mask tests skipped: ${PHOTO} is missing (../shared/photos)`);

let dir = "";
let files: Awaited<ReturnType<typeof writeMaskDatasets>>;
const judge = new ChecksJudge();

beforeAll(async () => {
  if (!HAVE_PHOTO) return;
  dir = await mkdtemp(join(tmpdir(), "editjudge-curate-mask-"));
  files = await writeMaskDatasets(dir, PHOTO);
}, 60_000);
afterAll(() => judge.close());

const lines = async (path: string) =>
  (await readFile(path, "utf8"))
    .trim()
    .split("\n")
    .map((l) => JSON.parse(l) as { id: string; reward: number | null; reason?: string; mask?: string });

describe.skipIf(!HAVE_PHOTO)("curate reads a mask field or column", () => {
  for (const kind of ["JSONL", "Parquet"] as const) {
    it(`${kind}: keeps the inpainting, rejects the spill and a mask of another shape with the reason`, async () => {
      const input = kind === "JSONL" ? files.curateJsonl : files.curateParquet;
      const output = join(dir, `kept-${kind}.jsonl`);
      await runCurate({ input, output, judge, minReward: 0.5 });
      const kept = await lines(output);
      const rejected = await lines(`${output}.rejects.jsonl`);
      expect(kept.map((r) => r.id)).toEqual(["inpainted"]);
      expect(rejected.map((r) => r.id)).toEqual(["spilled", "wrong-mask"]);
      expect(rejected[0]?.reason).toMatch(/^reward 0\.\d+ < min-reward 0\.5/);
      expect(rejected[1]?.reason).toMatch(
        /^error mask_size_mismatch: mask( \S+)? is 256×256 but the source( \S+)? is 384×256/,
      );
      // JSONL output keeps the mask as the input had it: a path, or (Parquet) a {bytes, path} struct.
      const mask: unknown = kept[0]?.mask;
      expect(kind === "JSONL" ? mask : (mask as { path?: string } | undefined)?.path).toBe("mask.png");
    });
  }
});
