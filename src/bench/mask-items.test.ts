import { existsSync } from "node:fs";
import { mkdtemp } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ChecksJudge } from "../judges/checks/checks-judge.js";
import { writeMaskDatasets } from "../test-helpers/mask-datasets.js";
import { readDataset } from "./formats/read-dataset.js";
import { runJudgeOnItems } from "./run-judge-on-items.js";

const PHOTO = fileURLToPath(new URL("../../../shared/photos/kodim05.png", import.meta.url));
const HAVE_PHOTO = existsSync(PHOTO);
if (!HAVE_PHOTO) console.warn(`bench mask tests skipped: ${PHOTO} is missing (../shared/photos)`);

let files: Awaited<ReturnType<typeof writeMaskDatasets>>;
const judge = new ChecksJudge();

beforeAll(async () => {
  if (!HAVE_PHOTO) return;
  files = await writeMaskDatasets(await mkdtemp(join(tmpdir(), "editjudge-bench-mask-")), PHOTO);
}, 60_000);
afterAll(() => judge.close());

describe.skipIf(!HAVE_PHOTO)("bench items with a mask", () => {
  for (const kind of ["pairwise JSONL", "HF Parquet"] as const) {
    it(`${kind}: reads the mask and the judge prefers the inpainting over the spill`, async () => {
      const ds = await readDataset([kind === "pairwise JSONL" ? files.benchJsonl : files.benchParquet]);
      const item = ds.items[0];
      expect(item?.mask).toBeDefined();
      const scores = (await runJudgeOnItems(ds.items, { judge })).get(item?.id ?? "");
      expect(scores?.kind === "scores" && scores.error).toBeFalsy();
      const [spilled, inpainted] = scores?.kind === "scores" ? scores.scores : [];
      expect(inpainted as number).toBeGreaterThan(spilled as number);
      expect(spilled as number).toBeLessThan(0.5);
    });
  }
});
