import { createHash } from "node:crypto";
import { readFile, stat } from "node:fs/promises";
import { imageSize } from "image-size";
import sharp from "sharp";
import type { DecodedImage, ImageInput } from "../contract/image.js";
import { InputError } from "../errors/input-error.js";
import { DEFAULT_IMAGE_LIMITS, type ImageLimits } from "./image-limits.js";
import { sniffFormat } from "./sniff-format.js";

const SUPPORTED_FORMATS = new Set(["png", "jpeg", "webp"]);

async function readInput(
  input: ImageInput,
  limits: ImageLimits,
): Promise<{ name: string; bytes: Uint8Array }> {
  if (input.kind === "bytes") {
    if (input.bytes.byteLength > limits.maxFileBytes) {
      throw new InputError(
        input.name,
        `${input.name}: image is ${input.bytes.byteLength} bytes, over the ${limits.maxFileBytes}-byte limit; send a smaller file (re-encode or downscale it)`,
        { code: "image_too_large" },
      );
    }
    return { name: input.name, bytes: input.bytes };
  }
  const name = input.path;
  let size: number;
  try {
    const info = await stat(input.path);
    if (!info.isFile())
      throw new InputError(name, `${name}: not a regular file; pass the path of a PNG, JPEG or WebP image`);
    size = info.size;
  } catch (error) {
    if (error instanceof InputError) throw error;
    throw new InputError(
      name,
      `${name}: cannot read the file (${(error as NodeJS.ErrnoException).code ?? "error"}); check the path`,
      {
        cause: error,
        code: "image_unreadable",
      },
    );
  }
  if (size > limits.maxFileBytes) {
    throw new InputError(
      name,
      `${name}: file is ${size} bytes, over the ${limits.maxFileBytes}-byte limit; send a smaller file (re-encode or downscale it)`,
      {
        code: "image_too_large",
      },
    );
  }
  return { name, bytes: await readFile(input.path) };
}

export interface DecodeHooks {
  /**
   * Called with the header's size before any pixel is decoded (a caller's budget across many images); throwing
   * stops the decode with that error.
   */
  admit?(width: number, height: number): void;
  /**
   * False: do not keep the encoded bytes in the result (`encoded` is empty), for a judge that reads only pixels;
   * the file's bytes can then be freed as soon as it is decoded. Default true.
   */
  keepEncoded?: boolean;
}

/** Width and height from the file header (no decoding), or null when it cannot be read that way. */
function headerSize(bytes: Uint8Array): { width: number; height: number } | null {
  try {
    const { width, height } = imageSize(bytes);
    return width > 0 && height > 0 ? { width, height } : null;
  } catch {
    return null;
  }
}

/**
 * Decodes a PNG, JPEG or WebP once: EXIF orientation applied, alpha flattened onto white, 8-bit sRGB.
 * The pixel limit is checked from the header before any pixel is decoded, so a decompression bomb
 * is rejected cheaply.
 */
export async function decodeImage(
  input: ImageInput,
  limits: ImageLimits = DEFAULT_IMAGE_LIMITS,
  hooks: DecodeHooks = {},
): Promise<DecodedImage> {
  const { name, bytes } = await readInput(input, limits);
  if (bytes.byteLength === 0)
    throw new InputError(name, `${name}: file is empty; pass a PNG, JPEG or WebP image`, {
      code: "not_an_image",
    });
  // A known signature lets the header read and the pixel decode run side by side (one thread-pool round trip
  // instead of two); the decode has its own pixel limit, so a bomb still stops at the header.
  if (sniffFormat(bytes) === null) await rejectUnknown(name, bytes);
  const size = hooks.admit ? headerSize(bytes) : null;
  if (size) {
    checkPixels(name, size.width, size.height, limits);
    hooks.admit?.(size.width, size.height);
  }
  const [header, pixels] = await Promise.allSettled([
    sharp(bytes, { limitInputPixels: false }).metadata(),
    decodePixels(bytes, limits),
  ]);
  if (header.status === "rejected") throw notAnImage(name, header.reason);
  const metadata = header.value;
  const format = metadata.format ?? "unknown";
  if (!SUPPORTED_FORMATS.has(format)) throw unsupported(name, format);
  const width = metadata.width ?? 0;
  const height = metadata.height ?? 0;
  // A header only libvips could read is admitted here, after the fact (the decode is already under way).
  if (!size) hooks.admit?.(width, height);
  checkPixels(name, width, height, limits);
  if (pixels.status === "rejected")
    throw new InputError(
      name,
      `${name}: image is corrupt or truncated (${firstLine(pixels.reason)}); re-export the file`,
      {
        cause: pixels.reason,
        code: "corrupt_image",
      },
    );
  const raw = pixels.value;
  if (raw.info.channels !== 3) {
    throw new InputError(
      name,
      `${name}: decoded to ${raw.info.channels} channels instead of 3; convert it to RGB`,
      {
        code: "unsupported_format",
      },
    );
  }
  return {
    name,
    width: raw.info.width,
    height: raw.info.height,
    // A plain view of libvips' output (no copy): one buffer per image, freed with the image.
    rgb: new Uint8Array(raw.data.buffer, raw.data.byteOffset, raw.data.byteLength),
    hadAlpha: metadata.hasAlpha === true,
    format,
    sha256: createHash("sha256").update(bytes).digest("hex"),
    encoded: hooks.keepEncoded === false ? new Uint8Array(0) : bytes,
  };
}

/** "40.0 MP" for a large count, "3072 px" for a small one (so a small limit does not read as 0.0 MP). */
function pixelCount(pixels: number): string {
  return pixels >= 100_000 ? `${(pixels / 1e6).toFixed(1)} MP` : `${pixels} px`;
}

/** The per-image pixel limit, checked from the header: a decompression bomb stops here. */
function checkPixels(name: string, width: number, height: number, limits: ImageLimits): void {
  if (width * height > limits.maxPixels)
    throw new InputError(
      name,
      `${name}: image is ${width}×${height} = ${pixelCount(width * height)}, over the ${pixelCount(limits.maxPixels)} limit; downscale it or raise maxPixels (--max-pixels, EDITJUDGE_MAX_PIXELS)`,
      { code: "image_too_large" },
    );
}

function decodePixels(
  bytes: Uint8Array,
  limits: ImageLimits,
): Promise<{ data: Buffer; info: sharp.OutputInfo }> {
  return sharp(bytes, { limitInputPixels: limits.maxPixels, failOn: "truncated" })
    .rotate()
    .flatten({ background: { r: 255, g: 255, b: 255 } })
    .toColourspace("srgb")
    .removeAlpha()
    .raw({ depth: "uchar" })
    .toBuffer({ resolveWithObject: true });
}

/** Bytes without a PNG, JPEG or WebP signature: names the format libvips sees, if any. Always throws. */
async function rejectUnknown(name: string, bytes: Uint8Array): Promise<never> {
  let metadata: sharp.Metadata;
  try {
    metadata = await sharp(bytes, { limitInputPixels: false }).metadata();
  } catch (error) {
    throw notAnImage(name, error);
  }
  throw unsupported(name, metadata.format ?? "unknown");
}

function notAnImage(name: string, error: unknown): InputError {
  return new InputError(
    name,
    `${name}: not a readable image (${firstLine(error)}); pass a PNG, JPEG or WebP file`,
    {
      cause: error,
      code: "not_an_image",
    },
  );
}

function unsupported(name: string, format: string): InputError {
  return new InputError(
    name,
    `${name}: format "${format}" is not supported; convert it to PNG, JPEG or WebP`,
    {
      code: "unsupported_format",
    },
  );
}

function firstLine(error: unknown): string {
  const text = error instanceof Error ? error.message : String(error);
  return text.split("\n")[0]?.trim() || "unknown error";
}
