import type { EditCase } from "../contract/edit-case.js";
import type { ImageInput } from "../contract/image.js";
import type { JudgeRunOptions } from "../contract/judge.js";
import type { JudgeResult } from "../contract/result.js";
import { ConfigError } from "../errors/config-error.js";
import { InputError } from "../errors/input-error.js";
import { checkEditCase } from "../image/check-edit-case.js";
import { type ImageLimits, imageLimits } from "../image/image-limits.js";
import { prepareCase, prepareOptionsFor } from "../image/prepare-case.js";
import { findJudge } from "./registry.js";

export interface RunJudgeRequest {
  judgeId: string;
  edit: EditCase<ImageInput>;
  settings?: Record<string, unknown>;
  /** Image limits; a partial object keeps the other defaults. Default: DEFAULT_IMAGE_LIMITS, or `settings.maxPixels`. */
  limits?: Partial<ImageLimits>;
  run?: JudgeRunOptions;
}

/** Decode once, create the judge, judge, close. The library entry point the CLI and server share. */
export async function runJudge(request: RunJudgeRequest): Promise<JudgeResult> {
  if (typeof request !== "object" || request === null)
    throw new InputError("request", "runJudge needs { judgeId, edit, settings? }");
  const settings = request.settings ?? {};
  if (typeof settings !== "object" || Array.isArray(settings))
    throw new ConfigError(
      "settings",
      `settings must be an object such as { content: "off" }, got ${String(settings)}`,
    );
  // `maxPixels` among the settings (as the CLI's flag sets it) is the pixel limit unless `limits` names one.
  const maxPixels = typeof settings.maxPixels === "number" ? { maxPixels: settings.maxPixels } : {};
  const limits = imageLimits({ ...maxPixels, ...request.limits });
  // Checked before the judge exists (a judge may start worker threads).
  checkEditCase(request.edit);
  const entry = findJudge(request.judgeId);
  const judge = await entry.create({ settings });
  try {
    const prepared = await prepareCase(request.edit, limits, prepareOptionsFor(judge));
    return await judge.judge(prepared, request.run);
  } finally {
    await judge.close?.();
  }
}
