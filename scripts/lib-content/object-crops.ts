import sharp from "sharp";
import type { VisionEngine } from "../../src/content/vision-engine.js";
import type { DecodedImage } from "../../src/contract/image.js";
import { crop, type Img, loadPhoto, type PixelBox } from "./image-ops.js";

/** Decodes an in-memory PNG into the DecodedImage the content engines read. */
export async function toDecoded(img: Img, name: string): Promise<DecodedImage> {
  const { data, info } = await sharp(img.png).removeAlpha().raw().toBuffer({ resolveWithObject: true });
  return {
    name,
    width: info.width,
    height: info.height,
    rgb: new Uint8Array(data),
    hadAlpha: false,
    format: "png",
    sha256: name,
    encoded: img.png,
  };
}

/**
 * Crops of `label` found by the detector in a development photo, best first, at least `minScore`.
 * This is how the generator finds objects to paste: nothing is hand-annotated.
 */
export async function findCrops(
  vision: VisionEngine,
  photo: string,
  label: string,
  minScore: number,
): Promise<Img[]> {
  const img = await loadPhoto(photo);
  const found = (await vision.objects(await toDecoded(img, photo)))
    .filter((d) => d.label === label && d.score >= minScore)
    .sort((a, b) => b.score - a.score);
  const crops: Img[] = [];
  for (const d of found) {
    const box: PixelBox = {
      left: Math.round(d.box[0] * img.width),
      top: Math.round(d.box[1] * img.height),
      width: Math.round((d.box[2] - d.box[0]) * img.width),
      height: Math.round((d.box[3] - d.box[1]) * img.height),
    };
    if (box.width >= 16 && box.height >= 16) crops.push(await crop(img, box));
  }
  return crops;
}
