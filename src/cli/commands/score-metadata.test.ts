import { describe, expect, it, vi } from "vitest";
import { writeImages } from "../../judges/vlm/test-helpers/judge-fixture.js";
import { main } from "../main.js";

describe("editjudge score --metadata", () => {
  it("takes a JSON object; anything else is a one-line input error (exit 2)", async () => {
    const files = await writeImages(1);
    let err = "";
    vi.spyOn(process.stdout, "write").mockImplementation(() => true);
    vi.spyOn(process.stderr, "write").mockImplementation((s) => {
      err += String(s);
      return true;
    });
    const base = [
      "node",
      "editjudge",
      "score",
      "-s",
      files.source,
      "-i",
      "make it brighter",
      "-c",
      ...files.candidates,
    ];
    const ok = await main([...base, "--metadata", '{"requirement": "keep the roof"}', "--json"]);
    const notObject = await main([...base, "--metadata", "[1]"]);
    const notString = await main([...base, "--metadata", '{"requirement": 3}']);
    const notJson = await main([...base, "--metadata", "{"]);
    vi.restoreAllMocks();
    expect([ok, notObject, notString, notJson]).toEqual([0, 2, 2, 2]);
    expect(err).toMatch(/--metadata must be a JSON object/);
    expect(err).toMatch(/requirement must be a string/);
    expect(err).toMatch(/--metadata is not JSON/);
  });
});
