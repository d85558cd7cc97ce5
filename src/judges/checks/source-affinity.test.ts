import { describe, expect, it } from "vitest";
import { MAX_PASSED_OVER, pickTask } from "./source-affinity.js";

describe("pickTask", () => {
  it("takes the oldest task of the worker's own source, even behind older tasks of other sources", () => {
    expect(pickTask(["b", "b", "a", "a"], "a", ["b"])).toBe(2);
  });

  it("otherwise takes the oldest task of a source no other worker is on", () => {
    expect(pickTask(["a", "a", "c", "b"], null, ["a"])).toBe(2);
    expect(pickTask(["a", "a", "c", "b"], "z", ["a", "c"])).toBe(3);
  });

  it("otherwise helps with the oldest task, so a single case in flight still uses every worker", () => {
    expect(pickTask(["a", "a", "a"], null, ["a"])).toBe(0);
    expect(pickTask(["a", "b"], "z", ["a", "b"])).toBe(0);
  });

  it("is first-come order when no worker has begun anything", () => {
    expect(pickTask(["c", "a", "b"], null, [null])).toBe(0);
  });
});

describe("pickTask fairness", () => {
  it("takes the oldest task once it has been passed over MAX_PASSED_OVER times", () => {
    expect(pickTask(["y", "x", "x"], "x", ["x"], MAX_PASSED_OVER - 1)).toBe(1);
    expect(pickTask(["y", "x", "x"], "x", ["x"], MAX_PASSED_OVER)).toBe(0);
  });
});
