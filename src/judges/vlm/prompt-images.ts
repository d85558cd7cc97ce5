import { LRUCache } from "lru-cache";
import sharp from "sharp";
import type { ChatImagePart } from "../../contract/backend.js";
import type { DecodedImage } from "../../contract/image.js";

/** An image to encode, and the exact size to resize it to first, if any. */
interface EncodeJob {
  image: DecodedImage;
  resize?: { width: number; height: number };
}

const MIME: Record<string, string> = { png: "image/png", jpeg: "image/jpeg", webp: "image/webp" };

/** Data URL characters kept for reuse by default: 32 MiB, a few hundred prompt-sized images. */
export const DEFAULT_PROMPT_IMAGE_CACHE_BYTES = 32 * 2 ** 20;

/**
 * Encodes images for prompts as base64 data URLs, resized so the longer side is at most `maxSide`.
 * Each image is encoded once while it is recently used (keyed by sha256), so a group's source is shared across its
 * candidates and calls. The cache is bounded by the size of its data URLs, least recently used first out, so a
 * long-running server or curation run that sees millions of distinct images keeps a fixed footprint.
 */
export class PromptImages {
  readonly #maxSide: number;
  readonly #encoded: LRUCache<string, ChatImagePart, EncodeJob>;

  constructor(maxSide: number, maxBytes = DEFAULT_PROMPT_IMAGE_CACHE_BYTES) {
    this.#maxSide = maxSide;
    this.#encoded = new LRUCache<string, ChatImagePart, EncodeJob>({
      maxSize: maxBytes,
      sizeCalculation: (part) => Math.max(1, part.dataUrl.length),
      fetchMethod: async (key, _stale, { context }) =>
        this.#encodeOnce(context.resize ? await resized(context.image, context.resize) : context.image, key),
    });
  }

  /** Encoded images held for reuse. */
  get size(): number {
    return this.#encoded.size;
  }

  /**
   * The image as a prompt part. With `size` (and a different size), it is first resized to exactly that size
   * (bicubic, as PIL's `Image.resize`): EditScore resizes the edited image to the source's size before judging.
   */
  async encode(image: DecodedImage, size?: { width: number; height: number }): Promise<ChatImagePart> {
    const resize = size && (size.width !== image.width || size.height !== image.height) ? size : undefined;
    const key = `${image.sha256}@${this.#maxSide}${resize ? `@${resize.width}x${resize.height}` : ""}`;
    const part = await this.#encoded.fetch(key, { context: { image, ...(resize ? { resize } : {}) } });
    if (!part) throw new Error(`prompt image ${image.name} could not be encoded`);
    return part;
  }

  async #encodeOnce(image: DecodedImage, key: string): Promise<ChatImagePart> {
    const mime = MIME[image.format];
    if (
      mime &&
      Math.max(image.width, image.height) <= this.#maxSide &&
      !image.hadAlpha &&
      image.encoded.length > 0
    ) {
      return {
        type: "image",
        key,
        dataUrl: `data:${mime};base64,${Buffer.from(image.encoded).toString("base64")}`,
      };
    }
    const jpeg = await sharp(image.rgb, { raw: { width: image.width, height: image.height, channels: 3 } })
      .resize({ width: this.#maxSide, height: this.#maxSide, fit: "inside", withoutEnlargement: true })
      .jpeg({ quality: 90 })
      .toBuffer();
    return { type: "image", key, dataUrl: `data:image/jpeg;base64,${jpeg.toString("base64")}` };
  }
}

/** `image` resized to exactly `size`; re-encoding happens in `#encodeOnce` (its `encoded` bytes are dropped). */
async function resized(image: DecodedImage, size: { width: number; height: number }): Promise<DecodedImage> {
  const rgb = await sharp(image.rgb, { raw: { width: image.width, height: image.height, channels: 3 } })
    .resize({ width: size.width, height: size.height, fit: "fill", kernel: "cubic" })
    .raw()
    .toBuffer();
  return {
    ...image,
    rgb: new Uint8Array(rgb),
    width: size.width,
    height: size.height,
    encoded: new Uint8Array(0),
  };
}
