import sharp from "sharp";
import { describe, expect, it } from "vitest";
import type { ChatImagePart } from "../../contract/backend.js";
import type { DecodedImage } from "../../contract/image.js";
import { PromptImages } from "./prompt-images.js";
import { describeParts, loadTemplate, renderTemplate } from "./prompt-template.js";

const img = (key: string): ChatImagePart => ({ type: "image", key, dataUrl: `data:image/png;base64,${key}` });
const images = { source: img("source"), candidate: img("candidate"), a: img("a"), b: img("b") };
const vars = { instruction: "make the sky purple", principle: "the sky is purple" };
const TEMPLATES = [
  "viescore-sc",
  "viescore-pq",
  "editscore-sc",
  "editscore-pq",
  "rubric-split",
  "rubric-verify",
  "logit",
  "firm",
  "pairwise",
];

describe("prompt templates", () => {
  for (const name of TEMPLATES) {
    it(`renders ${name} v1`, () => {
      const t = loadTemplate(name, 1);
      expect(t.id).toBe(`${name}@1`);
      const parts = renderTemplate(t, vars, images);
      expect(describeParts(parts)).toMatchSnapshot();
    });
  }

  it("puts the source image and instruction before the candidate (shared prefix)", () => {
    for (const name of TEMPLATES.filter((n) => !n.endsWith("-pq") && n !== "rubric-split")) {
      const parts = renderTemplate(loadTemplate(name, 1), vars, images);
      const at = (p: (x: (typeof parts)[number]) => boolean): number => parts.findIndex(p);
      const source = at((p) => p.type === "image" && p.key === "source");
      const instruction = at((p) => p.type === "text" && p.text.includes(vars.instruction));
      const candidate = at((p) => p.type === "image" && p.key !== "source");
      expect(source).toBe(0 + (parts[0]?.type === "text" ? 1 : 0));
      expect(instruction).toBeGreaterThan(source);
      expect(candidate).toBeGreaterThan(instruction);
    }
  });

  it("refuses a missing variable or image", () => {
    expect(() => renderTemplate(loadTemplate("logit", 1), {}, images)).toThrow(/needs "instruction"/);
    expect(() => renderTemplate(loadTemplate("logit", 1), vars, {})).toThrow(/needs image "source"/);
    expect(() => loadTemplate("nope", 1)).toThrow(/prompt template .*nope.v1.txt is missing/);
  });
});

describe("PromptImages", () => {
  const decoded = async (w: number, h: number): Promise<DecodedImage> => {
    const { data, info } = await sharp({
      create: { width: w, height: h, channels: 3, background: "#336699" },
    })
      .raw()
      .toBuffer({ resolveWithObject: true });
    const png = await sharp(data, { raw: { width: w, height: h, channels: 3 } })
      .png()
      .toBuffer();
    return {
      name: "x.png",
      width: info.width,
      height: info.height,
      rgb: new Uint8Array(data),
      hadAlpha: false,
      format: "png",
      sha256: `sha-${w}x${h}`,
      encoded: new Uint8Array(png),
    };
  };

  it("sends a small image as is and resizes a large one to maxSide", async () => {
    const images = new PromptImages(64);
    const small = await images.encode(await decoded(32, 16));
    expect(small.dataUrl.startsWith("data:image/png;base64,")).toBe(true);
    const big = await images.encode(await decoded(256, 128));
    expect(big.dataUrl.startsWith("data:image/jpeg;base64,")).toBe(true);
    const bytes = Buffer.from(big.dataUrl.split(",")[1] ?? "", "base64");
    const meta = await sharp(bytes).metadata();
    expect([meta.width, meta.height]).toEqual([64, 32]);
    expect(big.key).toBe("sha-256x128@64");
  });

  it("encodes an image once however often it is asked for", async () => {
    const images = new PromptImages(64);
    const source = await decoded(32, 16);
    const [a, b] = await Promise.all([images.encode(source), images.encode(source)]);
    expect(a).toBe(b);
    expect(images.size).toBe(1);
  });

  it("keeps at most its byte budget of encodings, dropping the least recently used", async () => {
    const base = await decoded(32, 16);
    const one = (await new PromptImages(64).encode(base)).dataUrl.length;
    const images = new PromptImages(64, one * 3);
    const distinct = Array.from({ length: 20 }, (_, i) => ({ ...base, sha256: `sha-${i}` }));
    const parts = [];
    for (const image of distinct) parts.push(await images.encode(image));
    expect(images.size).toBe(3);
    // The most recent ones are reused as they are; an evicted one is encoded again, to the same data URL.
    expect(await images.encode(distinct[19] as DecodedImage)).toBe(parts[19]);
    const again = await images.encode(distinct[0] as DecodedImage);
    expect(again).not.toBe(parts[0]);
    expect(again.dataUrl).toBe(parts[0]?.dataUrl);
    expect(images.size).toBe(3);
  });
});
