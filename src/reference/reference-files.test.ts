import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { main } from "../cli/main.js";
import { ORIGINAL_PROMPT_FILES } from "../judges/vlm/original-prompts.js";
import { captureOutput } from "../test-helpers/capture-output.js";
import { fetchPinned, rawUrl } from "./fetch-pinned.js";
import { PINNED_FILES, repoName } from "./pinned-files.js";
import { ReferenceFiles, sha256Hex } from "./reference-files.js";

const REFERENCE = resolve(import.meta.dirname, "../../../shared/reference");
const absent = !existsSync(REFERENCE);
if (absent) console.log("skipping reference-file tests: ../shared/reference is absent");

const pin = PINNED_FILES.editscore;
const tmp = () => mkdtempSync(join(tmpdir(), "ej-ref-"));

describe.skipIf(absent)("ReferenceFiles", () => {
  it("pins match the shared copies of the original projects", () => {
    for (const p of Object.values(PINNED_FILES))
      expect(sha256Hex(readFileSync(join(REFERENCE, repoName(p), p.path)))).toBe(p.sha256);
  });

  it("finds a file in a clone, in a folder of clones, and in the fetch cache", () => {
    const clone = join(REFERENCE, "EditScore");
    expect(new ReferenceFiles({ dirs: [clone], cacheDir: tmp() }).read(pin, "editscore").path).toBe(
      join(clone, pin.path),
    );
    expect(new ReferenceFiles({ dirs: [REFERENCE], cacheDir: tmp() }).read(pin, "editscore").path).toBe(
      join(REFERENCE, "EditScore", pin.path),
    );
    const cache = tmp();
    cpSync(join(clone, pin.path), join(cache, "EditScore", pin.path), { recursive: true });
    expect(new ReferenceFiles({ dirs: [], cacheDir: cache }).read(pin, "editscore").path).toBe(
      join(cache, "EditScore", pin.path),
    );
  });

  it("refuses a missing file with one line saying what to clone or fetch", () => {
    const files = new ReferenceFiles({ dirs: [tmp()], cacheDir: tmp() });
    expect(() => files.read(pin, "editscore")).toThrow(/^[^\n]+$/);
    expect(() => files.read(pin, "editscore")).toThrow(
      /VectorSpaceLab\/EditScore@6e0f1b9:editscore\/vie_prompts\.py.*clone https:\/\/github\.com\/VectorSpaceLab\/EditScore at commit 6e0f1b9a.*--reference-dir.*editjudge prompts fetch editscore.*--prompt-variant editjudge/,
    );
  });

  it("refuses a changed file, naming it, even when it is the only copy", () => {
    const dir = tmp();
    mkdirSync(join(dir, "editscore"), { recursive: true });
    const original = readFileSync(join(REFERENCE, "EditScore", pin.path), "utf8");
    writeFileSync(join(dir, pin.path), original.replace("RULES", "Rules"));
    expect(() => new ReferenceFiles({ dirs: [dir], cacheDir: tmp() }).read(pin, "editscore")).toThrow(
      /is not the pinned version \(SHA-256 differs/,
    );
  });
});

/** A stand-in for raw.githubusercontent.com serving the shared copies at `/<owner>/<repo>/<commit>/<path>`. */
let server: Server;
let base = "";
const served: string[] = [];
beforeAll(async () => {
  if (absent) return;
  server = createServer((req, res) => {
    served.push(req.url ?? "");
    const p = Object.values(PINNED_FILES).find((x) => req.url === new URL(rawUrl(x, "http://h")).pathname);
    if (!p) {
      res.writeHead(404).end("404: Not Found");
      return;
    }
    const bytes = readFileSync(join(REFERENCE, repoName(p), p.path));
    res.writeHead(200).end(bytes);
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  if (server) await new Promise<void>((r) => server.close(() => r()));
});

describe.skipIf(absent)("fetchPinned and `editjudge prompts`", () => {
  it("downloads the pinned commit's file, checks its SHA-256 and keeps it where ReferenceFiles looks", async () => {
    const cache = tmp();
    const [got] = await fetchPinned([pin], { cacheDir: cache, baseUrl: base });
    expect(served.at(-1)).toBe(`/VectorSpaceLab/EditScore/${pin.commit}/editscore/vie_prompts.py`);
    expect(got?.path).toBe(join(cache, "EditScore", pin.path));
    expect(new ReferenceFiles({ dirs: [], cacheDir: cache }).read(pin, "editscore").text).toContain(
      "<instruction>",
    );
  });

  it("refuses a download whose hash differs and keeps nothing", async () => {
    const cache = tmp();
    const bad: typeof fetch = async () => new Response("not the file");
    await expect(fetchPinned([pin], { cacheDir: cache, fetch: bad })).rejects.toThrow(
      /SHA-256 .* not the pinned .*nothing was kept/,
    );
    expect(existsSync(join(cache, "EditScore", pin.path))).toBe(false);
  });

  it("`prompts fetch all` fills the cache, `prompts check` then finds every file; an unknown judge is refused", async () => {
    const cache = tmp();
    const captured = captureOutput();
    const check = ["node", "editjudge", "prompts", "check", "all", "--reference-cache-dir", cache];
    expect(await main(check)).toBe(1);
    process.exitCode = undefined;
    expect(
      await main([
        "node",
        "editjudge",
        "prompts",
        "fetch",
        "all",
        "--reference-cache-dir",
        cache,
        "--source-url",
        base,
      ]),
    ).toBe(0);
    expect(await main(check)).toBe(0);
    expect(
      await main(["node", "editjudge", "prompts", "fetch", "rubric", "--reference-cache-dir", cache]),
    ).toBe(2);
    vi.restoreAllMocks();
    process.exitCode = undefined;
    expect(captured.out.match(/^fetched /gm)).toHaveLength(Object.keys(PINNED_FILES).length);
    expect(captured.out.match(/^ok /gm)).toHaveLength(Object.keys(PINNED_FILES).length);
    expect(captured.err).toMatch(/judge "rubric" has no original prompt/);
    // Before the fetch, each missing file names a `prompts fetch` argument that command accepts.
    const missing = captured.out.split("\n").filter((l) => l.startsWith("missing"));
    expect(missing).toHaveLength(Object.keys(PINNED_FILES).length);
    for (const line of missing) {
      const judge = /prompts fetch (\S+?)"/.exec(line)?.[1];
      expect(Object.keys(ORIGINAL_PROMPT_FILES)).toContain(judge);
      expect(line).toMatch(/no --reference-dir is set and it is not in the fetch cache/);
    }
  });
});
