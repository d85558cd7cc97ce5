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

describe("editjudge bench: what it refuses and what it reports", () => {
  it("refuses --settings keys or values score would refuse, and counts below their floor (exit 2)", async () => {
    const file = await writeItemsJsonl(dir, 2);
    const cases: Array<[string[], RegExp]> = [
      [
        ["--settings", '{"nope":1}'],
        /--settings: unknown setting "nope"; the settings are those of docs\/judges\.md/,
      ],
      [["--settings", '{"maxSide":-1}'], /--settings: setting "maxSide" is invalid/],
      [["--settings", '{"concurrency":0}'], /--settings: setting "concurrency" is invalid/],
      [["--concurrency", "0"], /--concurrency must be an integer ≥ 1, got "0"/],
      [["--concurrency", "-1"], /--concurrency must be an integer ≥ 1/],
      [["--bootstrap", "-5"], /--bootstrap must be an integer ≥ 0/],
      [["--tie-threshold", "-0.1"], /--tie-threshold must be a number ≥ 0/],
    ];
    for (const [args, message] of cases) {
      const { code, err } = await capture(["bench", file, "--no-store", "--judge", "checks", ...args]);
      expect(code, args.join(" ")).toBe(2);
      expect(err).toMatch(message);
    }
    // The checks judge's own setting passes the shared check (and is checked by the judge).
    const ok = await capture(["bench", file, "--no-store", "--settings", '{"workers":0,"content":"off"}']);
    expect(ok.code).toBe(0);
  }, 120_000);

  it("names the items it could not judge on stderr and exits 1, still printing the numbers", async () => {
    const { writeFile } = await import("node:fs/promises");
    await writeItemsJsonl(dir, 2);
    const bad = join(dir, "bad.jsonl");
    const row = { id: "typo", instruction: "make it brighter", candidates: ["bright.png", "dark.png"] };
    await writeFile(
      bad,
      `${JSON.stringify({ ...row, source: "sourse.png", preferred: 0 })}\n${JSON.stringify({ ...row, id: "fine", source: "source.png", preferred: 0 })}\n`,
    );
    try {
      const { code, out, err } = await capture([
        "bench",
        bad,
        "--no-store",
        "--settings",
        '{"content":"off"}',
      ]);
      expect(code).toBe(1);
      expect(out).toMatch(/abstained 1\/2/);
      expect(err).toMatch(/1 of 2 items could not be judged and count as abstained/);
      expect(err).toMatch(/typo: .*sourse\.png/);
      expect(err).not.toMatch(/\bfine:/);
    } finally {
      process.exitCode = undefined;
    }
  }, 120_000);
});
