import { existsSync } from "node:fs";
import { isAbsolute, resolve } from "node:path";
import { describe } from "vitest";

const REPO_ROOT = resolve(import.meta.dirname, "../..");

/**
 * The shared material beside the repository: `../shared` from the repository root, or the folder named by
 * `EDITJUDGE_SHARED_DIR` (relative paths resolve against the repository root). It holds what is too big or
 * not ours to vendor: the real llama-server and its model, the original projects' reference files.
 */
export const SHARED_DIR = sharedDir(process.env.EDITJUDGE_SHARED_DIR);

function sharedDir(override: string | undefined): string {
  if (!override) return resolve(REPO_ROOT, "../shared");
  return isAbsolute(override) ? override : resolve(REPO_ROOT, override);
}

/** Absolute path inside the shared folder. */
export function sharedPath(...parts: string[]): string {
  return resolve(SHARED_DIR, ...parts);
}

/** Why a test needing these shared paths cannot run, or null when they are all there. */
export function missingShared(needs: readonly string[]): string | null {
  const missing = needs.map((p) => sharedPath(p)).filter((p) => !existsSync(p));
  if (!existsSync(SHARED_DIR)) missing.unshift(SHARED_DIR);
  if (missing.length === 0) return null;
  return `${missing[0]} is missing (the shared folder is ../shared beside the repository, or set EDITJUDGE_SHARED_DIR)`;
}

/**
 * `describe` for tests that use the shared folder: run when it (and each path in `needs`, relative to it) is
 * there; otherwise the block is skipped and the reason is printed, so a fresh clone's `npm test` passes and says
 * what it did not run. CI always has the shared folder.
 */
export function describeWithShared(name: string, needs: readonly string[], body: () => void): void {
  const reason = missingShared(needs);
  if (reason) console.warn(`skipped "${name}": ${reason}`);
  describe.skipIf(reason !== null)(name, body);
}
