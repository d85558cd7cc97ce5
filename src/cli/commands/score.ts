import type { Command } from "commander";
import type { CaseMetadata, EditCase } from "../../contract/edit-case.js";
import type { ImageInput } from "../../contract/image.js";
import { InputError } from "../../errors/input-error.js";
import { DEFAULT_IMAGE_LIMITS } from "../../image/image-limits.js";
import { findJudge, JUDGE_REGISTRY } from "../../judges/registry.js";
import { runJudge } from "../../judges/run-judge.js";
import { addBackendFlags, backendConfigFrom } from "../backend-flags.js";
import { renderResultTable } from "../render-result-table.js";

export interface ScoreOptions {
  source: string;
  instruction: string;
  candidate: string[];
  judge: string;
  json?: boolean;
  principle?: string[];
  mask?: string;
  metadata?: string;
  requirement?: string;
}

/** `--metadata '{"requirement": "…"}'`: a JSON object, else a one-line input error. */
function parseMetadata(text: string): CaseMetadata {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw new InputError(
      "metadata",
      `--metadata is not JSON (${(error as Error).message}); pass a JSON object`,
    );
  }
  if (typeof value !== "object" || value === null || Array.isArray(value))
    throw new InputError(
      "metadata",
      `--metadata must be a JSON object, e.g. '{"requirement": "keep the roof"}'`,
    );
  const requirement = (value as Record<string, unknown>).requirement;
  if (requirement !== undefined && typeof requirement !== "string")
    throw new InputError("metadata", "--metadata requirement must be a string");
  return value as CaseMetadata;
}

/** The --requirement text, trimmed; an empty one is refused rather than sent as no requirement. */
function requirement(text: string): string {
  const trimmed = text.trim();
  if (trimmed.length === 0)
    throw new InputError(
      "requirement",
      "--requirement is empty; give the editing requirement as text, or leave it out",
      {
        code: "invalid_argument",
      },
    );
  return trimmed;
}

/** The case `editjudge score` judges, from its flags (`--requirement` becomes `metadata.requirement`). */
export function scoreCase(opts: ScoreOptions): EditCase<ImageInput> {
  return {
    source: { kind: "path", path: opts.source },
    instruction: opts.instruction,
    candidates: opts.candidate.map((path) => ({ kind: "path", path })),
    ...(opts.principle ? { principles: opts.principle } : {}),
    ...(opts.mask ? { mask: { kind: "path" as const, path: opts.mask } } : {}),
    ...(opts.metadata !== undefined || opts.requirement !== undefined
      ? {
          metadata: {
            ...(opts.metadata !== undefined ? parseMetadata(opts.metadata) : {}),
            ...(opts.requirement !== undefined ? { requirement: requirement(opts.requirement) } : {}),
          },
        }
      : {}),
  };
}

export function registerScore(program: Command): void {
  const command = program
    .command("score")
    .description("judge one or more edited candidates against a source image and an instruction")
    .requiredOption("-s, --source <path>", "source image (PNG, JPEG or WebP)")
    .requiredOption("-i, --instruction <text>", "the edit instruction")
    .requiredOption("-c, --candidate <path...>", "edited candidate image(s); repeat for several")
    .option(
      "-m, --mask <path>",
      "edit mask, the source's size: white = the area the edit may change, everything else must stay",
    )
    .option("-j, --judge <id>", "judge to use (see `editjudge judges`)", "checks")
    .option(
      "-p, --principle <text...>",
      "principles to verify instead of parsing the instruction (judges that read them: rubric; the others refuse it)",
    )
    .option(
      "--metadata <json>",
      'per-case metadata, e.g. \'{"requirement": "…"}\' (logit/firm Requirements; pairwise source_prompt/target_prompt)',
    )
    .option(
      "-r, --requirement <text>",
      "the editing requirement, sent as the case's metadata.requirement (the logit judge's Requirements: field)",
    )
    .option("--json", "print the full result as JSON");
  addBackendFlags(command).action(async (opts: ScoreOptions) => {
    // checks reads `content` from the same settings (--content, config file, EDITJUDGE_CONTENT).
    const entry = findJudge(opts.judge);
    if (opts.principle && !entry.readsPrinciples) {
      const readers = JUDGE_REGISTRY.filter((j) => j.readsPrinciples).map((j) => j.id);
      throw new InputError(
        "principle",
        `--principle: the ${entry.id} judge does not read given principles (it derives its own from the instruction); drop --principle, or use a judge that reads them: ${readers.join(", ")}`,
      );
    }
    const config = backendConfigFrom(command, process.env);
    const settings = entry.needsBackend ? { ...config } : { content: config.content };
    const result = await runJudge({
      judgeId: opts.judge,
      settings,
      edit: scoreCase(opts),
      limits: { ...DEFAULT_IMAGE_LIMITS, maxPixels: config.maxPixels },
    });
    process.stdout.write(opts.json ? `${JSON.stringify(result, null, 2)}\n` : renderResultTable(result));
  });
}
