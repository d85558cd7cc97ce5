import { execFile } from "node:child_process";
import { mkdtemp, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import sharp from "sharp";
import { beforeAll, describe, expect, it } from "vitest";

const BIN = fileURLToPath(new URL("../../bin/editjudge.js", import.meta.url));

function run(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(process.execPath, [BIN, ...args], { timeout: 120_000 }, (error, stdout, stderr) => {
      const code = error && typeof error.code === "number" ? error.code : error ? 1 : 0;
      resolve({ code, stdout, stderr });
    });
  });
}

let dir = "";
let good = "";

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), "editjudge-cli-"));
  good = join(dir, "good.png");
  await sharp({ create: { width: 64, height: 48, channels: 3, background: { r: 90, g: 120, b: 200 } } })
    .png()
    .toFile(good);
}, 120_000);

/** One clear line on stderr, a non-zero exit, no stack trace. */
function expectCleanError(r: { code: number; stdout: string; stderr: string }, mention: RegExp) {
  expect(r.code).not.toBe(0);
  const lines = r.stderr.trim().split("\n");
  expect(lines).toHaveLength(1);
  expect(lines[0]).toMatch(/^editjudge: /);
  expect(lines[0]).toMatch(mention);
  expect(r.stderr).not.toMatch(/\n\s+at /);
}

describe("editjudge score: bad input", () => {
  it("names a corrupted (truncated) file", async () => {
    const bytes = await sharp(good).png().toBuffer();
    const path = join(dir, "corrupt.png");
    await writeFile(path, bytes.subarray(0, Math.floor(bytes.length / 2)));
    expectCleanError(await run(["score", "-s", good, "-i", "make it brighter", "-c", path]), /corrupt\.png/);
  });

  it("rejects a 100-megapixel PNG before decoding it", async () => {
    const path = join(dir, "huge.png");
    await sharp({ create: { width: 10_000, height: 10_000, channels: 3, background: "#808080" } })
      .png({ compressionLevel: 1 })
      .toFile(path);
    expectCleanError(
      await run(["score", "-s", path, "-i", "make it brighter", "-c", good]),
      /huge\.png.*100\.0 MP.*limit/,
    );
  }, 120_000);

  it("takes its pixel limit from --max-pixels or EDITJUDGE_MAX_PIXELS, as the refusal says", async () => {
    const args = ["score", "-s", good, "-i", "make it brighter", "-c", good, "--content", "off"];
    expectCleanError(
      await run([...args, "--max-pixels", "3000"]),
      /good\.png: image is 64×48 = 3072 px, over the 3000 px limit; .*--max-pixels/,
    );
    expect((await run([...args, "--max-pixels", "3072"])).code).toBe(0);
    const viaEnv = await new Promise<{ code: number; stderr: string }>((resolve) => {
      execFile(
        process.execPath,
        [BIN, ...args],
        { timeout: 120_000, env: { ...process.env, EDITJUDGE_MAX_PIXELS: "3000" } },
        (error, _stdout, stderr) => resolve({ code: error ? Number(error.code) : 0, stderr }),
      );
    });
    expect(viaEnv.code).toBe(2);
    expect(viaEnv.stderr).toMatch(/over the 3000 px limit/);
    expectCleanError(await run([...args, "--max-pixels", "0"]), /maxPixels/);
  }, 120_000);

  it("refuses --principle for a judge that derives its own principles, naming the judges that read them", async () => {
    expectCleanError(
      await run(["score", "-s", good, "-i", "make it brighter", "-c", good, "-p", "keep: the sky stays"]),
      /--principle: the checks judge does not read given principles .*: rubric$/,
    );
  });

  it("names a file that is not an image", async () => {
    const path = join(dir, "notes.png");
    await writeFile(path, "these are not pixels\n");
    expectCleanError(
      await run(["score", "-s", good, "-i", "make it brighter", "-c", path]),
      /notes\.png.*not a readable image/,
    );
  });

  it("refuses an empty instruction", async () => {
    expectCleanError(await run(["score", "-s", good, "-i", "   ", "-c", good]), /instruction is empty/);
  });

  it("names a missing file", async () => {
    expectCleanError(
      await run(["score", "-s", join(dir, "nope.png"), "-i", "make it brighter", "-c", good]),
      /nope\.png.*ENOENT/,
    );
  });
});

describe("an unknown judge id is a usage error", () => {
  it.each([
    ["score", () => ["score", "-s", good, "-i", "x", "-c", good, "--judge", "nope"]],
    ["serve", () => ["serve", "--port", "0", "--judge", "nope"]],
    [
      "curate",
      () => [
        "curate",
        join(dir, "rows.jsonl"),
        join(dir, "kept.jsonl"),
        "--min-reward",
        "0.5",
        "--judge",
        "nope",
      ],
    ],
  ])("editjudge %s --judge nope exits 2 naming the judges there are", async (_name, args) => {
    await writeFile(join(dir, "rows.jsonl"), '{"source":"good.png","instruction":"x","edited":"good.png"}\n');
    const r = await run(args());
    expectCleanError(r, /unknown judge "nope"; choose one of: .*checks/);
    expect(r.code).toBe(2);
  });
});
