import { describe, expect, it } from "vitest";
import { createInstructionParser } from "./instruction-parser.js";
import { followsOf, type PhrasingRow } from "./phrasing-table.js";

const parser = createInstructionParser();

/** Black and white, sepia, white balance, invert. */
const ROWS: readonly PhrasingRow[] = [
  ["turn it black and white", ["grayscale"]],
  ["convert to grayscale", ["grayscale"]],
  ["greyscale please", ["grayscale"]],
  ["make it monochrome", ["grayscale"]],
  ["b&w", ["grayscale"]],
  ["Convert this photo to black-and-white", ["grayscale"]],
  ["remove all colour", ["grayscale"]],
  ["Strip out all the colour.", ["grayscale"]],
  ["stripping away the colours would be nice", ["grayscale"]],
  ["Would you mind removing the colour from the top third?", ["grayscale@top third"]],
  ["I want it black and white", ["grayscale"]],
  ["apply a sepia filter", ["sepia"]],
  ["give it a vintage brown look", ["sepia"]],
  ["make it look like an old photo", ["sepia"]],
  ["Make it sepia toned", ["sepia"]],
  ["make it warmer", ["temperature:warmer"]],
  ["warm up the white balance", ["temperature:warmer"]],
  ["it's too blue", ["temperature:warmer"]],
  ["The image looks too cold", ["temperature:warmer"]],
  ["the image has a blue cast", ["temperature:warmer"]],
  ["the photo is too yellow", ["temperature:cooler"]],
  ["it's too orange", ["temperature:cooler"]],
  ["make it cooler", ["temperature:cooler"]],
  ["cool it down a little", ["temperature:cooler"]],
  ["Make the white balance cooler", ["temperature:cooler"]],
  ["remove the yellow cast", ["temperature:cooler"]],
  ["Could you make it more blue?", ["temperature:cooler"]],
  ["invert the colors", ["invert"]],
  ["make it a negative", ["invert"]],
  ["Reverse the colours", ["invert"]],
  ["Make it look like a photo negative", ["invert"]],
];

describe("style and colour phrasings", () => {
  it.each(ROWS)("%s", (instruction, expected) => {
    expect(followsOf(parser, instruction)).toEqual(expected);
  });
});
