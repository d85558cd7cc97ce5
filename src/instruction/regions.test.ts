import { describe, expect, it } from "vitest";
import { colourAt, findColour } from "./colour-names.js";
import { findRegion } from "./regions.js";

const words = (text: string) => text.split(" ");

describe("findRegion", () => {
  it("reads sides, fractions, corners and the centre", () => {
    expect(findRegion(words("the top half"))?.region).toEqual({
      label: "top half",
      x0: 0,
      y0: 0,
      x1: 1,
      y1: 0.5,
    });
    expect(findRegion(words("the right side"))?.region?.label).toBe("right half");
    expect(findRegion(words("on the left"))?.region?.label).toBe("left half");
    expect(findRegion(words("the bottom twothirds"))?.region).toMatchObject({
      y0: expect.closeTo(1 / 3),
      y1: 1,
    });
    expect(findRegion(words("the bottomleft corner"))?.region).toMatchObject({
      x0: 0,
      y0: 0.5,
      x1: 0.5,
      y1: 1,
    });
    expect(findRegion(words("the centre"))?.region?.label).toBe("centre");
  });

  it("takes the complement after except", () => {
    const m = findRegion(words("everything except the left third"));
    expect(m?.complement).toBe(true);
    expect(m?.region).toMatchObject({ label: "right two-thirds", x0: expect.closeTo(1 / 3), x1: 1 });
    expect(findRegion(words("all but the centre"))?.region).toBeNull();
  });

  it("ignores sides that are not places", () => {
    expect(findRegion(words("rotate it right"))).toBeNull();
    expect(findRegion(words("make it brighter"))).toBeNull();
  });
});

describe("colour names", () => {
  it("maps names, shades and hex codes to RGB", () => {
    expect(findColour(words("a red border"))).toMatchObject({ name: "red", rgb: [220, 20, 20] });
    expect(findColour(words("a gray frame"))?.rgb).toEqual([128, 128, 128]);
    expect(colourAt(words("light blue"), 0)?.name).toBe("light blue");
    expect(colourAt(words("hex00ff00"), 0)).toMatchObject({ name: "#00ff00", rgb: [0, 255, 0] });
    expect(findColour(words("a thick border"))).toBeNull();
  });
});
