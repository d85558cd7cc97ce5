import { describe, expect, it } from "vitest";
import { createInstructionParser } from "./instruction-parser.js";
import { followsOf, type PhrasingRow } from "./phrasing-table.js";

const parser = createInstructionParser();

/** Vignette, posterize, hue shift and small-angle rotation: imperative, polite, complaint, casual. */
const ROWS: readonly PhrasingRow[] = [
  ["Add a vignette.", ["vignette:add"]],
  ["could you add a subtle vignette please", ["vignette:add"]],
  ["give it a dark vignette", ["vignette:add"]],
  ["Darken the corners", ["vignette:add"]],
  ["vignette it", ["vignette:add"]],
  ["pls darken the edges a bit", ["vignette:add"]],
  ["Remove the vignette", ["vignette:remove"]],
  ["get rid of the vignetting", ["vignette:remove"]],
  ["The corners are too dark.", ["vignette:remove"]],
  ["brighten the corners", ["vignette:remove"]],
  ["fix the vignetting please", ["vignette:remove"]],
  ["Posterize the image", ["posterize"]],
  ["posterise it to 4 levels", ["posterize:4"]],
  ["Could you posterize this photo with 6 levels?", ["posterize:6"]],
  ["give it a posterized look", ["posterize"]],
  ["apply a poster effect", ["posterize"]],
  ["Reduce the number of colour levels.", ["posterize"]],
  ["limit the colour palette", ["posterize"]],
  ["reduce the noise levels", ["unknown"]],
  ["Shift the hues", ["hue-shift"]],
  ["rotate the hue by 90 degrees", ["hue-shift:90"]],
  ["Could you shift the hue 45°?", ["hue-shift:45"]],
  ["change the hue by -30 degrees", ["hue-shift:-30"]],
  ["hue shift 180", ["hue-shift:180"]],
  ["turn the colours around the colour wheel by 120 degrees", ["hue-shift:120"]],
  ["Tilt it 12 degrees", ["tilt:cw12"]],
  ["tilt the photo 5 degrees to the left", ["tilt:ccw5"]],
  ["Rotate 5 degrees clockwise", ["tilt:cw5"]],
  ["rotate it 7° counterclockwise", ["tilt:ccw7"]],
  ["rotate by -4 degrees", ["tilt:ccw4"]],
  ["Straighten the horizon by 3°", ["tilt:3"]],
  ["straighten the photo", ["tilt:"]],
  ["The horizon is crooked, please fix it", ["tilt:"]],
  ["level the horizon", ["tilt:"]],
  ["it's tilted", ["tilt:"]],
  ["straighten it, it leans 4°", ["tilt:", "tilt:4"]],
  ["straighten it by rotating 2 degrees clockwise", ["tilt:cw2"]],
  // The quarter turns stay rotations.
  ["rotate 90 degrees clockwise", ["rotate:90"]],
  ["turn it 270 degrees", ["rotate:270"]],
];

describe("look and tilt phrasings", () => {
  it.each(ROWS)("%s → %j", (text, expected) => {
    expect(followsOf(parser, text)).toEqual(expected);
  });
});
