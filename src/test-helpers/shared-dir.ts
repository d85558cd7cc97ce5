import { describe } from "vitest";
import { missingShared } from "./shared-path.js";

export { missingShared, SHARED_DIR, sharedPath } from "./shared-path.js";

/**
 * `describe` for tests that use the shared folder (`SHARED_DIR`: ../shared, or `EDITJUDGE_SHARED_DIR`): the block
 * runs when the folder and each path in `needs` (relative to it, e.g. "llama-server/setup.sh") are there;
 * otherwise it is skipped and the reason printed, so a fresh clone's `npm test` passes and says what it did not
 * run. CI always has the shared folder.
 *
 *     describeWithShared("real llama-server", ["llama-server/setup.sh"], () => { it(…) });
 */
export function describeWithShared(name: string, needs: readonly string[], body: () => void): void {
  const reason = missingShared(needs);
  if (reason !== null) console.warn(`skipped "${name}": ${reason}`);
  describe.skipIf(reason !== null)(name, body);
}
