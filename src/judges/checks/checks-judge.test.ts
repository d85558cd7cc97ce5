import sharp from "sharp";
import { beforeAll, describe, expect, it } from "vitest";
import type { ImageInput } from "../../contract/image.js";
import { prepareCase } from "../../image/prepare-case.js";
import { fixturePhoto } from "../../test-helpers/test-fixture.js";
import { ChecksJudge } from "./checks-judge.js";

const PHOTO = fixturePhoto("kodim05.png");
let source: Buffer;

beforeAll(async () => {
  source = await sharp(PHOTO).resize(384, 256).png().toBuffer();
});

type Edit = (s: sharp.Sharp) => sharp.Sharp;
const input = async (edit: Edit, name: string, jpeg = false): Promise<ImageInput> => {
  const s = edit(sharp(source));
  const bytes = jpeg ? await s.jpeg({ quality: 5 }).toBuffer() : await s.png().toBuffer();
  return { kind: "bytes", bytes: new Uint8Array(bytes), name };
};

async function judge(instruction: string, edits: Record<string, Edit>, jpegOf?: string) {
  const candidates = await Promise.all(Object.entries(edits).map(([name, e]) => input(e, name)));
  if (jpegOf) candidates.push(await input(edits[jpegOf] as Edit, `${jpegOf}-jpeg`, true));
  const prepared = await prepareCase({
    source: { kind: "bytes", bytes: new Uint8Array(source), name: "src.png" },
    instruction,
    candidates,
  });
  return new ChecksJudge().judge(prepared);
}

const noop: Edit = (s) => s;
const topHalfBrighter: Edit = (s) =>
  s.composite([
    {
      input: {
        create: { width: 384, height: 128, channels: 4, background: { r: 255, g: 255, b: 255, alpha: 0.3 } },
      },
      top: 0,
      left: 0,
    },
  ]);
const bottomHalfBrighter: Edit = (s) =>
  s.composite([
    {
      input: {
        create: { width: 384, height: 128, channels: 4, background: { r: 255, g: 255, b: 255, alpha: 0.3 } },
      },
      top: 128,
      left: 0,
    },
  ]);
const patched: Edit = (s) =>
  s
    .linear(1, 25)
    .composite([
      { input: { create: { width: 40, height: 40, channels: 3, background: "#f0f" } }, top: 100, left: 200 },
    ]);

const cases: Array<{ instruction: string; best: string; edits: Record<string, Edit>; jpeg?: boolean }> = [
  {
    instruction: "Could you make it brighter?",
    best: "brighter",
    edits: { brighter: (s) => s.linear(1, 25), darker: (s) => s.linear(1, -25), same: noop, patched },
    jpeg: true,
  },
  {
    instruction: "it's too contrasty, tone it down",
    best: "flat",
    edits: { flat: (s) => s.linear(0.7, 38), punchy: (s) => s.linear(1.35, -45), same: noop },
  },
  {
    instruction: "make the colours more vivid",
    best: "vivid",
    edits: {
      vivid: (s) => s.modulate({ saturation: 1.5 }),
      muted: (s) => s.modulate({ saturation: 0.5 }),
      same: noop,
    },
  },
  {
    instruction: "convert to black and white",
    best: "gray",
    edits: {
      gray: (s) => s.grayscale().toColourspace("srgb"),
      muted: (s) => s.modulate({ saturation: 0.6 }),
      same: noop,
    },
  },
  {
    instruction: "rotate it 90 degrees clockwise",
    best: "cw",
    edits: { cw: (s) => s.rotate(90), ccw: (s) => s.rotate(270), flipped: (s) => s.flop(), same: noop },
    jpeg: true,
  },
  {
    instruction: "mirror the image horizontally",
    best: "mirror",
    edits: { mirror: (s) => s.flop(), upside: (s) => s.flip(), same: noop },
  },
  {
    instruction: "crop to the left half",
    best: "left",
    edits: {
      left: (s) => s.extract({ left: 0, top: 0, width: 192, height: 256 }),
      right: (s) => s.extract({ left: 192, top: 0, width: 192, height: 256 }),
      same: noop,
    },
  },
  {
    instruction: "add a red border",
    best: "red",
    edits: {
      red: (s) => s.extend({ top: 12, bottom: 12, left: 12, right: 12, background: "#ff0000" }),
      blue: (s) => s.extend({ top: 12, bottom: 12, left: 12, right: 12, background: "#0000ff" }),
      same: noop,
    },
  },
  {
    instruction: "blur the photo a little",
    best: "blur",
    edits: { blur: (s) => s.blur(2), sharp: (s) => s.sharpen({ sigma: 1.5, m1: 2, m2: 3 }), same: noop },
    jpeg: true,
  },
  {
    instruction: "pls sharpen it",
    best: "sharp",
    edits: { sharp: (s) => s.sharpen({ sigma: 1, m1: 1, m2: 2 }), blur: (s) => s.blur(2), same: noop },
  },
  {
    instruction: "only brighten the top half",
    best: "top",
    edits: { top: topHalfBrighter, bottom: bottomHalfBrighter, all: (s) => s.linear(1, 30), same: noop },
  },
  {
    instruction: "downscale it to half size",
    best: "half",
    edits: {
      half: (s) => s.resize(192, 128),
      same: noop,
      crop: (s) => s.extract({ left: 0, top: 0, width: 192, height: 128 }),
    },
  },
];

describe("ChecksJudge end to end", () => {
  it.each(cases)(
    "ranks the requested edit first for “$instruction”",
    async ({ instruction, best, edits, jpeg }) => {
      const result = await judge(instruction, edits, jpeg ? best : undefined);
      const names = result.ranking.map((i) => result.candidates[i]?.name);
      expect(names[0]).toBe(best);
      const winner = result.candidates.find((c) => c.name === best);
      expect(winner?.reward).toBeGreaterThan(0.5);
      const unchanged = result.candidates.find((c) => c.name === "same");
      if (unchanged) expect(unchanged.dimensions.instructionFollowing).toBeLessThan(0.5);
    },
  );

  it("gives a failed follow principle a low reward despite perfect preservation", async () => {
    const result = await judge("make it darker", { same: noop });
    const c = result.candidates[0];
    expect(c?.dimensions.preservation).toBeGreaterThan(0.9);
    expect(c?.reward).toBeLessThan(0.3);
  });

  it("abstains on an instruction outside the families and returns a null reward", async () => {
    const result = await judge("make the sky look like a van Gogh painting", { same: noop });
    const follow = result.candidates[0]?.verdicts.find((v) => v.principleId.startsWith("follow"));
    expect(follow?.status).toBe("abstain");
    expect(follow?.reason).toBeTruthy();
    expect(result.candidates[0]?.reward).toBeNull();
    expect(result.principles.map((p) => p.kind).sort()).toEqual(["follow", "keep", "quality"]);
  });

  it("is deterministic", async () => {
    const a = await judge("make it brighter", { brighter: (s) => s.linear(1, 20), same: noop });
    const b = await judge("make it brighter", { brighter: (s) => s.linear(1, 20), same: noop });
    expect(JSON.stringify(a)).toBe(JSON.stringify(b));
  });
});
