import { describe, expect, it } from "vitest";
import { mapPixels, syntheticImage } from "../../checks/test-helpers/synthetic-image.js";
import { PairAnalysis, SourceAnalysis } from "./pair-analysis.js";

describe("SourceAnalysis.derived", () => {
  it("computes a fact of one source-side object once and shares it with the candidates that keep the frame", () => {
    const image = syntheticImage(160, 120, 7);
    const source = new SourceAnalysis(image);
    const brighter = new PairAnalysis(
      source,
      mapPixels(image, (r, g, b) => [r + 20, g + 20, b + 20]),
    );
    const darker = new PairAnalysis(
      source,
      mapPixels(image, (r, g, b) => [r * 0.8, g * 0.8, b * 0.8]),
    );
    expect(brighter.luma.source).toBe(darker.luma.source);
    let made = 0;
    const make = () => ++made;
    expect(source.derived(brighter.luma.source, "x", make)).toBe(1);
    expect(source.derived(darker.luma.source, "x", make)).toBe(1);
    expect(source.derived(darker.luma.source, "y", make)).toBe(2);
    expect(source.derived(darker.luma.candidate, "x", make)).toBe(3);
    // Halos read the shared edge range: the same numbers as a pair analysed on its own.
    const alone = new PairAnalysis(new SourceAnalysis(image), darker.candidate);
    expect(darker.halo).toEqual(alone.halo);
  });
});
