import sharp from "sharp";
import type { ChatImagePart } from "../../contract/backend.js";
import type { DecodedImage } from "../../contract/image.js";

const MIME: Record<string, string> = { png: "image/png", jpeg: "image/jpeg", webp: "image/webp" };

/**
 * Encodes images for prompts as base64 data URLs, resized so the longer side is at most `maxSide`.
 * Each image is encoded once per instance (keyed by sha256), so a group's source is shared.
 */
export class PromptImages {
  readonly #maxSide: number;
  readonly #encoded = new Map<string, Promise<ChatImagePart>>();

  constructor(maxSide: number) {
    this.#maxSide = maxSide;
  }

  get size(): number {
    return this.#encoded.size;
  }

  encode(image: DecodedImage): Promise<ChatImagePart> {
    const key = `${image.sha256}@${this.#maxSide}`;
    let part = this.#encoded.get(key);
    if (!part) {
      part = this.#encodeOnce(image, key);
      this.#encoded.set(key, part);
    }
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
