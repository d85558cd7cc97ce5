import { describe, expect, it } from "vitest";
import { createInstructionParser } from "./instruction-parser.js";
import { followsOf, type PhrasingRow } from "./phrasing-table.js";

const parser = createInstructionParser();

/** Blur, sharpen, noise, pixelate, resize. */
const ROWS: readonly PhrasingRow[] = [
  ["blur the image", ["blur"]],
  ["make it blurry", ["blur"]],
  ["soften it", ["blur"]],
  ["Apply a gaussian blur", ["blur"]],
  ["Make it out of focus", ["blur"]],
  ["Defocus the picture", ["blur"]],
  ["blurred, please", ["blur"]],
  ["sharpen the photo", ["sharpen"]],
  ["make it crisper", ["sharpen"]],
  ["it's blurry", ["sharpen"]],
  ["the image is a bit soft", ["sharpen"]],
  ["not sharp enough", ["sharpen"]],
  ["needs to be less blurry", ["sharpen"]],
  ["Enhance the details", ["sharpen"]],
  ["sharpening needed", ["sharpen"]],
  ["add film grain", ["noise"]],
  ["add some noise", ["noise"]],
  ["Make it look grainy like film", ["noise"]],
  ["pixelate it", ["pixelate"]],
  ["Make it pixelated", ["pixelate"]],
  ["apply a mosaic effect", ["pixelate"]],
  ["censor the image with pixelation", ["pixelate"]],
  ["resize to 50%", ["resize:down/0.5"]],
  ["make it half the size", ["resize:down/0.5"]],
  ["Scale the image to 25%", ["resize:down/0.25"]],
  ["downscale the image", ["resize:down"]],
  ["shrink it", ["resize:down"]],
  ["Make it smaller", ["resize:down"]],
  ["resize it to 400 pixels wide", ["resize:down/400x"]],
  ["Downsize to 1024x768", ["resize:down/1024x768"]],
  ["resize to a height of 300 pixels", ["resize:down/x300"]],
  ["reduce the size by 25%", ["resize:down/0.75"]],
  ["upscale it 2x", ["resize:up/2"]],
  ["double the size", ["resize:up/2"]],
  ["it's too small", ["resize:up"]],
  ["enlarge the photo", ["resize:up"]],
];

describe("filter and resize phrasings", () => {
  it.each(ROWS)("%s", (instruction, expected) => {
    expect(followsOf(parser, instruction)).toEqual(expected);
  });
});
