import sharp from "sharp";
import type { VisionEngine } from "../../src/content/vision-engine.js";
import { crop, type Img, PHOTOS, paste, resize } from "./image-ops.js";
import { toDecoded } from "./object-crops.js";
import type { PairWriter } from "./pair-writer.js";
import { STYLES, textSvg } from "./render-text.js";
import { pick } from "./rng.js";

interface FaceSource {
  key: string;
  img: Img;
  faces: Array<{ left: number; top: number; width: number; height: number }>;
}

const FACE_PHOTOS = ["astronaut.png", "kodim04.png", "kodim12.png"];
const WORDS = ["HELLO", "SUMMER", "WELCOME", "PARIS", "SALE", "OPEN"];

/** The face photos (and their mirror images), with the face boxes the detector finds. */
export async function faceSources(vision: VisionEngine): Promise<FaceSource[]> {
  const out: FaceSource[] = [];
  for (const photo of FACE_PHOTOS) {
    for (const mirror of [false, true]) {
      let s = sharp(`${PHOTOS}/${photo}`).removeAlpha();
      if (mirror) s = s.flop();
      const { data, info } = await s.png().toBuffer({ resolveWithObject: true });
      const img = { png: data, width: info.width, height: info.height };
      const faces = (await vision.faces(await toDecoded(img, `${photo}${mirror}`)))
        .filter((f) => f.score >= 0.5)
        .map((f) => ({
          left: Math.round(f.box[0] * img.width),
          top: Math.round(f.box[1] * img.height),
          width: Math.max(8, Math.round((f.box[2] - f.box[0]) * img.width)),
          height: Math.max(8, Math.round((f.box[3] - f.box[1]) * img.height)),
        }));
      if (faces.length > 0)
        out.push({ key: `${photo.replace(".png", "")}${mirror ? "-m" : ""}`, img, faces });
    }
  }
  return out;
}

/** The same content edit, against that edit with another person's face pasted over a face. */
export async function identityFamily(
  out: PairWriter,
  sources: readonly FaceSource[],
  sign: Img,
  rng: () => number,
): Promise<void> {
  for (const [s, source] of sources.entries()) {
    const donors = sources.filter((d) => !d.key.startsWith(source.key.replace("-m", "")));
    for (let v = 0; v < 4; v++) {
      const word = pick(rng, WORDS);
      const edit = v < 3 ? await withBottomText(source.img, word) : await withSign(source.img, sign);
      const instruction =
        v < 3 ? `add the text '${word}' at the bottom` : "add a stop sign in the bottom-right corner";
      const donor = pick(rng, donors);
      const donorBox = pick(rng, donor.faces);
      const target = pick(rng, source.faces);
      const face = await resize(await crop(donor.img, donorBox), target.width, target.height);
      const swapped = await paste(edit, face, target.left, target.top, 3);
      await out.pair(
        {
          id: `i${s}-${v}`,
          category: "identity",
          instruction,
          distractor: `face replaced by ${donor.key}'s`,
        },
        { key: `i-${source.key}`, img: source.img },
        edit,
        swapped,
        rng() < 0.5,
      );
    }
  }
}

async function withBottomText(img: Img, word: string): Promise<Img> {
  const style = { ...(STYLES[0] as (typeof STYLES)[number]), size: Math.round(img.width / 12) };
  const png = await sharp(img.png)
    .composite([{ input: textSvg(img, word, "bottom", style) }])
    .removeAlpha()
    .png()
    .toBuffer();
  return { ...img, png };
}

async function withSign(img: Img, sign: Img): Promise<Img> {
  const h = Math.round(img.height / 4);
  const scaled = await resize(sign, Math.round((sign.width * h) / sign.height), h);
  return paste(img, scaled, img.width - scaled.width - 10, img.height - h - 10, 2);
}
