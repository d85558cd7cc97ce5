import { describe, expect, it } from "vitest";
import { solveLinear } from "./solve-linear.js";

describe("solveLinear", () => {
  it("solves a 3×3 system that needs a row swap (hand-checked: x = 1, y = 2, z = 3)", () => {
    // 0x + 2y + 1z = 7; 1x + 1y + 1z = 6; 2x + 0y + 3z = 11
    const x = solveLinear(
      [
        [0, 2, 1],
        [1, 1, 1],
        [2, 0, 3],
      ],
      [7, 6, 11],
    );
    expect(Array.from(x).map((v) => Number(v.toFixed(9)))).toEqual([1, 2, 3]);
  });

  it("leaves an unknown with a zero pivot at 0 instead of dividing by it", () => {
    expect(
      Array.from(
        solveLinear(
          [
            [2, 0],
            [0, 0],
          ],
          [4, 0],
        ),
      ),
    ).toEqual([2, 0]);
  });
});
