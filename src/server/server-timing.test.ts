import { describe, expect, it } from "vitest";
import { parseServerTiming } from "./server-timing.js";

describe("parseServerTiming", () => {
  it("reads name;dur pairs and skips entries without a duration", () => {
    const phases = parseServerTiming(
      "read;dur=0.412, work;dur=6.018,reply;dur=0.031, cache, total;dur=6.468",
    );
    expect([...phases]).toEqual([
      ["read", 0.412],
      ["work", 6.018],
      ["reply", 0.031],
      ["total", 6.468],
    ]);
    expect(parseServerTiming("").size).toBe(0);
  });
});
