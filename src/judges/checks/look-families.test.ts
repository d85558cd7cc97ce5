import { beforeAll, describe, expect, it } from "vitest";
import type { RgbImage } from "../../checks/pixels/rgb-image.js";
import {
  deliver,
  loadPhoto,
  posterizeRgb,
  sharedPhoto,
  vignetteRgb,
} from "../../checks/test-helpers/delivery.js";
import { mapPixels, withSharp } from "../../checks/test-helpers/synthetic-image.js";
import type { Verdict } from "../../contract/verdict.js";
import { createInstructionParser } from "../../instruction/instruction-parser.js";
import { SourceAnalysis } from "./pair-analysis.js";
import { verifyPixels } from "./verify-pixels.js";

const PHOTO = sharedPhoto("kodim05.png");
const parser = createInstructionParser();
let src: RgbImage;
/** Keep verdicts are checked on candidates saved as JPEG q90 at the source's size and sharpness. */
const JPEG_ONLY = { scale: 1, blur: 0 };
let source: SourceAnalysis;

function verdicts(instruction: string, candidate: RgbImage): Record<"follow" | "keep" | "quality", Verdict> {
  const principles = parser.parse(instruction);
  const ops = principles.flatMap((p) => (p.kind === "follow" && p.op ? [p.op.op] : []));
  const out = verifyPixels(source, candidate, principles, ops);
  const byKind = (kind: string) => {
    const i = principles.findIndex((p) => p.kind === kind);
    return out[i] as Verdict;
  };
  return { follow: byKind("follow"), keep: byKind("keep"), quality: byKind("quality") };
}
const score = (v: Verdict): number => {
  return v.score ?? Number.NaN;
};
const rotate = (image: RgbImage, degrees: number) =>
  withSharp(image, (s) => s.rotate(degrees, { background: { r: 0, g: 0, b: 0 } }));
const hue = (image: RgbImage, degrees: number) =>
  withSharp(image, (s) => s.modulate({ hue: (degrees + 360) % 360 }));

describe.skipIf(!PHOTO)(
  "follow, keep and quality of the look families (candidates delivered as JPEG q90, 1.33×, blur)",
  () => {
    beforeAll(async () => {
      src = await loadPhoto(PHOTO as string);
      source = new SourceAnalysis(src);
    });

    it("tilt: the asked angle and sense pass; the opposite, no rotation and a quarter turn fail; the corners are allowed", async () => {
      const asked = "rotate it 8 degrees clockwise";
      expect(verdicts(asked, await deliver(await rotate(src, 8))).follow.status).toBe("pass");
      const correct = verdicts(asked, await deliver(await rotate(src, 8), JPEG_ONLY));
      expect(correct.follow.status).toBe("pass");
      expect(score(correct.keep)).toBeGreaterThanOrEqual(0.6);
      expect(score(correct.quality)).toBeGreaterThanOrEqual(0.6);
      expect(verdicts(asked, await deliver(await rotate(src, -8))).follow.status).toBe("fail");
      expect(verdicts(asked, await deliver(src)).follow.status).toBe("fail");
      expect(verdicts(asked, await withSharp(src, (s) => s.rotate(90))).follow.status).toBe("fail");
      // "straighten by 3°" names no sense: either passes, a 12° turn does not.
      const straighten = "straighten the horizon by 3°";
      expect(verdicts(straighten, await rotate(src, -3)).follow.status).toBe("pass");
      expect(verdicts(straighten, await rotate(src, 3)).follow.status).toBe("pass");
      expect(verdicts(straighten, await rotate(src, 12)).follow.status).toBe("fail");
    });

    it("vignette: darker corners pass 'add', brighter ones 'remove'; the edges' darkening is not a local change", async () => {
      const added = await deliver(vignetteRgb(src, 0.45));
      expect(verdicts("add a vignette", added).follow.status).toBe("pass");
      const add = verdicts("add a vignette", await deliver(vignetteRgb(src, 0.45), JPEG_ONLY));
      expect(add.follow.status).toBe("pass");
      expect(score(add.keep)).toBeGreaterThanOrEqual(0.6);
      expect(verdicts("remove the vignette", added).follow.status).toBe("fail");
      expect(verdicts("remove the vignette", await deliver(vignetteRgb(src, -0.35))).follow.status).toBe(
        "pass",
      );
      const darker = mapPixels(src, (r, g, b) => [r * 0.8, g * 0.8, b * 0.8]);
      expect(verdicts("add a vignette", await deliver(darker)).follow.status).toBe("fail");
      expect(verdicts("add a vignette", await deliver(src)).follow.status).toBe("fail");
    });

    it("posterize: the banding is what was asked (no quality penalty); a blur is not a posterize", async () => {
      const four = await deliver(posterizeRgb(src, 4));
      const v = verdicts("posterize it to 4 levels", four);
      expect(v.follow.status).toBe("pass");
      expect(score(v.quality)).toBeGreaterThanOrEqual(0.8);
      expect(
        score(verdicts("posterize it to 4 levels", await deliver(posterizeRgb(src, 4), JPEG_ONLY)).keep),
      ).toBeGreaterThanOrEqual(0.5);
      expect(verdicts("posterize it to 4 levels", posterizeRgb(src, 12)).follow.status).toBe("fail");
      expect(verdicts("posterize the image", await withSharp(src, (s) => s.blur(2))).follow.status).toBe(
        "fail",
      );
    });

    it("banding is a quality defect of any other edit: a banded brightening loses to a clean one", async () => {
      const brighter = mapPixels(
        src,
        (r, g, b) => [r, g, b].map((x) => 255 * (x / 255) ** 0.7) as [number, number, number],
      );
      const clean = verdicts("make it brighter", await deliver(brighter));
      const banded = verdicts("make it brighter", await deliver(posterizeRgb(brighter, 4)));
      expect(clean.follow.status).toBe("pass");
      expect(banded.follow.status).toBe("pass");
      expect(score(clean.quality)).toBeGreaterThanOrEqual(0.9);
      expect(score(banded.quality)).toBeLessThan(0.5);
      expect(banded.quality.evidence.summary).toMatch(/tone levels combed/);
    });

    it("hue shift: the asked angle passes with its keep; the opposite angle, a sepia tint and grayscale fail", async () => {
      const asked = "rotate the hue by 60 degrees";
      expect(verdicts(asked, await deliver(await hue(src, 60))).follow.status).toBe("pass");
      const correct = verdicts(asked, await deliver(await hue(src, 60), JPEG_ONLY));
      expect(correct.follow.status).toBe("pass");
      expect(score(correct.keep)).toBeGreaterThanOrEqual(0.6);
      expect(verdicts(asked, await deliver(await hue(src, -60))).follow.status).toBe("fail");
      const sepia = mapPixels(src, (r, g, b) => {
        const y = 0.3 * r + 0.59 * g + 0.11 * b;
        return [y * 1.07 + 20, y * 0.95 + 8, y * 0.75];
      });
      expect(verdicts("shift the hues", sepia).follow.status).toBe("fail");
      expect(
        verdicts("shift the hues", await withSharp(src, (s) => s.grayscale().toColourspace("srgb"))).follow
          .status,
      ).toBe("fail");
      expect(verdicts("shift the hues", await deliver(src)).follow.status).toBe("fail");
    });
  },
);
