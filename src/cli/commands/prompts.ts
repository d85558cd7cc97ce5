import type { Command } from "commander";
import { resolveConfig } from "../../config/resolve-config.js";
import { InputError } from "../../errors/input-error.js";
import { ORIGINAL_PROMPT_FILES } from "../../judges/vlm/original-prompts.js";
import { fetchPinned } from "../../reference/fetch-pinned.js";
import { describePin, PINNED_FILES, type PinnedFile } from "../../reference/pinned-files.js";
import { ReferenceFiles } from "../../reference/reference-files.js";

/** The pinned files of a judge id, or of every judge with an original form for "all". */
function pinsFor(judge: string): PinnedFile[] {
  if (judge === "all") return Object.values(PINNED_FILES);
  const ids = ORIGINAL_PROMPT_FILES[judge];
  if (!ids) {
    throw new InputError(
      "judge",
      `judge "${judge}" has no original prompt to fetch; use one of ${Object.keys(ORIGINAL_PROMPT_FILES).join(", ")} or all`,
    );
  }
  return ids.map((id) => PINNED_FILES[id]);
}

/** The judge whose original prompt `pin` is (the name `prompts fetch` takes), or "" when none is. */
function judgeOf(pin: PinnedFile): string {
  return Object.entries(ORIGINAL_PROMPT_FILES).find(([, ids]) => ids.some((id) => id === pin.id))?.[0] ?? "";
}

interface PromptsOptions {
  config?: string;
  referenceDir?: string[];
  referenceCacheDir?: string;
  sourceUrl?: string;
}

function settingsFrom(opts: PromptsOptions) {
  const configFile = opts.config ?? process.env.EDITJUDGE_CONFIG;
  return resolveConfig({
    explicit: { referenceDirs: opts.referenceDir, referenceCacheDir: opts.referenceCacheDir },
    env: process.env,
    ...(configFile ? { configFile } : {}),
  });
}

export function registerPrompts(program: Command): void {
  const prompts = program
    .command("prompts")
    .description(
      "the original methods' prompt files: fetch them at their pinned commits, or check where they are",
    );
  prompts
    .command("fetch")
    .description("download a judge's pinned original files (or all) into the cache, verified by SHA-256")
    .argument("<judge>", `${Object.keys(ORIGINAL_PROMPT_FILES).join(" | ")} | all`)
    .option("--config <file>", "JSON config file (env EDITJUDGE_CONFIG)")
    .option("--reference-cache-dir <dir>", "where to keep them (default ~/.cache/editjudge/reference)")
    .option("--source-url <url>", "raw-file server (default https://raw.githubusercontent.com)")
    .action(async (judge: string, opts: PromptsOptions) => {
      const pins = pinsFor(judge);
      const config = settingsFrom(opts);
      const fetched = await fetchPinned(pins, {
        cacheDir: config.referenceCacheDir ?? "",
        ...(opts.sourceUrl ? { baseUrl: opts.sourceUrl } : {}),
      });
      for (const f of fetched)
        process.stdout.write(`fetched ${describePin(f.pin)} → ${f.path} (SHA-256 ok)\n`);
    });
  prompts
    .command("check")
    .description("say, per pinned file, where it was found and whether it matches its SHA-256")
    .argument("[judge]", `${Object.keys(ORIGINAL_PROMPT_FILES).join(" | ")} | all`, "all")
    .option("--config <file>", "JSON config file (env EDITJUDGE_CONFIG)")
    .option("--reference-dir <dir...>", "clone(s) of the original projects (env EDITJUDGE_REFERENCE_DIR)")
    .option("--reference-cache-dir <dir>", "the fetch cache (default ~/.cache/editjudge/reference)")
    .action((judge: string, opts: PromptsOptions) => {
      const config = settingsFrom(opts);
      const files = new ReferenceFiles({
        dirs: config.referenceDirs,
        cacheDir: config.referenceCacheDir ?? "",
      });
      let missing = 0;
      for (const pin of pinsFor(judge)) {
        try {
          const found = files.read(pin, judge === "all" ? judgeOf(pin) : judge);
          process.stdout.write(`ok       ${describePin(pin)} ← ${found.path}\n`);
        } catch (error) {
          missing++;
          process.stdout.write(`missing  ${(error as Error).message}\n`);
        }
      }
      if (missing > 0) process.exitCode = 1;
    });
}
