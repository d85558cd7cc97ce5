import sharp from "sharp";
import { type Img, loadPhoto, unrequestedChange } from "./image-ops.js";
import type { PairWriter } from "./pair-writer.js";
import {
  misspell,
  OPPOSITE,
  POSITIONS,
  STYLES,
  type TextPosition,
  type TextStyle,
  textSvg,
} from "./render-text.js";
import { pick } from "./rng.js";

const WORDS = [
  "SALE",
  "OPEN",
  "HELLO",
  "WELCOME",
  "PARIS",
  "EXIT",
  "SUMMER",
  "COFFEE",
  "LONDON",
  "GARDEN",
  "HOTEL",
  "MUSEUM",
];
const PAIRS = [
  ["OPEN", "CLOSED"],
  ["SALE", "SOLD"],
  ["NORTH", "SOUTH"],
  ["CAFE", "BAR"],
  ["HOTEL", "MOTEL"],
  ["STOP", "WAIT"],
];

async function withText(img: Img, text: string, position: TextPosition, style: TextStyle): Promise<Img> {
  const png = await sharp(img.png)
    .composite([{ input: textSvg(img, text, position, style) }])
    .removeAlpha()
    .png()
    .toBuffer();
  return { ...img, png };
}

/** Text added / replaced / removed on photos, each against a distractor. */
export async function textFamily(
  out: PairWriter,
  photos: readonly string[],
  rng: () => number,
): Promise<void> {
  for (const [p, photo] of photos.entries()) {
    const base = await loadPhoto(photo);
    const key = `t${p}`;
    const word = () => pick(rng, WORDS);
    const style = () => pick(rng, STYLES);
    // add at a position: good vs misspelled / wrong position
    for (const distractor of ["misspelled", "wrong position"] as const) {
      const text = word();
      const pos = pick(rng, POSITIONS);
      const st = style();
      const good = await withText(base, text, pos, st);
      const bad =
        distractor === "misspelled"
          ? await withText(base, misspell(text), pos, st)
          : await withText(base, text, OPPOSITE[pos], st);
      const id = `${key}-add-${distractor.replace(" ", "-")}`;
      await out.pair(
        { id, category: "text", instruction: `add the text '${text}' at the ${pos}`, distractor },
        { key: `${key}-src`, img: base },
        good,
        bad,
        rng() < 0.5,
      );
    }
    // add anywhere: good vs no text / text plus an unrequested change
    for (const distractor of ["no text", "unrequested change"] as const) {
      const text = word();
      const good = await withText(base, text, pick(rng, POSITIONS), style());
      const bad = distractor === "no text" ? base : await unrequestedChange(good, (p % 3) as 0 | 1 | 2);
      const id = `${key}-add-${distractor.replace(" ", "-")}`;
      await out.pair(
        { id, category: "text", instruction: `Add the word "${text}"`, distractor },
        { key: `${key}-src`, img: base },
        good,
        bad,
        rng() < 0.5,
      );
    }
    // replace A with B on a photo that shows A
    const [from, to] = pick(rng, PAIRS) as [string, string];
    const pos = pick(rng, ["top", "bottom", "center"] as const);
    const st = style();
    const source = await withText(base, from, pos, st);
    const replaced = await withText(base, to, pos, st);
    const badReplace = p % 2 === 0 ? source : await withText(base, misspell(to), pos, st);
    await out.pair(
      {
        id: `${key}-replace`,
        category: "text",
        instruction: `change the text '${from}' to '${to}'`,
        distractor: p % 2 === 0 ? "unchanged" : "misspelled",
      },
      { key: `${key}-src-replace`, img: source },
      replaced,
      badReplace,
      rng() < 0.5,
    );
    // remove A from a photo that shows A and B: good removes A, bad removes B (or nothing)
    const keepWord = pick(
      rng,
      WORDS.filter((w) => w !== from),
    );
    const both = await withText(source, keepWord, OPPOSITE[pos], st);
    const removedA = await withText(base, keepWord, OPPOSITE[pos], st);
    const badRemove = p % 2 === 0 ? source : both;
    await out.pair(
      {
        id: `${key}-remove`,
        category: "text",
        instruction: `remove the text '${from}'`,
        distractor: p % 2 === 0 ? "removed the wrong text" : "unchanged",
      },
      { key: `${key}-src-remove`, img: both },
      removedA,
      badRemove,
      rng() < 0.5,
    );
  }
}
