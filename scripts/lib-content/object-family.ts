import { cloneStamp, type Img, loadPhoto, paste, resize, unrequestedChange } from "./image-ops.js";
import type { PairWriter } from "./pair-writer.js";
import { pick } from "./rng.js";

export interface Crops {
  person: readonly Img[];
  sign: Img;
}

const PERSON_WORDS = ["person", "man", "woman", "people"];

/** Places a crop (scaled to `height` px tall) with its bottom at 90% of the image, at horizontal fraction `x`. */
async function place(base: Img, piece: Img, x: number, height: number) {
  const scaled = await resize(piece, Math.round((piece.width * height) / piece.height), height);
  const left = Math.round(x * (base.width - scaled.width));
  const top = Math.round(0.9 * base.height - height);
  return { img: await paste(base, scaled, left, top, 2), box: { left, top, width: scaled.width, height } };
}

/** Object added / removed / replaced by compositing crops the detector found in other photos. */
export async function objectFamily(
  out: PairWriter,
  photos: readonly string[],
  crops: Crops,
  rng: () => number,
): Promise<void> {
  for (const [p, photo] of photos.entries()) {
    const base = await loadPhoto(photo);
    const key = `o${p}`;
    const person = pick(rng, crops.person);
    const x = 0.1 + 0.8 * rng();
    const other = x < 0.5 ? x + 0.4 : x - 0.4;
    const src = { key: `${key}-src`, img: base };
    const withPerson = await place(base, person, x, 280);
    const withSign = await place(base, crops.sign, x, 150);
    const flip = () => rng() < 0.5;
    const pw = pick(rng, PERSON_WORDS);
    const article = pw === "people" ? "some" : "a";
    // add a person
    const addBad = [base, withSign.img, await unrequestedChange(withPerson.img, (p % 3) as 0 | 1 | 2)][
      p % 3
    ] as Img;
    const addWhy = ["nothing added", "a stop sign added instead", "added plus an unrequested change"][
      p % 3
    ] as string;
    await out.pair(
      {
        id: `${key}-add-person`,
        category: "object",
        instruction: `add ${article} ${pw}`,
        distractor: addWhy,
      },
      src,
      withPerson.img,
      addBad,
      flip(),
    );
    // add a stop sign
    const signBad = p % 2 === 0 ? base : withPerson.img;
    await out.pair(
      {
        id: `${key}-add-sign`,
        category: "object",
        instruction: "add a stop sign",
        distractor: p % 2 === 0 ? "nothing added" : "a person added instead",
      },
      src,
      withSign.img,
      signBad,
      flip(),
    );
    // add two people
    const second = await place(withPerson.img, pick(rng, crops.person), other, 260);
    await out.pair(
      {
        id: `${key}-add-two`,
        category: "object",
        instruction: "add two people",
        distractor: "only one added",
      },
      src,
      second.img,
      withPerson.img,
      flip(),
    );
    // remove the person / the stop sign: good removes it (exactly or by clone stamp), bad leaves it or covers another spot
    for (const [name, placed] of [
      ["person", withPerson],
      ["sign", withSign],
    ] as const) {
      const word = name === "person" ? pw.replace("people", "person") : "stop sign";
      const good = p % 2 === 0 ? base : await cloneStamp(placed.img, placed.box);
      const wrongSpot = { ...placed.box, left: Math.round(other * (base.width - placed.box.width)) };
      const bad = p % 2 === 0 ? placed.img : await cloneStamp(placed.img, wrongSpot);
      await out.pair(
        {
          id: `${key}-remove-${name}`,
          category: "object",
          instruction: `remove the ${word}`,
          distractor: p % 2 === 0 ? "unchanged" : "covered the wrong spot",
        },
        { key: `${key}-src-${name}`, img: placed.img },
        good,
        bad,
        flip(),
      );
    }
    // replace the sign with a person: good puts the person where the sign was, bad keeps the sign and adds one elsewhere
    const replaced = await place(base, person, x, 280);
    const elsewhere = await place(withSign.img, person, other, 280);
    await out.pair(
      {
        id: `${key}-replace`,
        category: "object",
        instruction: `replace the stop sign with a ${pw.replace("people", "person")}`,
        distractor: "sign kept, person elsewhere",
      },
      { key: `${key}-src-sign`, img: withSign.img },
      replaced.img,
      elsewhere.img,
      flip(),
    );
  }
}
