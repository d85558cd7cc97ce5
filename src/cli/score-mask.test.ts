import { execFile } from "node:child_process";
import { existsSync } from "node:fs";
import { mkdtemp, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { beforeAll, describe, expect, it } from "vitest";
import type { JudgeResult } from "../contract/result.js";
import { maskCaseImages } from "../judges/checks/test-helpers/mask-cases.js";

const BIN = fileURLToPath(new URL("../../bin/editjudge.js", import.meta.url));
const PHOTO = fileURLToPath(new URL("../../../shared/photos/kodim05.png", import.meta.url));
const HAVE_PHOTO = existsSync(PHOTO);
if (!HAVE_PHOTO) console.warn(`score --mask tests skipped: ${PHOTO} is missing (../shared/photos)`);

function run(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(process.execPath, [BIN, ...args], { timeout: 120_000 }, (error, stdout, stderr) => {
      const code = error && typeof error.code === "number" ? error.code : error ? 1 : 0;
      resolve({ code, stdout, stderr });
    });
  });
}

const files: Record<string, string> = {};

beforeAll(async () => {
  if (!HAVE_PHOTO) return;
  const dir = await mkdtemp(join(tmpdir(), "editjudge-mask-"));
  const img = await maskCaseImages(PHOTO);
  const all: Record<string, Uint8Array> = {
    source: img.source,
    mask: img.mask,
    square: img.squareMask,
    inpainted: img.candidates.inpainted,
    spilled: img.candidates.spilled,
  };
  for (const [name, bytes] of Object.entries(all)) {
    files[name] = join(dir, `${name}.png`);
    await writeFile(files[name] as string, bytes);
  }
}, 120_000);

describe.skipIf(!HAVE_PHOTO)("editjudge score --mask", () => {
  const instruction = "remove the object and fill in the background";

  it("judges outside the mask strictly and names where an edit spilled", async () => {
    const args = ["score", "-s", files.source, "-i", instruction, "-c", files.inpainted, files.spilled];
    const r = await run([...(args as string[]), "--mask", files.mask as string, "--json"]);
    expect(r.stderr).toBe("");
    expect(r.code).toBe(0);
    const result = JSON.parse(r.stdout) as JudgeResult;
    const keep = (i: number) => result.candidates[i]?.verdicts.find((v) => v.principleId === "keep-1");
    expect(keep(0)?.status).toBe("pass");
    expect(keep(1)?.status).toBe("fail");
    expect(keep(1)?.evidence.measurements.spillPlace).toBe("top-left");
    const text = await run([...(args as string[]), "-m", files.mask as string]);
    expect(text.stdout).toMatch(/FAIL\s+keep-1 .*spilled outside the mask: .* px\) changed at the top-left/);
  });

  it("refuses a mask of another shape with one clear line and exit code 2", async () => {
    const r = await run([
      "score",
      "-s",
      files.source as string,
      "-i",
      instruction,
      "-c",
      files.inpainted as string,
      "--mask",
      files.square as string,
    ]);
    expect(r.code).toBe(2);
    const lines = r.stderr.trim().split("\n");
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(
      /^editjudge: mask .*square\.png is 256×256 but the source .*source\.png is 384×256/,
    );
    expect(r.stderr).not.toMatch(/\n\s+at /);
  });
});
