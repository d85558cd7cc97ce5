import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { ConfigError } from "../errors/config-error.js";
import { describePin, type PinnedFile, repoName } from "./pinned-files.js";

/** Where the user's copies of the original projects are: clone directories, then the `prompts fetch` cache. */
export interface ReferenceLocations {
  /**
   * Directories holding the original files: a clone of one repository (the pinned path is inside it) or a
   * folder of clones (`<dir>/<RepoName>/<path>`). Searched in order.
   */
  dirs: readonly string[];
  /** The `prompts fetch` download cache, laid out as a folder of clones. */
  cacheDir: string;
}

/** A pinned file read and verified: its text and where it was found. */
export interface ReferenceText {
  pin: PinnedFile;
  path: string;
  text: string;
}

/** The paths a pinned file may be at, in search order. */
export function candidatePaths(pin: PinnedFile, where: ReferenceLocations): string[] {
  const name = repoName(pin);
  return [
    ...where.dirs.flatMap((dir) => [join(dir, pin.path), join(dir, name, pin.path)]),
    join(where.cacheDir, name, pin.path),
  ];
}

export function sha256Hex(bytes: Uint8Array): string {
  return createHash("sha256").update(bytes).digest("hex");
}

/**
 * Reads pinned files from the user's copies, checking each against its SHA-256. A file that is missing
 * everywhere, or present only with other content, is refused with one line saying what to clone or fetch.
 */
export class ReferenceFiles {
  readonly #where: ReferenceLocations;
  readonly #read = new Map<string, ReferenceText>();

  constructor(where: ReferenceLocations) {
    this.#where = where;
  }

  get locations(): ReferenceLocations {
    return this.#where;
  }

  /** The verified text of `pin`; `forJudge` names the judge in the refusal (e.g. "editscore"). */
  read(pin: PinnedFile, forJudge: string): ReferenceText {
    const known = this.#read.get(pin.id);
    if (known) return known;
    const changed: string[] = [];
    for (const path of candidatePaths(pin, this.#where)) {
      let bytes: Buffer;
      try {
        bytes = readFileSync(path);
      } catch {
        continue;
      }
      if (sha256Hex(bytes) !== pin.sha256) {
        changed.push(path);
        continue;
      }
      const found = { pin, path, text: bytes.toString("utf8") };
      this.#read.set(pin.id, found);
      return found;
    }
    throw new ConfigError("referenceDirs", refusal(pin, forJudge, this.#where, changed));
  }

  /** Whether `pin` can be read (present with the pinned content). */
  has(pin: PinnedFile): boolean {
    try {
      this.read(pin, "");
      return true;
    } catch {
      return false;
    }
  }
}

function refusal(pin: PinnedFile, judge: string, where: ReferenceLocations, changed: string[]): string {
  const fix =
    `clone https://github.com/${pin.repo} at commit ${pin.commit} and pass --reference-dir DIR ` +
    `(or EDITJUDGE_REFERENCE_DIR), or run "editjudge prompts fetch ${judge || "all"}", ` +
    `or choose the own-worded prompts with --prompt-variant editjudge`;
  const absent =
    where.dirs.length > 0
      ? `it is not in ${where.dirs.join(", ")} nor in the fetch cache ${where.cacheDir}`
      : `no --reference-dir is set and it is not in the fetch cache ${where.cacheDir}`;
  const problem =
    changed.length > 0
      ? `${changed[0]} is not the pinned version (SHA-256 differs from ${pin.sha256.slice(0, 12)}…)`
      : absent;
  return `the ${judge ? `${judge} judge's ` : ""}original prompt is read from ${describePin(pin)}, but ${problem}; ${fix}`;
}
