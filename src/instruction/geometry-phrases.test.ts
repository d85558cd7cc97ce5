import { describe, expect, it } from "vitest";
import { createInstructionParser } from "./instruction-parser.js";
import { followsOf, type PhrasingRow } from "./phrasing-table.js";

const parser = createInstructionParser();

/** Rotation, flips, crops, borders. A bare "rotate 90" is clockwise; "crop to the left half" is a crop, not a region. */
const ROWS: readonly PhrasingRow[] = [
  ["rotate 90 degrees", ["rotate:90"]],
  ["rotate the image 90° clockwise", ["rotate:90"]],
  ["rotate it 90 degrees counterclockwise", ["rotate:270"]],
  ["rotate anticlockwise by 90", ["rotate:270"]],
  ["rotate 90 ccw", ["rotate:270"]],
  ["rotate it a quarter turn to the right", ["rotate:90"]],
  ["turn it a quarter turn to the left", ["rotate:270"]],
  ["rotate left", ["rotate:270"]],
  ["rotate right", ["rotate:90"]],
  ["Turn it 90 degrees to the left", ["rotate:270"]],
  ["rotate 180", ["rotate:180"]],
  ["give it a half turn", ["rotate:180"]],
  ["Turn the image upside down", ["rotate:180"]],
  ["Spin it around 180°", ["rotate:180"]],
  ["rotate by 270 degrees", ["rotate:270"]],
  ["I'd like the image rotated 90 degrees clockwise", ["rotate:90"]],
  ["flip horizontally", ["flip:horizontal"]],
  ["mirror it", ["flip:horizontal"]],
  ["flip it left to right", ["flip:horizontal"]],
  ["flip along the vertical axis", ["flip:horizontal"]],
  ["mirrored horizontally", ["flip:horizontal"]],
  ["flip vertically", ["flip:vertical"]],
  ["flip it upside down", ["flip:vertical"]],
  ["Flip the picture top to bottom", ["flip:vertical"]],
  ["crop to the left half", ["crop:half/left"]],
  ["Crop it to the right half", ["crop:half/right"]],
  ["crop the top third", ["crop:third/top"]],
  ["crop it square", ["crop:square/center"]],
  ["Crop to a centered square", ["crop:square/center"]],
  ["Make it square", ["crop:square/center"]],
  ["crop to the center", ["crop:center/center"]],
  ["crop the image to the middle", ["crop:center/center"]],
  ["crop out the bottom half", ["crop:half/top"]],
  ["cut off the right third", ["crop:two-thirds/left"]],
  ["keep only the right half", ["crop:half/right"]],
  ["zoom in", ["crop:center/center"]],
  ["cropped to a square", ["crop:square/center"]],
  ["add a red border", ["border:red"]],
  ["put a thin white frame around it", ["border:white"]],
  ["Put a frame around it", ["border:none"]],
  ["frame it in gold", ["border:gold"]],
  ["add a light blue border", ["border:light blue"]],
  ["add a navy border", ["border:navy"]],
  ["add a #00ff00 border", ["border:#00ff00"]],
  ["Surround it with a thick green border", ["border:green"]],
];

describe("geometry phrasings", () => {
  it.each(ROWS)("%s", (instruction, expected) => {
    expect(followsOf(parser, instruction)).toEqual(expected);
  });
});
