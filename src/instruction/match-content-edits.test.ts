import { describe, expect, it } from "vitest";
import { matchContentEdits } from "./match-content-edits.js";

describe("matchContentEdits", () => {
  it.each([
    ["add the text 'SALE' at the top", [{ op: "text-add", text: "SALE", position: "top" }]],
    [
      'Write "Hello World" in the bottom-left corner',
      [{ op: "text-add", text: "Hello World", position: "bottom-left corner" }],
    ],
    ["add a caption saying 'OPEN'", [{ op: "text-add", text: "OPEN", position: null }]],
    ["change the text 'OPEN' to 'CLOSED'", [{ op: "text-replace", from: "OPEN", to: "CLOSED" }]],
    ["replace 'cat' with 'dog'", [{ op: "text-replace", from: "cat", to: "dog" }]],
    ["change the sign to 'SALE'", [{ op: "text-replace", from: "", to: "SALE" }]],
    ["remove the word 'STOP'", [{ op: "text-remove", text: "STOP" }]],
    ["add a puppy next to the door", [{ op: "object-add", object: "puppy", cocoClass: "dog", count: null }]],
    ["add two cats", [{ op: "object-add", object: "cats", cocoClass: "cat", count: 2 }]],
    ["remove the automobile", [{ op: "object-remove", object: "automobile", cocoClass: "car" }]],
    ["remove the woman on the left", [{ op: "object-remove", object: "woman", cocoClass: "person" }]],
    [
      "replace the cup with a teddy bear",
      [{ op: "object-replace", from: "cup", fromClass: "cup", to: "teddy bear", toClass: "teddy bear" }],
    ],
    ["add a unicorn", [{ op: "object-add", object: "unicorn", cocoClass: null, count: null }]],
    [
      "add a dog and remove the car",
      [
        { op: "object-add", object: "dog", cocoClass: "dog", count: null },
        { op: "object-remove", object: "car", cocoClass: "car" },
      ],
    ],
  ])("%s", (instruction, expected) => {
    expect(matchContentEdits(instruction)).toEqual(expected);
  });

  it.each([
    "make it brighter",
    "add a red border",
    "add some noise",
    "remove the color",
    "convert to grayscale",
    "rotate 90 degrees",
  ])("finds no content edit in %s", (instruction) => {
    expect(matchContentEdits(instruction)).toEqual([]);
  });
});

describe("matchContentEdits on style edits", () => {
  it.each(["turn the image into black and white", "change the photo to a painting", "turn it into night"])(
    "finds no content edit in %s",
    (instruction) => {
      expect(matchContentEdits(instruction)).toEqual([]);
    },
  );
});
