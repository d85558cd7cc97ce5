import { readFile } from "node:fs/promises";
import { fileURLToPath } from "node:url";
import sharp from "sharp";
import type { EditCase } from "../contract/edit-case.js";
import type { ImageInput } from "../contract/image.js";

const DEMO_PHOTO = fileURLToPath(new URL("../../assets/demo/kodim03.png", import.meta.url));

export const DEMO_INSTRUCTION = "Could you make the photo a bit brighter?";

/**
 * The bundled demo: one Kodak photo and four candidate edits made in memory: the requested edit,
 * the opposite edit, a no-op, and the requested edit ruined by heavy JPEG compression.
 */
export async function makeDemoCase(): Promise<EditCase<ImageInput>> {
  const source = await readFile(DEMO_PHOTO);
  const png = (s: sharp.Sharp) => s.png().toBuffer();
  const brighter = await png(sharp(source).linear(1.0, 28));
  const darker = await png(sharp(source).linear(1.0, -28));
  const jpeg = await sharp(brighter).jpeg({ quality: 4 }).toBuffer();
  const noop = await png(sharp(source));
  const bytes = (b: Buffer, name: string): ImageInput => ({ kind: "bytes", bytes: new Uint8Array(b), name });
  return {
    source: bytes(source, "kodim03.png"),
    instruction: DEMO_INSTRUCTION,
    candidates: [
      bytes(brighter, "brighter.png"),
      bytes(darker, "darker.png"),
      bytes(noop, "unchanged.png"),
      bytes(jpeg, "brighter-jpeg-q4.jpg"),
    ],
  };
}
