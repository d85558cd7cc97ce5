import { describe, expect, it } from "vitest";
import { InputError } from "../errors/input-error.js";
import { createInstructionParser } from "./instruction-parser.js";

const parser = createInstructionParser();

describe("principles from an instruction", () => {
  it("gives one follow, a content keep and a quality principle for a global edit", () => {
    const principles = parser.parse("brighten it");
    expect(principles.map((p) => [p.id, p.kind])).toEqual([
      ["follow-1", "follow"],
      ["keep-1", "keep"],
      ["quality-1", "quality"],
    ]);
    const [follow, keep, quality] = principles;
    expect(follow).toMatchObject({
      text: "The image is brighter",
      op: { op: "brightness", direction: "up" },
      origin: "parser",
    });
    expect(follow?.region).toBeUndefined();
    expect(keep).toMatchObject({ scope: "content", allows: ["brightness"], origin: "parser" });
    expect(quality).toMatchObject({ kind: "quality", allows: ["brightness"] });
  });

  it("keeps everything outside a region when a change is restricted to it", () => {
    const [follow, keep] = parser.parse("Could you brighten only the top half?");
    const topHalf = { label: "top half", x0: 0, y0: 0, x1: 1, y1: 0.5 };
    expect(follow).toMatchObject({ text: "The top half is brighter", region: topHalf });
    expect(keep).toMatchObject({
      kind: "keep",
      scope: "outside-region",
      region: topHalf,
      text: "Everything outside the top half stays unchanged",
    });
  });

  it("uses normalised source coordinates for the centre, thirds and corners", () => {
    const region = (instruction: string) => parser.parse(instruction)[0]?.region;
    expect(region("blur the centre")).toEqual({ label: "centre", x0: 0.25, y0: 0.25, x1: 0.75, y1: 0.75 });
    expect(region("darken the bottom third")).toMatchObject({
      x0: 0,
      y0: expect.closeTo(2 / 3),
      x1: 1,
      y1: 1,
    });
    expect(region("sharpen the right third")).toMatchObject({
      x0: expect.closeTo(2 / 3),
      y0: 0,
      x1: 1,
      y1: 1,
    });
    expect(region("brighten the left side")).toMatchObject({
      label: "left half",
      x0: 0,
      x1: 0.5,
      y0: 0,
      y1: 1,
    });
    expect(region("pixelate the top-right corner")).toMatchObject({ x0: 0.5, y0: 0, x1: 1, y1: 0.5 });
  });

  it("lists global ops a regional keep must tolerate", () => {
    const principles = parser.parse("brighten the top half and add a red frame");
    const keep = principles.find((p) => p.kind === "keep");
    expect(keep).toMatchObject({ scope: "outside-region", allows: ["border"] });
    expect(keep?.text).toContain("apart from the requested border");
    expect(principles.find((p) => p.id === "follow-2")).toMatchObject({
      text: "The image has a red border",
      op: { op: "border", color: [220, 20, 20], colorName: "red" },
    });
  });

  it("crops with an anchor rather than restricting a region", () => {
    const [follow, keep] = parser.parse("crop to the left half");
    expect(follow).toMatchObject({ op: { op: "crop", shape: "half", anchor: "left" } });
    expect(follow?.region).toBeUndefined();
    expect(keep).toMatchObject({ scope: "content", allows: ["crop"] });
  });

  it("gives an unknown follow with a reason, plus keep and quality, outside the families", () => {
    const principles = parser.parse("Make it look like summer");
    expect(principles.map((p) => p.kind)).toEqual(["follow", "keep", "quality"]);
    const follow = principles[0];
    expect(follow?.text).toBe("Make it look like summer");
    expect(follow?.op?.op).toBe("unknown");
    expect(follow?.op?.op === "unknown" && follow.op.reason.length > 10).toBe(true);
    expect(principles[1]).toMatchObject({ scope: "content", allows: [] });
  });

  it("explains why an object-scoped or denoising request is unknown", () => {
    const reason = (instruction: string) => {
      const op = parser.parse(instruction)[0]?.op;
      return op?.op === "unknown" ? op.reason : "";
    };
    expect(reason("make the sky blue")).toMatch(/sky/);
    expect(reason("remove the grain")).toMatch(/denois/i);
    expect(reason("rotate it 60 degrees")).toMatch(/60°/);
    expect(reason("adjust the contrast")).toMatch(/increase or decrease/);
  });

  it("numbers several follows and reads rotation text", () => {
    const principles = parser.parse("rotate 90 degrees counterclockwise and mirror it");
    expect(principles.filter((p) => p.kind === "follow").map((p) => [p.id, p.text])).toEqual([
      ["follow-1", "The image is rotated 90° counter-clockwise"],
      ["follow-2", "The image is mirrored left to right"],
    ]);
  });

  it("always returns follow, keep and quality principles, even for junk", () => {
    let seed = 7;
    const next = () => {
      seed = (seed * 1103515245 + 12345) % 2147483648;
      return seed / 2147483648;
    };
    const chars = "abcdefghijklmnopqrstuvwxyz ,.;!?'\"%#-0123456789&/";
    for (let n = 0; n < 300; n++) {
      let text = "x";
      for (let k = Math.floor(next() * 40); k > 0; k--) text += chars[Math.floor(next() * chars.length)];
      const kinds = parser.parse(text).map((p) => p.kind);
      expect(kinds.filter((k) => k === "keep")).toHaveLength(1);
      expect(kinds.filter((k) => k === "quality")).toHaveLength(1);
      expect(kinds[0]).toBe("follow");
    }
  });

  it.each([
    ["add the text 'SALE' at the top-right corner", "top-right corner"],
    ["add the text 'SALE' in the top right corner", "top-right corner"],
    ["add the word 'HI' at the bottom left", "bottom-left"],
    ["add the word 'HI' at the lower-left", "bottom-left"],
    ["write 'GO' at the top", "top"],
  ])("keeps both words of a corner position through normalisation: %s", (instruction, position) => {
    const follow = parser.parse(instruction).find((p) => p.kind === "follow");
    expect(follow?.op).toMatchObject({ op: "text-add", position });
  });

  it("rejects an empty instruction with an input error", () => {
    expect(() => parser.parse("   ")).toThrow(InputError);
  });
});
