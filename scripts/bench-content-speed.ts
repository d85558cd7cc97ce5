/**
 * Speed of the content checks: time per candidate with OCR + object detection + faces on 768×512 photos,
 * and how many times the models load for one case with 10 candidates (must be once each).
 *   npx tsx scripts/bench-content-speed.ts
 */
import { availableParallelism } from "node:os";
import sharp from "sharp";
import { loadHuman } from "../src/content/load-human.js";
import { loadOcr } from "../src/content/load-ocr.js";
import type { DecodedImage } from "../src/contract/image.js";
import { ChecksJudge } from "../src/judges/checks/checks-judge.js";
import { ModelContentStage } from "../src/judges/checks/model-content-stage.js";
import { sharedPath } from "../src/test-helpers/shared-path.js";

const PHOTOS = [
  "kodim01.png",
  "kodim02.png",
  "kodim03.png",
  "kodim05.png",
  "kodim07.png",
  "kodim08.png",
  "kodim11.png",
  "kodim12.png",
  "kodim06.png",
  "kodim09.png",
];

async function decoded(name: string, overlay: string | null): Promise<DecodedImage> {
  let s = sharp(sharedPath("photos/kodim05.png")).resize(768, 512, { fit: "cover" });
  if (name !== "source")
    s = sharp(await sharp(sharedPath("photos", name)).resize(768, 512, { fit: "cover" }).png().toBuffer());
  const svg = overlay
    ? [
        {
          input: Buffer.from(
            `<svg width="768" height="512"><text x="384" y="90" font-size="64" font-family="DejaVu Sans" font-weight="bold" fill="white" stroke="black" stroke-width="2" text-anchor="middle">${overlay}</text></svg>`,
          ),
        },
      ]
    : [];
  const png = await s.composite(svg).removeAlpha().png().toBuffer();
  const { data, info } = await sharp(png).raw().toBuffer({ resolveWithObject: true });
  return {
    name,
    width: info.width,
    height: info.height,
    rgb: new Uint8Array(data),
    hadAlpha: false,
    format: "png",
    sha256: `${name}:${overlay}`,
    encoded: png,
  };
}

const loads = { ocr: 0, vision: 0 };
const loadMs = { ocr: 0, vision: 0 };
const timed =
  <T>(key: "ocr" | "vision", load: () => Promise<T>) =>
  async () => {
    loads[key]++;
    const t = performance.now();
    const engine = await load();
    loadMs[key] += performance.now() - t;
    return engine;
  };
const stage = new ModelContentStage({
  loaders: { ocr: timed("ocr", loadOcr), vision: timed("vision", loadHuman) },
});
const judge = new ChecksJudge({ contentStage: stage });
const source = await decoded("source", null);
const candidates = await Promise.all(PHOTOS.map((p, i) => decoded(p, i % 2 ? "SALE" : "SLAE")));
const started = performance.now();
const result = await judge.judge({
  source,
  instruction: "add the text 'SALE' at the top and add a person",
  candidates,
});
const total = performance.now() - started;
await judge.close();
const perCandidate = (total - loadMs.ocr - loadMs.vision) / candidates.length;
console.log(
  JSON.stringify(
    {
      cores: availableParallelism(),
      candidates: candidates.length,
      size: "768x512",
      modelLoads: loads,
      modelLoadMs: { ocr: Math.round(loadMs.ocr), vision: Math.round(loadMs.vision) },
      totalMs: Math.round(total),
      msPerCandidateExcludingLoad: Math.round(perCandidate),
      rewards: result.candidates.map((c) => c.reward),
    },
    null,
    2,
  ),
);
