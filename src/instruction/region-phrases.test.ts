import { describe, expect, it } from "vitest";
import { createInstructionParser } from "./instruction-parser.js";
import { followsOf, type PhrasingRow } from "./phrasing-table.js";

const parser = createInstructionParser();

/** Regions, several changes, negation, and instructions outside the families. */
const ROWS: readonly PhrasingRow[] = [
  ["brighten only the top half", ["brightness:up@top half"]],
  ["make the left side darker", ["brightness:down@left half"]],
  ["blur the bottom third", ["blur@bottom third"]],
  ["increase the contrast in the centre", ["contrast:up@centre"]],
  ["desaturate the upper half", ["saturation:down@top half"]],
  ["sharpen the right third", ["sharpen@right third"]],
  ["brighten the top-left corner", ["brightness:up@top-left quarter"]],
  ["make the top left quarter black and white", ["grayscale@top-left quarter"]],
  ["pixelate the middle", ["pixelate@centre"]],
  ["add noise to the lower half", ["noise@bottom half"]],
  ["warm up the bottom half of the photo", ["temperature:warmer@bottom half"]],
  ["the left half is too dark", ["brightness:up@left half"]],
  ["the right side looks washed out", ["contrast:up@right half"]],
  ["the centre is blurry", ["sharpen@centre"]],
  ["Only darken the bottom half of the image", ["brightness:down@bottom half"]],
  ["brighten everything except the top half", ["brightness:up@bottom half"]],
  ["brighten it and add a red frame", ["brightness:up", "border:red"]],
  ["Could you please brighten the top half and add a red frame?", ["brightness:up@top half", "border:red"]],
  ["rotate 90 degrees and flip horizontally", ["rotate:90", "flip:horizontal"]],
  ["make it brighter, more contrasty and warmer", ["brightness:up", "contrast:up", "temperature:warmer"]],
  ["increase the brightness and contrast", ["brightness:up", "contrast:up"]],
  ["brighten and sharpen the left side", ["brightness:up@left half", "sharpen@left half"]],
  ["make the top half brighter and more saturated", ["brightness:up@top half", "saturation:up@top half"]],
  ["brighten it, but only the top half", ["brightness:up@top half"]],
  ["crop to a square and convert to black and white", ["crop:square/center", "grayscale"]],
  ["brighten the bottom half and crop to a square", ["brightness:up@bottom half", "crop:square/center"]],
  ["don't change the colours, just brighten it", ["brightness:up"]],
  ["Make it brighter without changing the colors", ["brightness:up"]],
  ["sharpen it without blurring the edges", ["sharpen"]],
  ["no blur, just sharpen", ["sharpen"]],
  ["Increase contrast but don't change the brightness", ["contrast:up"]],
  ["Sharpen the photo but do not add noise", ["sharpen"]],
  ["make the sky blue", ["unknown"]],
  ["Make the dog purple", ["unknown"]],
  ["blur the background", ["unknown"]],
  ["brighten the face", ["unknown"]],
  ["remove the grain", ["unknown"]],
  ["denoise the photo", ["unknown"]],
  ["it's too noisy", ["unknown"]],
  ["rotate it 45 degrees", ["unknown"]],
  ["straighten the horizon", ["tilt:"]],
  ["add a vignette", ["vignette:add"]],
  ["skew it into perspective", ["unknown"]],
  ["make it look like a painting", ["unknown"]],
];

describe("regions, multiple changes, negation, unknowns", () => {
  it.each(ROWS)("%s", (instruction, expected) => {
    expect(followsOf(parser, instruction)).toEqual(expected);
  });
});
