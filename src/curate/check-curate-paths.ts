import { existsSync, realpathSync, statSync } from "node:fs";
import { dirname, resolve } from "node:path";
import { ConfigError } from "../errors/config-error.js";

function samePath(a: string, b: string): boolean {
  const real = (p: string) => (existsSync(p) ? realpathSync(p) : resolve(p));
  return real(a) === real(b);
}

/**
 * Refuses output locations that would lose data or mislead: an output in a folder that does not exist, an output
 * that is the input (the run truncates its outputs on start and on resume), and two outputs at one path.
 */
export function checkCuratePaths(
  input: string,
  files: { output: string; rejects: string; state: string },
): void {
  const named = [
    ["OUT", files.output],
    ["--rejects", files.rejects],
    ["--state", files.state],
  ] as const;
  for (const [flag, file] of named) {
    const folder = dirname(resolve(file));
    if (!existsSync(folder) || !statSync(folder).isDirectory())
      throw new ConfigError(
        "output",
        `${flag} ${file}: its folder ${folder} does not exist; create it first (mkdir -p ${folder})`,
      );
    if (flag !== "--state" && existsSync(file) && statSync(file).isDirectory())
      throw new ConfigError("output", `${flag} ${file} is a directory; give a file name for ${flag}`);
    if (samePath(file, input))
      throw new ConfigError(
        "output",
        `${flag} ${file} is the input dataset; curate writes its outputs from scratch, so choose another file`,
      );
  }
  for (let i = 0; i < named.length; i++)
    for (let j = i + 1; j < named.length; j++) {
      const [a, fileA] = named[i] as (typeof named)[number];
      const [b, fileB] = named[j] as (typeof named)[number];
      if (samePath(fileA, fileB))
        throw new ConfigError("output", `${a} and ${b} are the same file (${fileA}); give each its own`);
    }
}
