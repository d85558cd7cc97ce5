import sharp from "sharp";
import { sharedPath } from "../../src/test-helpers/shared-path.js";

/** An RGB image in memory: PNG bytes and size. */
export interface Img {
  png: Buffer;
  width: number;
  height: number;
}

export type PixelBox = { left: number; top: number; width: number; height: number };

export const PHOTOS = sharedPath("photos");

/** A development photo, resized and centre-cropped to width×height (768×512 by default). */
export async function loadPhoto(name: string, width = 768, height = 512): Promise<Img> {
  const png = await sharp(`${PHOTOS}/${name}`)
    .resize(width, height, { fit: "cover" })
    .removeAlpha()
    .png()
    .toBuffer();
  return { png, width, height };
}

export async function crop(img: Img, box: PixelBox): Promise<Img> {
  const png = await sharp(img.png).extract(box).png().toBuffer();
  return { png, width: box.width, height: box.height };
}

export async function resize(img: Img, width: number, height: number): Promise<Img> {
  const png = await sharp(img.png).resize(width, height, { fit: "fill" }).png().toBuffer();
  return { png, width, height };
}

/** Pastes `piece` with its top-left corner at (left, top); `feather` softens the seam. */
export async function paste(base: Img, piece: Img, left: number, top: number, feather = 0): Promise<Img> {
  let input = piece.png;
  if (feather > 0) {
    const mask = Buffer.from(
      `<svg width="${piece.width}" height="${piece.height}"><defs><filter id="f"><feGaussianBlur stdDeviation="${feather}"/></filter></defs>` +
        `<rect x="${feather * 2}" y="${feather * 2}" width="${piece.width - feather * 4}" height="${piece.height - feather * 4}" fill="white" filter="url(#f)"/></svg>`,
    );
    input = await sharp(piece.png)
      .removeAlpha()
      .joinChannel(await sharp(mask).resize(piece.width, piece.height).extractChannel(0).raw().toBuffer(), {
        raw: { width: piece.width, height: piece.height, channels: 1 },
      })
      .png()
      .toBuffer();
  }
  const png = await sharp(base.png)
    .composite([{ input, left: Math.round(left), top: Math.round(top) }])
    .removeAlpha()
    .png()
    .toBuffer();
  return { ...base, png };
}

/** Covers `box` with the same-size patch beside it (left or right, whichever fits): a crude clone stamp. */
export async function cloneStamp(base: Img, box: PixelBox): Promise<Img> {
  const fromLeft = box.left - box.width >= 0;
  const fromRight = box.left + 2 * box.width <= base.width;
  const left = fromLeft ? box.left - box.width : fromRight ? box.left + box.width : 0;
  const width = Math.min(box.width, base.width - left);
  const patch = await crop(base, { left, top: box.top, width, height: box.height });
  return paste(
    base,
    await sharp(patch.png)
      .flop()
      .png()
      .toBuffer()
      .then((png) => ({ ...patch, png })),
    box.left,
    box.top,
    3,
  );
}

/** An edit nobody asked for, over the whole image: a strong colour cast, desaturation or blur. */
export async function unrequestedChange(base: Img, kind: 0 | 1 | 2): Promise<Img> {
  const s = sharp(base.png);
  const out = kind === 0 ? s.modulate({ hue: 90, saturation: 1.6 }) : kind === 1 ? s.grayscale() : s.blur(6);
  return { ...base, png: await out.removeAlpha().toColourspace("srgb").png().toBuffer() };
}
