import { describe, expect, it } from "vitest";
import { createInstructionParser } from "./instruction-parser.js";
import { followsOf, type PhrasingRow } from "./phrasing-table.js";

const parser = createInstructionParser();

/** Brightness, contrast, saturation: imperative, polite, complaint, casual, inflected forms. */
const ROWS: readonly PhrasingRow[] = [
  ["Brighten the image.", ["brightness:up"]],
  ["Could you please make this photo a little brighter?", ["brightness:up"]],
  ["It's way too dark", ["brightness:up"]],
  ["the picture is underexposed", ["brightness:up"]],
  ["increase the exposure", ["brightness:up"]],
  ["Bump up the exposure a little", ["brightness:up"]],
  ["lighten it up a bit", ["brightness:up"]],
  ["pls make it brighter lol", ["brightness:up"]],
  ["The photo came out too dark.", ["brightness:up"]],
  ["kinda dark tbh", ["brightness:up"]],
  ["the photo is a bit dim", ["brightness:up"]],
  ["it's not bright enough", ["brightness:up"]],
  ["it should be brighter", ["brightness:up"]],
  ["Brightened", ["brightness:up"]],
  ["Darken the photo slightly", ["brightness:down"]],
  ["darkening the photo would be nice", ["brightness:down"]],
  ["this is too bright", ["brightness:down"]],
  ["it's overexposed, fix it", ["brightness:down"]],
  ["Tone down the brightness please", ["brightness:down"]],
  ["Way too bright!!", ["brightness:down"]],
  ["Lower the exposure.", ["brightness:down"]],
  ["make it darker pls", ["brightness:down"]],
  ["Increase the contrast", ["contrast:up"]],
  ["more punch please", ["contrast:up"]],
  ["it looks flat", ["contrast:up"]],
  ["it's very flat looking", ["contrast:up"]],
  ["it needs more contrast", ["contrast:up"]],
  ["it lacks contrast", ["contrast:up"]],
  ["the contrast is too low", ["contrast:up"]],
  ["Could you add some contrast?", ["contrast:up"]],
  ["Punch up the contrast", ["contrast:up"]],
  ["lower the contrast", ["contrast:down"]],
  ["Less contrast please", ["contrast:down"]],
  ["the contrast is too harsh", ["contrast:down"]],
  ["it's too contrasty", ["contrast:down"]],
  ["there's too much contrast", ["contrast:down"]],
  ["soften the contrast", ["contrast:down"]],
  ["make the colours more vivid", ["saturation:up"]],
  ["boost the saturation", ["saturation:up"]],
  ["Make the colours richer", ["saturation:up"]],
  ["make the colors pop", ["saturation:up"]],
  ["the colours look washed-out", ["saturation:up"]],
  ["colors look dull", ["saturation:up"]],
  ["the colours aren't vivid enough", ["saturation:up"]],
  ["more saturated please", ["saturation:up"]],
  ["the colours are too vivid", ["saturation:down"]],
  ["colours are garish", ["saturation:down"]],
  ["The colours are too strong", ["saturation:down"]],
  ["make the colors more muted", ["saturation:down"]],
  ["desaturate it a bit", ["saturation:down"]],
  ["Can you make the colours less saturated?", ["saturation:down"]],
];

describe("tone phrasings", () => {
  it.each(ROWS)("%s", (instruction, expected) => {
    expect(followsOf(parser, instruction)).toEqual(expected);
  });
});
