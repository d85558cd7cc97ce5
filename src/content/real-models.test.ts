import sharp from "sharp";
import { describe, expect, it } from "vitest";
import { decodeImage } from "../image/decode-image.js";
import { fixturePhoto } from "../test-helpers/test-fixture.js";
import { loadHuman } from "./load-human.js";
import { loadOcr } from "./load-ocr.js";
import { cosine } from "./verify-identity.js";

/** The only tests that run the real models: one image each, so CI stays within its time limit. */
describe("installed content models", () => {
  it("OCR reads rendered text with its box, offline", async () => {
    const svg = `<svg width="384" height="256"><rect width="384" height="256" fill="#336"/><text x="192" y="70" font-size="48" font-family="DejaVu Sans" font-weight="bold" fill="white" text-anchor="middle">SALE</text></svg>`;
    const bytes = await sharp(Buffer.from(svg)).png().toBuffer();
    const image = await decodeImage({ kind: "bytes", bytes, name: "sale.png" });
    const lines = await (await loadOcr()).read(image);
    const sale = lines.find((l) => l.text.toUpperCase().includes("SALE"));
    expect(sale?.confidence).toBeGreaterThan(0.8);
    expect(sale?.box[1]).toBeLessThan(0.4);
  }, 120_000);

  it("Human finds the people and faces of kodim12 on the wasm backend", async () => {
    const image = await decodeImage({ kind: "path", path: fixturePhoto("kodim12.png") });
    const vision = await loadHuman();
    const people = (await vision.objects(image)).filter((d) => d.label === "person" && d.score >= 0.5);
    expect(people.length).toBe(2);
    const faces = await vision.faces(image);
    expect(faces.length).toBe(2);
    const [a, b] = faces;
    expect(cosine(a?.embedding ?? [], a?.embedding ?? [])).toBeCloseTo(1, 5);
    expect(cosine(a?.embedding ?? [], b?.embedding ?? [])).toBeLessThan(0.9);
  }, 120_000);
});
