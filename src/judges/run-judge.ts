import type { EditCase } from "../contract/edit-case.js";
import type { ImageInput } from "../contract/image.js";
import type { JudgeRunOptions } from "../contract/judge.js";
import type { JudgeResult } from "../contract/result.js";
import { DEFAULT_IMAGE_LIMITS, type ImageLimits } from "../image/image-limits.js";
import { prepareCase, prepareOptionsFor } from "../image/prepare-case.js";
import { findJudge } from "./registry.js";

export interface RunJudgeRequest {
  judgeId: string;
  edit: EditCase<ImageInput>;
  settings?: Record<string, unknown>;
  limits?: ImageLimits;
  run?: JudgeRunOptions;
}

/** Decode once, create the judge, judge, close. The library entry point the CLI and server share. */
export async function runJudge(request: RunJudgeRequest): Promise<JudgeResult> {
  const entry = findJudge(request.judgeId);
  const judge = await entry.create({ settings: request.settings ?? {} });
  try {
    const prepared = await prepareCase(
      request.edit,
      request.limits ?? DEFAULT_IMAGE_LIMITS,
      prepareOptionsFor(judge),
    );
    return await judge.judge(prepared, request.run);
  } finally {
    await judge.close?.();
  }
}
