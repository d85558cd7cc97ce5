import { existsSync } from "node:fs";
import { isAbsolute, resolve } from "node:path";

const REPO_ROOT = resolve(import.meta.dirname, "../..");

/**
 * The shared material beside the repository: `../shared` from the repository root, or the folder named by
 * `EDITJUDGE_SHARED_DIR` (a relative path resolves against the repository root). It holds what is too big or not
 * ours to vendor: the real llama-server and its model, the original projects' reference files, the development
 * photos. Free of vitest, so benchmark scripts can use it too; tests use `describeWithShared` (shared-dir.ts).
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

/** Why something needing these shared paths (relative to the shared folder) cannot run, or null when all are there. */
export function missingShared(needs: readonly string[] = []): string | null {
  const missing = [SHARED_DIR, ...needs.map((p) => sharedPath(p))].find((p) => !existsSync(p));
  if (missing === undefined) return null;
  return `${missing} is missing (the shared folder is ../shared beside the repository, or set EDITJUDGE_SHARED_DIR)`;
}
