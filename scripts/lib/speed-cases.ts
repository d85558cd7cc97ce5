import { applyEdit } from "./apply-edit.js";
import type { Family, PhotoInfo } from "./case-plan.js";
import { hashString } from "./hash-string.js";
import { MAGNITUDES } from "./magnitudes.js";
import { DEV_PHRASINGS } from "./phrasings-dev.js";
import { planCase } from "./plan-case.js";
import { encodeImage, type RawImage } from "./raw-image.js";
import { createRng } from "./rng.js";

/** One in-memory case for the speed benchmark: encoded source and candidates, ready for prepareCase. */
export interface SpeedCase {
  family: Family;
  instruction: string;
  source: { name: string; bytes: Uint8Array };
  candidates: Array<{ name: string; bytes: Uint8Array }>;
}

const SPEED_FAMILIES: readonly Family[] = [
  "brightness-up",
  "grayscale",
  "rotate",
  "crop",
  "blur",
  "border",
  "region",
  "saturation-down",
  "noise",
  "flip",
];

/**
 * Builds `count` cases of `perCase` candidates each: the correct edit and the first distractors
 * (opposite, wrong operation, no-op, over-edit, heavy JPEG…), encoded as the generator writes them.
 */
export async function buildSpeedCases(
  photos: ReadonlyArray<{ name: string; raw: RawImage }>,
  count: number,
  perCase: number,
): Promise<SpeedCase[]> {
  const lookup = (name: string): RawImage => {
    const hit = photos.find((p) => p.name === name);
    if (!hit) throw new Error(`unknown photo ${name}`);
    return hit.raw;
  };
  const infos: PhotoInfo[] = photos.map((p) => ({ name: p.name, width: p.raw.width, height: p.raw.height }));
  const cases: SpeedCase[] = [];
  for (let i = 0; i < count; i++) {
    const photo = infos[i % infos.length] as PhotoInfo;
    const family = SPEED_FAMILIES[i % SPEED_FAMILIES.length] as Family;
    const plan = planCase(`speed-${i}`, family, {
      rng: createRng(hashString(`speed:${i}`)),
      split: "dev",
      mags: MAGNITUDES.dev,
      phrasings: DEV_PHRASINGS,
      photo,
      donors: infos.filter((p) => p.name !== photo.name).map((p) => p.name),
      scale: Math.max(photo.width, photo.height) / 768,
    });
    const source = lookup(photo.name);
    const specs = [{ kind: "correct", spec: plan.correct }, ...plan.distractors].slice(0, perCase);
    const candidates = await Promise.all(
      specs.map(async (d, k) => {
        const img = await applyEdit(source, d.spec, lookup);
        const quality = "jpegQuality" in d ? d.jpegQuality : undefined;
        const bytes = await encodeImage(
          img,
          quality === undefined ? { kind: "png" } : { kind: "jpeg", quality },
        );
        return {
          name: `${plan.id}-${k}-${d.kind}.${quality === undefined ? "png" : "jpg"}`,
          bytes: new Uint8Array(bytes),
        };
      }),
    );
    cases.push({
      family,
      instruction: plan.instruction,
      source: {
        name: `${photo.name}.png`,
        bytes: new Uint8Array(await encodeImage(source, { kind: "png" })),
      },
      candidates,
    });
  }
  return cases;
}
