import { existsSync } from "node:fs";
import { fileURLToPath, pathToFileURL } from "node:url";
import sharp from "sharp";
import { beforeAll, describe, expect, it } from "vitest";
import type { ImageInput } from "../../contract/image.js";
import type { CandidateResult, JudgeResult } from "../../contract/result.js";
import { InputError } from "../../errors/input-error.js";
import { decodeImage } from "../../image/decode-image.js";
import { prepareCase } from "../../image/prepare-case.js";
import { ChecksJudge } from "./checks-judge.js";
import {
  type MaskCandidate,
  type MaskCaseImages,
  maskCaseImages,
  SPILL_PATCH,
} from "./test-helpers/mask-cases.js";

const PHOTOS = fileURLToPath(new URL("../../../../shared/photos/", import.meta.url));
const HAVE_PHOTOS = existsSync(`${PHOTOS}kodim05.png`);
if (!HAVE_PHOTOS) console.warn(`mask-edits tests skipped: ${PHOTOS} is missing (../shared/photos)`);

const bytes = (b: Uint8Array, name: string): ImageInput => ({ kind: "bytes", bytes: b, name });
const images = new Map<string, MaskCaseImages>();
const ALL: MaskCandidate[] = [
  "inpainted",
  "inpaintedJpeg",
  "inpaintedUpscaled",
  "inpaintedDrifted",
  "spilled",
  "spilledUpscaledJpeg",
  "unchanged",
  "everywhere",
];

beforeAll(async () => {
  if (!HAVE_PHOTOS) return;
  for (const photo of ["kodim05.png", "kodim01.png", "astronaut.png"])
    images.set(photo, await maskCaseImages(`${PHOTOS}${photo}`));
});

type MaskKey = "mask" | "softMask" | "halfMask" | "squareMask" | "allBlack" | "allWhite";

async function judge(
  instruction: string,
  options: { photo?: string; mask?: MaskKey | null; candidates?: MaskCandidate[] } = {},
): Promise<JudgeResult> {
  const img = images.get(options.photo ?? "kodim05.png") as MaskCaseImages;
  const names = options.candidates ?? ALL;
  const mask = options.mask === undefined ? "mask" : options.mask;
  const prepared = await prepareCase({
    source: bytes(img.source, "src.png"),
    instruction,
    candidates: names.map((n) => bytes(img.candidates[n], n)),
    ...(mask ? { mask: bytes(img[mask], `${mask}.png`) } : {}),
  });
  return new ChecksJudge().judge(prepared);
}

const byName = (r: JudgeResult, name: string) => r.candidates.find((c) => c.name === name) as CandidateResult;
const keepOf = (c: CandidateResult) => c.verdicts.find((v) => v.principleId === "keep-1");

describe.skipIf(!HAVE_PHOTOS)("checks judge with a mask (inpainting)", () => {
  it("keeps what lies outside the mask: inpainting inside it passes, also as JPEG q90, upscaled 4/3 or drifted", async () => {
    for (const photo of images.keys()) {
      const r = await judge("remove the object and fill in the background", { photo });
      expect(r.principles.map((p) => p.text)).toContain("Everything outside the mask stays unchanged");
      for (const name of ["inpainted", "inpaintedJpeg", "inpaintedUpscaled", "inpaintedDrifted"]) {
        const keep = keepOf(byName(r, name));
        expect(keep?.status, `${photo} ${name}: ${keep?.evidence.summary}`).toBe("pass");
        expect(keep?.evidence.decidedBy).toBe("checks:mask-keep");
      }
      expect(keepOf(byName(r, "unchanged"))?.score).toBe(1);
    }
  });

  it("fails a spill outside the mask with its area and place in the evidence", async () => {
    for (const photo of images.keys()) {
      const r = await judge("remove the object and fill in the background", { photo });
      for (const name of ["spilled", "spilledUpscaledJpeg"]) {
        const keep = keepOf(byName(r, name));
        expect(keep?.status, `${photo} ${name}`).toBe("fail");
        const m = keep?.evidence.measurements ?? {};
        const patch = (SPILL_PATCH.x1 - SPILL_PATCH.x0) * (SPILL_PATCH.y1 - SPILL_PATCH.y0);
        expect(m.spillPixels as number).toBeGreaterThan(patch * 0.7);
        expect(m.spillPixels as number).toBeLessThan(patch * 1.5);
        expect(m.spillShare as number).toBeGreaterThan(0.02);
        expect(m.spillPlace).toBe("top-left");
        const [x0, y0, x1, y1] = m.spillBox as readonly number[];
        expect(Math.abs((x0 as number) - SPILL_PATCH.x0)).toBeLessThan(8);
        expect(Math.abs((y0 as number) - SPILL_PATCH.y0)).toBeLessThan(8);
        expect(Math.abs((x1 as number) - SPILL_PATCH.x1)).toBeLessThan(8);
        expect(Math.abs((y1 as number) - SPILL_PATCH.y1)).toBeLessThan(8);
        expect(keep?.evidence.summary).toMatch(
          /spilled outside the mask: \d+\.\d% of the area outside the mask \([\d,]+ px\) changed at the top-left/,
        );
      }
      expect(keepOf(byName(r, "everywhere"))?.status).toBe("fail");
    }
  });

  it("expects a change inside the mask: an unchanged candidate fails follow, the inpainted one ranks first", async () => {
    const r = await judge("remove the object and fill in the background");
    const change = r.principles.find((p) => p.text === "Something visibly changes inside the mask");
    expect(change?.kind).toBe("follow");
    const verdict = (name: string) => byName(r, name).verdicts.find((v) => v.principleId === change?.id);
    expect(verdict("inpainted")?.status).toBe("pass");
    expect(verdict("unchanged")?.status).toBe("fail");
    const reward = (name: string) => byName(r, name).reward as number;
    expect(reward("inpainted")).toBeGreaterThan(reward("spilled"));
    expect(reward("inpainted")).toBeGreaterThan(reward("unchanged"));
    expect(reward("inpainted")).toBeGreaterThan(reward("everywhere"));
    expect(reward("spilled")).toBeLessThan(0.5);
  });

  it("measures a pixel edit inside the mask, and an edit of the whole picture fails keep", async () => {
    const r = await judge("make it warmer", { candidates: ["inpainted", "everywhere", "unchanged"] });
    const follow = r.principles.find((p) => p.kind === "follow");
    expect(follow?.region?.fromMask).toBe(true);
    expect(r.principles.some((p) => p.text === "Something visibly changes inside the mask")).toBe(false);
    expect(byName(r, "inpainted").verdicts[0]?.status).toBe("pass");
    expect(byName(r, "unchanged").verdicts[0]?.status).toBe("fail");
    expect(keepOf(byName(r, "everywhere"))?.status).toBe("fail");
    expect(byName(r, "inpainted").reward as number).toBeGreaterThan(byName(r, "everywhere").reward as number);
  });

  it("names an even shift of everything outside the mask as that, not as a count of changed pixels", async () => {
    const img = images.get("kodim05.png") as MaskCaseImages;
    const brighter = await sharp(img.source).linear(1.25, 8).png().toBuffer();
    const prepared = await prepareCase({
      source: bytes(img.source, "src.png"),
      instruction: "make it warmer",
      candidates: [bytes(brighter, "brighter")],
      mask: bytes(img.mask, "mask.png"),
    });
    const keep = keepOf(byName(await new ChecksJudge().judge(prepared), "brighter"));
    expect(keep?.status).toBe("fail");
    expect(keep?.evidence.summary).toMatch(
      /^unrequested change outside the mask in lightness .*, across the whole area rather than in one place \(local changes: /,
    );
  });

  it("reconciles a region named in the instruction with the mask", async () => {
    // The mask lies mostly in the right half: the left half barely overlaps it, so the mask decides.
    const left = await judge("make the left half warmer", { candidates: ["inpainted"] });
    expect(left.principles[0]?.region).toMatchObject({ label: "masked area", fromMask: true });
    expect(left.notes.join(" ")).toMatch(/names the left half, but less than 25% of the mask lies there/);
    const right = await judge("make the right half warmer", { candidates: ["inpainted"] });
    expect(right.principles[0]?.region).toMatchObject({
      label: "masked part of the right half",
      fromMask: true,
    });
    expect(right.notes).toEqual([]);
    expect(right.principles.filter((p) => p.kind === "keep").map((p) => p.text)).toEqual([
      "Everything outside the mask stays unchanged",
    ]);
  });

  it("cuts a soft (grey) mask at 50% white and tolerates the blended band past its edge", async () => {
    const r = await judge("remove the object and fill in the background", {
      mask: "softMask",
      candidates: ["inpainted", "spilled"],
    });
    expect(keepOf(byName(r, "inpainted"))?.status).toBe("pass");
    expect(keepOf(byName(r, "spilled"))?.status).toBe("fail");
  });

  it("rescales a mask of another size with the source's aspect ratio, and follows a rescaled candidate", async () => {
    const r = await judge("remove the object and fill in the background", {
      mask: "halfMask",
      candidates: ["inpainted", "inpaintedUpscaled", "spilled", "spilledUpscaledJpeg"],
    });
    expect(r.notes.join(" ")).toMatch(/mask halfMask\.png \(192×128\) was rescaled to the source's 384×256/);
    expect(keepOf(byName(r, "inpainted"))?.status).toBe("pass");
    expect(keepOf(byName(r, "inpaintedUpscaled"))?.status).toBe("pass");
    expect(keepOf(byName(r, "spilled"))?.status).toBe("fail");
    expect(keepOf(byName(r, "spilledUpscaledJpeg"))?.evidence.measurements.spillPlace).toBe("top-left");
  });

  it("refuses a mask of another shape with a clear input error naming both sizes", async () => {
    const err = await judge("remove the object", { mask: "squareMask" }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(InputError);
    expect((err as InputError).code).toBe("mask_size_mismatch");
    expect((err as InputError).input).toBe("mask");
    expect((err as Error).message).toMatch(
      /^mask squareMask\.png is 256×256 but the source src\.png is 384×256 .*give a mask of the source's size/,
    );
    // The judge checks it too when a caller hands it decoded images directly (the server, curate).
    const img = images.get("kodim05.png") as MaskCaseImages;
    const [source, mask, candidate] = await Promise.all([
      decodeImage(bytes(img.source, "src.png")),
      decodeImage(bytes(img.squareMask, "sq.png")),
      decodeImage(bytes(img.candidates.inpainted, "c.png")),
    ]);
    await expect(
      new ChecksJudge().judge({ source, mask, instruction: "remove it", candidates: [candidate] }),
    ).rejects.toThrow(/mask sq\.png is 256×256 but the source src\.png is 384×256/);
  });

  it("refuses an all-black mask and judges an all-white one as without a mask", async () => {
    const err = await judge("remove the object", { mask: "allBlack" }).catch((e: unknown) => e);
    expect((err as InputError).code).toBe("empty_mask");
    expect((err as Error).message).toMatch(
      /is all black .*check that the mask is not inverted, or leave it out/,
    );
    const white = await judge("make it warmer", { mask: "allWhite", candidates: ["everywhere"] });
    const none = await judge("make it warmer", { mask: null, candidates: ["everywhere"] });
    expect(white.notes).toEqual([
      "mask allWhite.png is all white: the whole picture may change, so it is judged as without a mask",
    ]);
    expect(white.principles).toEqual(none.principles);
    expect(white.candidates[0]?.reward).toBe(none.candidates[0]?.reward);
  });

  it("does not use the mask for an edit that changes the frame", async () => {
    const r = await judge("rotate it a quarter turn to the right", { candidates: ["unchanged"] });
    expect(r.notes).toEqual([
      "the mask is not used: the instruction asks for a change of frame (rotate), which moves every pixel",
    ]);
    expect(r.principles.some((p) => p.region?.fromMask)).toBe(false);
  });

  it("gives the same verdicts in the worker pool as in this thread", async () => {
    const built = fileURLToPath(new URL("../../../dist/judges/checks/checks-judge.js", import.meta.url));
    expect(existsSync(built), `${built} is missing: run \`npm run build\``).toBe(true);
    const { ChecksJudge: Built } = (await import(
      pathToFileURL(built).href
    )) as typeof import("./checks-judge.js");
    const img = images.get("kodim05.png") as MaskCaseImages;
    const prepared = await prepareCase({
      source: bytes(img.source, "src.png"),
      mask: bytes(img.mask, "mask.png"),
      instruction: "remove the object and fill in the background",
      candidates: (["inpainted", "spilled", "unchanged"] as const).map((n) => bytes(img.candidates[n], n)),
    });
    const pooled = new Built({ workers: 2 });
    try {
      const a = await pooled.judge(prepared);
      const b = await new ChecksJudge().judge(prepared);
      expect(a.candidates.map((c) => c.verdicts)).toEqual(b.candidates.map((c) => c.verdicts));
    } finally {
      await pooled.close();
    }
  });
});
