import { mkdir, rename, writeFile } from "node:fs/promises";
import { dirname, join } from "node:path";
import { BackendCallError } from "../errors/backend-call-error.js";
import { describePin, type PinnedFile, repoName } from "./pinned-files.js";
import { sha256Hex } from "./reference-files.js";

export interface FetchPinnedOptions {
  /** The download cache (see ReferenceLocations.cacheDir). */
  cacheDir: string;
  /** Injected for tests; default the global fetch. */
  fetch?: typeof globalThis.fetch;
  /** Default https://raw.githubusercontent.com; files are at `<base>/<repo>/<commit>/<path>`. */
  baseUrl?: string;
  signal?: AbortSignal;
}

export interface FetchedFile {
  pin: PinnedFile;
  path: string;
  url: string;
}

/** The raw-file URL of a pinned file at its pinned commit. */
export function rawUrl(pin: PinnedFile, baseUrl = "https://raw.githubusercontent.com"): string {
  return `${baseUrl.replace(/\/+$/, "")}/${pin.repo}/${pin.commit}/${pin.path}`;
}

/**
 * Downloads each pinned file at its pinned commit into the cache and checks its SHA-256 before keeping it
 * (written to a temporary name, then renamed, so a failed or changed download leaves nothing behind).
 */
export async function fetchPinned(
  pins: readonly PinnedFile[],
  options: FetchPinnedOptions,
): Promise<FetchedFile[]> {
  const doFetch = options.fetch ?? globalThis.fetch;
  const out: FetchedFile[] = [];
  for (const pin of pins) {
    const url = rawUrl(pin, options.baseUrl);
    let res: Response;
    try {
      res = await doFetch(url, options.signal ? { signal: options.signal } : {});
    } catch (error) {
      const cause = error instanceof Error ? error.message : String(error);
      throw new BackendCallError(
        `${url}: cannot download ${describePin(pin)} (${cause}); check the network or clone ${pin.repo} and use --reference-dir`,
        {
          status: null,
          isRetryable: true,
          url,
        },
      );
    }
    if (!res.ok) {
      throw new BackendCallError(
        `${url}: HTTP ${res.status} for ${describePin(pin)}; clone ${pin.repo} at ${pin.commit} and use --reference-dir`,
        {
          status: res.status,
          isRetryable: res.status >= 500,
          url,
        },
      );
    }
    const bytes = new Uint8Array(await res.arrayBuffer());
    const got = sha256Hex(bytes);
    if (got !== pin.sha256) {
      throw new BackendCallError(
        `${url}: the download of ${describePin(pin)} has SHA-256 ${got.slice(0, 12)}…, not the pinned ${pin.sha256.slice(0, 12)}…; nothing was kept`,
        {
          status: res.status,
          isRetryable: false,
          url,
        },
      );
    }
    const path = join(options.cacheDir, repoName(pin), pin.path);
    await mkdir(dirname(path), { recursive: true });
    const temporary = `${path}.${process.pid}.part`;
    await writeFile(temporary, bytes);
    await rename(temporary, path);
    out.push({ pin, path, url });
  }
  return out;
}
