import { createReadStream, createWriteStream } from "node:fs";
import { chmod, mkdir, readFile, rename, rm, stat } from "node:fs/promises";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { pipeline } from "node:stream/promises";
import { createBrotliDecompress } from "node:zlib";

/**
 * The headless Chromium the browser tests drive, from the project's own dev dependency: `@sparticuz/chromium`
 * ships a brotli-compressed Chromium inside its npm tarball (no download at install or run time), which runs on
 * this Debian with the libraries it already has. It is unpacked once per package version into the temp folder
 * (about 200 MB; written beside and renamed, so parallel test workers never see half a file).
 */
export async function testChromium(): Promise<string> {
  // The package's entry is build/{cjs,esm}/index.*; the compressed browser and the manifest sit two levels up.
  const root = resolve(createRequire(import.meta.url).resolve("@sparticuz/chromium"), "../../..");
  const packed = join(root, "bin", "chromium.br");
  const manifest = JSON.parse(await readFile(join(root, "package.json"), "utf8")) as { version?: string };
  const version = manifest.version ?? "unknown";
  const dir = join(tmpdir(), `editjudge-chromium-${version}`);
  const executable = join(dir, "chromium");
  if (await isFile(executable)) return executable;
  await mkdir(dir, { recursive: true });
  const partial = `${executable}.${process.pid}.partial`;
  try {
    await pipeline(createReadStream(packed), createBrotliDecompress(), createWriteStream(partial));
    await chmod(partial, 0o755);
    await rename(partial, executable);
  } finally {
    await rm(partial, { force: true });
  }
  return executable;
}

/** Flags for a headless run in a container as root, with nothing reaching the network. */
export const TEST_CHROMIUM_ARGS = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
];

async function isFile(path: string): Promise<boolean> {
  try {
    return (await stat(path)).isFile();
  } catch {
    return false;
  }
}
