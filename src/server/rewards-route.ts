import type { Context } from "hono";
import { mapWithWorkers } from "../concurrency/map-with-workers.js";
import type { Judge } from "../contract/judge.js";
import type { Dimensions } from "../contract/result.js";
import { EditJudgeError } from "../errors/editjudge-error.js";
import type { AppContext } from "./app-context.js";
import type { ErrorBody } from "./error-response.js";
import { groupAdvantages } from "./grpo-advantage.js";
import type { ImageLoader } from "./image-loader.js";
import { candidateError, judgeGroup } from "./judge-group.js";
import { readJsonBody } from "./read-json-body.js";
import {
  describeIssues,
  type GroupEnvelope,
  groupEnvelopeSchema,
  isImagePath,
  rewardsEnvelopeSchema,
} from "./request-schemas.js";
import type { KeepRule } from "./server-options.js";
import { ServerTiming } from "./server-timing.js";

export interface RewardItem {
  reward: number | null;
  /** (reward − mean) / (std + eps) within the group; null when the reward is null. */
  advantage: number | null;
  dimensions: Dimensions;
  rewardReason?: string;
  error?: ErrorBody["error"];
}

export interface RewardGroup {
  id: string | number | null;
  candidates: RewardItem[];
  mean: number | null;
  std: number | null;
  scored: number;
  keep: boolean;
  /** Set when the whole group could not be judged (bad source, judge failure). */
  error?: ErrorBody["error"];
}

const NO_DIMENSIONS: Dimensions = { instructionFollowing: null, preservation: null, quality: null };

/** Groups judged at once; VLM judges bound their backend calls themselves. */
const GROUPS_IN_FLIGHT = 8;

/** A group that fails its own schema: an `invalid_request` error naming the field, one null item per candidate. */
function invalidGroup(raw: unknown, issues: string): RewardGroup {
  const fields = typeof raw === "object" && raw !== null ? (raw as Record<string, unknown>) : {};
  const id = typeof fields.id === "string" || typeof fields.id === "number" ? fields.id : null;
  const error = new EditJudgeError(
    "invalid_request",
    `group does not match the schema: ${issues}; see /openapi.json`,
  );
  return failedGroup(
    id,
    Array.isArray(fields.candidates) ? fields.candidates.length : 0,
    candidateError(error),
  );
}

function failedGroup(id: RewardGroup["id"], candidates: number, error: ErrorBody["error"]): RewardGroup {
  return {
    id,
    candidates: Array.from({ length: candidates }, () => ({
      reward: null,
      advantage: null,
      dimensions: NO_DIMENSIONS,
      error,
    })),
    mean: null,
    std: null,
    scored: 0,
    keep: false,
    error,
  };
}

async function rewardGroup(
  ctx: AppContext,
  judge: Judge,
  raw: unknown,
  index: number,
  loader: ImageLoader,
  keep: KeepRule,
  signal: AbortSignal,
): Promise<RewardGroup> {
  const parsed = groupEnvelopeSchema.safeParse(raw);
  if (!parsed.success)
    return counted(ctx, judge, invalidGroup(raw, describeIssues(parsed.error, ["groups", index])));
  const group: GroupEnvelope = parsed.data;
  const id = group.id ?? null;
  try {
    const result = await judgeGroup(judge, group, loader, signal, group.metadata);
    ctx.count(judge.id, result.candidates);
    const stats = groupAdvantages(
      result.candidates.map((r) => r.reward),
      keep,
      ctx.options.epsilon,
    );
    return {
      id,
      candidates: result.candidates.map((r, i) => ({
        reward: r.reward,
        advantage: stats.advantages[i] ?? null,
        dimensions: r.dimensions,
        ...(r.rewardReason ? { rewardReason: r.rewardReason } : {}),
        ...(r.error ? { error: r.error } : {}),
      })),
      mean: stats.mean,
      std: stats.std,
      scored: stats.scored,
      keep: stats.keep,
    };
  } catch (error) {
    if (signal.aborted) throw signal.reason;
    return counted(ctx, judge, failedGroup(id, group.candidates.length, candidateError(error)));
  }
}

/** A failed group's candidates in the metrics, each an error (the group's error once if it has none). */
function counted(ctx: AppContext, judge: Judge, group: RewardGroup): RewardGroup {
  ctx.count(judge.id, group.candidates);
  if (group.candidates.length === 0 && group.error)
    ctx.metrics.judgeErrors.inc({ judge: judge.id, code: group.error.code });
  return group;
}

/**
 * POST /v1/rewards: batch of groups → per-candidate rewards, GRPO advantages and a keep flag per group.
 * Up to 8 groups are judged at once, answers in request order; an error in one group or candidate (including one
 * that does not match the schema) never fails the batch. Only the envelope (`groups`, `judge`, `keep`) can.
 */
export async function handleRewards(c: Context, ctx: AppContext): Promise<Response> {
  const timing = new ServerTiming();
  const { body, lifted } = await readJsonBody(c, rewardsEnvelopeSchema, ctx.bodyLimits(), isImagePath);
  const judge = ctx.judge(body.judge);
  const keep = {
    minStd: body.keep?.minStd ?? ctx.options.keep.minStd,
    maxMean: body.keep?.maxMean ?? ctx.options.keep.maxMean,
  };
  timing.mark("read");
  // Every group ends before the work does (a failed request's pixels are given back only then).
  const groups = await ctx.withImages(timing.started, c.req.raw.signal, lifted, (loader, signal) =>
    mapWithWorkers(
      body.groups,
      GROUPS_IN_FLIGHT,
      (raw, i, groupSignal) => rewardGroup(ctx, judge, raw, i, loader, keep, groupSignal),
      signal,
    ),
  );
  timing.mark("work");
  return timing.json(c, { judge: { id: judge.id, version: judge.version }, keepRule: keep, groups });
}
