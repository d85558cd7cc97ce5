import type { Context } from "hono";
import type { Judge } from "../contract/judge.js";
import type { Dimensions } from "../contract/result.js";
import type { AppContext } from "./app-context.js";
import type { ErrorBody } from "./error-response.js";
import { groupAdvantages } from "./grpo-advantage.js";
import type { ImageLoader } from "./image-loader.js";
import { candidateError, judgeGroup } from "./judge-group.js";
import { readJsonBody } from "./read-json-body.js";
import { type GroupRequest, isImagePath, rewardsRequestSchema } from "./request-schemas.js";
import type { KeepRule } from "./server-options.js";
import { ServerTiming } from "./server-timing.js";
import { withTimeout } from "./with-timeout.js";

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

async function rewardGroup(
  ctx: AppContext,
  judge: Judge,
  group: GroupRequest,
  loader: ImageLoader,
  keep: KeepRule,
  signal: AbortSignal,
): Promise<RewardGroup> {
  const id = group.id ?? null;
  try {
    const result = await judgeGroup(judge, group, loader, signal);
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
    const err = candidateError(error);
    ctx.metrics.judgeErrors.inc({ judge: judge.id, code: err.code });
    return {
      id,
      candidates: group.candidates.map(() => ({
        reward: null,
        advantage: null,
        dimensions: NO_DIMENSIONS,
        error: err,
      })),
      mean: null,
      std: null,
      scored: 0,
      keep: false,
      error: err,
    };
  }
}

/**
 * POST /v1/rewards: batch of groups → per-candidate rewards, GRPO advantages and a keep flag per group.
 * Up to 8 groups are judged at once, answers in request order; an error in one group or candidate never fails the batch.
 */
export async function handleRewards(c: Context, ctx: AppContext): Promise<Response> {
  const timing = new ServerTiming();
  const { body, lifted } = await readJsonBody(c, rewardsRequestSchema, ctx.options.maxBodyBytes, isImagePath);
  const judge = ctx.judge(body.judge);
  const keep = {
    minStd: body.keep?.minStd ?? ctx.options.keep.minStd,
    maxMean: body.keep?.maxMean ?? ctx.options.keep.maxMean,
  };
  timing.mark("read");
  const groups = await withTimeout(ctx.options.requestTimeoutMs, c.req.raw.signal, async (signal) => {
    const loader = ctx.loader(signal, lifted);
    const out: RewardGroup[] = new Array(body.groups.length);
    let next = 0;
    const worker = async () => {
      while (next < body.groups.length) {
        const i = next++;
        signal.throwIfAborted();
        out[i] = await rewardGroup(ctx, judge, body.groups[i] as GroupRequest, loader, keep, signal);
      }
    };
    await Promise.all(Array.from({ length: Math.min(GROUPS_IN_FLIGHT, body.groups.length) }, worker));
    return out;
  });
  timing.mark("work");
  return timing.json(c, { judge: { id: judge.id, version: judge.version }, keepRule: keep, groups });
}
