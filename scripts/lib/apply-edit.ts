import { pastePatch, smear } from "./damage-ops.js";
import type { EditSpec } from "./edit-spec.js";
import { addNoise, blur, median, pixelate, sharpen } from "./filter-ops.js";
import { border, crop, flip, insetFrame, rectPixels, resize, rotate } from "./geometry-ops.js";
import { hueRotate, posterize, tilt, vignette } from "./look-ops.js";
import type { RawImage } from "./raw-image.js";
import { applyTone } from "./tone-ops.js";

/** Photos by name, for edits that paste from another photo. */
export type PhotoLookup = (name: string) => RawImage;

function composite(base: RawImage, edited: RawImage, spec: Extract<EditSpec, { op: "region" }>): RawImage {
  if (edited.width !== base.width || edited.height !== base.height)
    throw new Error(
      `region edit ${spec.inner.op} changed the image size; only size-preserving edits can be regional`,
    );
  const p = rectPixels(spec.rect, base.width, base.height);
  const out = new Uint8Array(base.data);
  for (let y = 0; y < base.height; y++) {
    for (let x = 0; x < base.width; x++) {
      const inRect = x >= p.left && x < p.left + p.width && y >= p.top && y < p.top + p.height;
      if (inRect === spec.invert) continue;
      const i = (y * base.width + x) * 3;
      out.set(edited.data.subarray(i, i + 3), i);
    }
  }
  return { width: base.width, height: base.height, data: out };
}

/** Renders one edit. Pure given its inputs: noise is seeded, donors come from `photos`. */
export async function applyEdit(img: RawImage, spec: EditSpec, photos: PhotoLookup): Promise<RawImage> {
  switch (spec.op) {
    case "identity":
      return img;
    case "brightness":
    case "contrast":
    case "saturation":
    case "grayscale":
    case "sepia":
    case "temperature":
    case "invert":
    case "cast":
      return applyTone(img, spec);
    case "rotate":
      return rotate(img, spec.degrees);
    case "flip":
      return flip(img, spec.axis);
    case "crop":
      return crop(img, spec.rect);
    case "border":
      return border(img, spec.color, spec.width);
    case "inset-frame":
      return insetFrame(img, spec.color, spec.width);
    case "resize":
      return resize(img, spec.scaleX, spec.scaleY);
    case "blur":
      return blur(img, spec.sigma);
    case "sharpen":
      return sharpen(img, spec.sigma, spec.amount);
    case "noise":
      return addNoise(img, spec.sigma, spec.mono, spec.seed);
    case "median":
      return median(img, spec.size);
    case "pixelate":
      return pixelate(img, spec.block);
    case "patch":
      return pastePatch(img, photos(spec.donor), spec.at, spec.from);
    case "smear":
      return smear(img, spec.at, spec.style);
    case "vignette":
      return vignette(img, spec.strength, spec.inner);
    case "posterize":
      return posterize(img, spec.levels);
    case "hue":
      return hueRotate(img, spec.degrees);
    case "tilt":
      return tilt(img, spec.degrees, spec.fill);
    case "region":
      return composite(img, await applyEdit(img, spec.inner, photos), spec);
    case "chain": {
      let out = img;
      for (const step of spec.steps) out = await applyEdit(out, step, photos);
      return out;
    }
  }
}
