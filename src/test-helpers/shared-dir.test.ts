import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { describeWithShared, missingShared, SHARED_DIR, sharedPath } from "./shared-dir.js";

describe("shared folder helper", () => {
  it("is ../shared from the repository root unless EDITJUDGE_SHARED_DIR names another", () => {
    const override = process.env.EDITJUDGE_SHARED_DIR;
    const repo = resolve(import.meta.dirname, "../..");
    expect(SHARED_DIR).toBe(override ? resolve(repo, override) : resolve(repo, "../shared"));
    expect(sharedPath("photos", "kodim01.png")).toBe(join(SHARED_DIR, "photos", "kodim01.png"));
  });

  it("names the first missing path and how to provide it", () => {
    const reason = missingShared(["no-such-folder/setup.sh"]);
    expect(reason).toMatch(
      /is missing \(the shared folder is \.\.\/shared beside the repository, or set EDITJUDGE_SHARED_DIR\)$/,
    );
    expect(reason).toContain(missingShared() === null ? sharedPath("no-such-folder/setup.sh") : SHARED_DIR);
  });
});

// Never runs: its need is missing, so the block is skipped with a printed reason instead of failing.
describeWithShared("a block whose shared input is missing", ["no-such-folder/setup.sh"], () => {
  it("is skipped, not run", () => {
    throw new Error("describeWithShared ran a block whose shared input is missing");
  });
});

describe("missingShared with files that exist", () => {
  const dir = mkdtempSync(join(tmpdir(), "ej-shared-"));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  it("is null when the shared folder and every need are there", () => {
    expect(missingShared([dir])).toBe(missingShared());
  });
});
