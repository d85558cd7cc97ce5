import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { writeItemsJsonl } from "../../bench/test-helpers/bench-fixtures.js";
import { main } from "../main.js";

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), "editjudge-bench-cli-"));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function capture(argv: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = "";
  let err = "";
  const o = vi.spyOn(process.stdout, "write").mockImplementation((s) => {
    out += String(s);
    return true;
  });
  const e = vi.spyOn(process.stderr, "write").mockImplementation((s) => {
    err += String(s);
    return true;
  });
  try {
    const code = await main(["node", "editjudge", ...argv]);
    return { code, out, err };
  } finally {
    o.mockRestore();
    e.mockRestore();
  }
}

describe("editjudge bench", () => {
  it("keeps the pairwise JSON shape for EditJudge JSONL with --judge checks", async () => {
    const file = await writeItemsJsonl(dir, 4);
    const { code, out } = await capture([
      "bench",
      file,
      "--judge",
      "checks",
      "--json",
      "--no-store",
      "--bootstrap",
      "50",
    ]);
    expect(code).toBe(0);
    const json = JSON.parse(out);
    expect(json).toMatchObject({
      n: 4,
      ties: expect.any(Number),
      abstained: expect.any(Number),
      judge: "checks",
    });
    expect(typeof json.accuracy).toBe("number");
    expect(Object.keys(json.byCategory).sort()).toEqual(["brighter", "darker"]);
    expect(json.byCategory.brighter).toMatchObject({ n: 2, accuracy: expect.any(Number) });
    expect(json.metrics["pairwise-strict"].convention).toBe("pairwise-strict");
    const rows = (await capture(["bench", file, "--json", "--rows", "--no-store", "--bootstrap", "10"])).out;
    const first = JSON.parse(rows).rows[0];
    expect(first).toMatchObject({ id: "p0", category: "brighter", preferred: 0 });
    expect(first.rewards).toHaveLength(2);
    expect(["correct", "wrong", "tie", "abstained"]).toContain(first.outcome);
  });

  it("exits 2 with a readable message on a bad format or a missing file", async () => {
    const missing = await capture(["bench", join(dir, "nope.jsonl"), "--no-store"]);
    expect(missing.code).toBe(2);
    expect(missing.err).toMatch(/nope\.jsonl: no such file/);
    const bad = await capture(["bench", join(dir, "pairs.jsonl"), "--format", "xyz", "--no-store"]);
    expect(bad.code).toBe(2);
    expect(bad.err).toMatch(/unknown format "xyz"/);
  });
});
