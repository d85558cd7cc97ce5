import { execFile } from "node:child_process";
import { access, constants } from "node:fs/promises";
import { promisify } from "node:util";

const execFileAsync = promisify(execFile);
/** One thread per call: the generator runs several calls at once, and the machine may be shared. */
const run = (program: string, args: readonly string[], options: { maxBuffer?: number } = {}) =>
  execFileAsync(program, args, { ...options, env: { ...process.env, MAGICK_THREAD_LIMIT: "1" } });

/** The ImageMagick 6 or 7 command line: `convert`-style arguments after the program (and its subcommand). */
export interface ImageMagick {
  /** Program and leading arguments, e.g. ["/usr/bin/convert"] or ["/usr/bin/magick"]. */
  argv0: readonly string[];
  version: string;
  /** Runs one conversion: `input args… output`. */
  convert(input: string, args: readonly string[], output: string): Promise<void>;
  /** Width and height of an image file. */
  size(file: string): Promise<{ width: number; height: number }>;
}

/** Where the real ImageMagick lives. /usr/local/bin may hold a stand-in, so the Debian paths are tried first. */
const CANDIDATES: readonly (readonly string[])[] = [
  ["/usr/bin/magick"],
  ["/usr/bin/convert"],
  ["/usr/local/bin/magick"],
];

export const INSTALL_HINT =
  "ImageMagick is not installed; install it with `apt-get install -y imagemagick` (Debian/Ubuntu) or run scripts/setup-imagemagick.sh";

async function executable(path: string): Promise<boolean> {
  try {
    await access(path, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

/** Finds ImageMagick (or the one named by `explicit`); throws an Error with the install hint when absent. */
export async function findImageMagick(explicit?: string): Promise<ImageMagick> {
  const options = explicit ? [[explicit]] : CANDIDATES;
  for (const argv0 of options) {
    const program = argv0[0] as string;
    if (!(await executable(program))) continue;
    let version: string;
    try {
      const { stdout } = await run(program, ["-version"]);
      version = stdout.split("\n")[0] ?? "";
    } catch {
      continue;
    }
    if (!/ImageMagick/.test(version)) continue;
    const identify = program.endsWith("magick")
      ? [program, "identify"]
      : [program.replace(/convert$/, "identify")];
    return {
      argv0,
      version,
      async convert(input, args, output) {
        await run(program, [input, ...args, output], { maxBuffer: 1 << 20 });
      },
      async size(file) {
        const [cmd, ...pre] = identify as [string, ...string[]];
        const { stdout } = await run(cmd, [...pre, "-format", "%w %h", file]);
        const [w, h] = stdout.trim().split(/\s+/).map(Number);
        if (!w || !h) throw new Error(`${file}: identify gave "${stdout.trim()}"`);
        return { width: w, height: h };
      },
    };
  }
  throw new Error(explicit ? `${explicit} is not ImageMagick's convert or magick` : INSTALL_HINT);
}
