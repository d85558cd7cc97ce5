import { describe, expect, it } from "vitest";
import { createInstructionParser } from "./instruction-parser.js";
import { followsOf, type PhrasingRow } from "./phrasing-table.js";

const parser = createInstructionParser();

/** A second table in other words: casual, inflected, numeric and multi-clause phrasings across the families. */
const ROWS: readonly PhrasingRow[] = [
  ["Kindly increase the image brightness.", ["brightness:up"]],
  ["I'd appreciate it if you could darken this a little.", ["brightness:down"]],
  ["Honestly the pic is super dark, fix pls", ["brightness:up"]],
  ["a bit brighter", ["brightness:up"]],
  ["exposure +1", ["brightness:up"]],
  ["It's a little on the dark side", ["brightness:up"]],
  ["the highlights are blown out", ["brightness:down"]],
  ["I think it's a bit too light", ["brightness:down"]],
  ["needs more pop", ["contrast:up"]],
  ["make the image look less flat", ["contrast:up"]],
  ["reduce the punchiness", ["contrast:down"]],
  ["Flatten the contrast.", ["contrast:down"]],
  ["make it less colourful", ["saturation:down"]],
  ["It is overly vivid.", ["saturation:down"]],
  ["Those colours are too loud.", ["saturation:down"]],
  ["give it some color", ["saturation:up"]],
  ["Could the photo be converted to monochrome?", ["grayscale"]],
  ["desaturate completely", ["grayscale"]],
  ["take all the color out of it", ["grayscale"]],
  ["I'd prefer this without any colour.", ["grayscale"]],
  ["can you make it look old-fashioned", ["sepia"]],
  ["the tones are too cool", ["temperature:warmer"]],
  ["add a blue tint", ["temperature:cooler"]],
  ["it has an orange tint", ["temperature:cooler"]],
  ["inverting the colours would be great", ["invert"]],
  ["please rotate the picture 90 degrees anti-clockwise", ["rotate:270"]],
  ["the image needs to be rotated 180 degrees", ["rotate:180"]],
  ["could you rotate it by ninety degrees", ["rotate:90"]],
  ["turn it clockwise", ["rotate:90"]],
  ["flip it on the vertical axis", ["flip:horizontal"]],
  ["flip over the horizontal axis", ["flip:vertical"]],
  ["Reverse the picture top to bottom.", ["flip:vertical"]],
  ["crop it to the top two thirds", ["crop:two-thirds/top"]],
  ["cut the image in half", ["crop:half/center"]],
  ["only keep the centre", ["crop:center/center"]],
  ["Trim the photo to the leftmost third.", ["crop:third/left"]],
  ["crop it to a right-aligned square please", ["crop:square/right"]],
  ["Too much going on here, just give me the upper half.", ["crop:half/top"]],
  ["Keep only the lower third and crop away the rest.", ["crop:third/bottom"]],
  ["There's too much in the frame; crop it to the centre.", ["crop:center/center"]],
  ["border it in white", ["border:white"]],
  ["a border in dark green please", ["border:dark green"]],
  ["give it a soft focus", ["blur"]],
  ["it's too sharp", ["blur"]],
  ["remove the blur", ["sharpen"]],
  ["the photo lacks detail", ["sharpen"]],
  ["Add a little noise.", ["noise"]],
  ["Would you add a bit of noise to it?", ["noise"]],
  ["I want big pixels, like an 8-bit game.", ["pixelate"]],
  ["apply a pixel effect", ["pixelate"]],
  ["halve the size", ["resize:down/0.5"]],
  ["scale down by 2", ["resize:down/0.5"]],
  ["The file is too big, downscale it by a factor of 4.", ["resize:down/0.25"]],
  ["scale it up 3x", ["resize:up/3"]],
  ["make it 300 px tall", ["resize:down/x300"]],
  ["The lower third looks too blue; change only that area.", ["temperature:warmer@bottom third"]],
  ["the top part looks too dark", ["brightness:up@top half"]],
  ["darken the top of the photo", ["brightness:down@top half"]],
  ["take all the color out of the centre only pls", ["grayscale@centre"]],
  [
    "Would you mute the colours of the right-hand side, leaving everything else untouched?",
    ["saturation:down@right half"],
  ],
  [
    "brighten the top half and darken the bottom half",
    ["brightness:up@top half", "brightness:down@bottom half"],
  ],
  ["desaturate and blur the bottom half", ["saturation:down@bottom half", "blur@bottom half"]],
  [
    "rotate 90° clockwise, mirror horizontally and add a red border",
    ["rotate:90", "flip:horizontal", "border:red"],
  ],
  ["don't crop it, just rotate 90 degrees", ["rotate:90"]],
  ["please don't add any border, just sharpen it", ["sharpen"]],
  ["keep the colours, increase the contrast", ["contrast:up"]],
  ["recolor the shirt red", ["unknown"]],
  ["desaturate everything but the centre", ["unknown"]],
  ["adjust the contrast", ["unknown"]],
  ["trim the bottom quarter", ["unknown"]],
];

describe("mixed phrasings", () => {
  it.each(ROWS)("%s", (instruction, expected) => {
    expect(followsOf(parser, instruction)).toEqual(expected);
  });
});
