import { LRUCache } from "lru-cache";
import sharp from "sharp";
import type { ChatImagePart } from "../../contract/backend.js";
import type { DecodedImage } from "../../contract/image.js";

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
  readonly #encoded: LRUCache<string, ChatImagePart, DecodedImage>;

  constructor(maxSide: number, maxBytes = DEFAULT_PROMPT_IMAGE_CACHE_BYTES) {
    this.#maxSide = maxSide;
    this.#encoded = new LRUCache<string, ChatImagePart, DecodedImage>({
      maxSize: maxBytes,
      sizeCalculation: (part) => Math.max(1, part.dataUrl.length),
      fetchMethod: (key, _stale, { context }) => this.#encodeOnce(context, key),
    });
  }

  /** Encoded images held for reuse. */
  get size(): number {
    return this.#encoded.size;
  }

  async encode(image: DecodedImage): Promise<ChatImagePart> {
    const key = `${image.sha256}@${this.#maxSide}`;
    const part = await this.#encoded.fetch(key, { context: image });
    if (!part) throw new Error(`prompt image ${image.name} could not be encoded`);
    return part;
  }

  async #encodeOnce(image: DecodedImage, key: string): Promise<ChatImagePart> {
    const mime = MIME[image.format];
    if (mime && Math.max(image.width, image.height) <= this.#maxSide && !image.hadAlpha) {
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
