import sharp from "sharp";

/** An 8-bit RGB image in memory, row-major, 3 bytes per pixel. */
export interface RawImage {
  width: number;
  height: number;
  data: Uint8Array;
}

export function blankImage(width: number, height: number): RawImage {
  return { width, height, data: new Uint8Array(width * height * 3) };
}

export function cloneImage(img: RawImage): RawImage {
  return { width: img.width, height: img.height, data: new Uint8Array(img.data) };
}

/** Decodes a file to RGB (alpha flattened onto white, EXIF orientation applied). */
export async function loadRaw(path: string): Promise<RawImage> {
  const { data, info } = await sharp(path)
    .rotate()
    .flatten({ background: { r: 255, g: 255, b: 255 } })
    .toColourspace("srgb")
    .removeAlpha()
    .raw()
    .toBuffer({ resolveWithObject: true });
  return { width: info.width, height: info.height, data: new Uint8Array(data) };
}

/** A sharp pipeline over the raw pixels, for filters sharp does well (blur, resize, rotate). */
export function toSharp(img: RawImage): sharp.Sharp {
  return sharp(img.data, { raw: { width: img.width, height: img.height, channels: 3 } });
}

export async function fromSharp(pipeline: sharp.Sharp): Promise<RawImage> {
  const { data, info } = await pipeline.removeAlpha().raw().toBuffer({ resolveWithObject: true });
  if (info.channels !== 3) throw new Error(`expected 3 channels, got ${info.channels}`);
  return { width: info.width, height: info.height, data: new Uint8Array(data) };
}

export type EncodeFormat = { kind: "png" } | { kind: "jpeg"; quality: number };

/** Encodes to PNG (fast, lossless) or JPEG at a given quality. */
export function encodeImage(img: RawImage, format: EncodeFormat): Promise<Buffer> {
  const pipeline = toSharp(img);
  return format.kind === "png"
    ? pipeline.png({ compressionLevel: 2, adaptiveFiltering: false }).toBuffer()
    : pipeline.jpeg({ quality: format.quality, chromaSubsampling: "4:2:0", mozjpeg: false }).toBuffer();
}

export const clamp8 = (v: number): number => (v < 0 ? 0 : v > 255 ? 255 : Math.round(v));
