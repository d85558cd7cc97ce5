// Public API of the EditJudge library.

export { OpenAiChatClient, type OpenAiChatClientOptions } from "./backends/openai-chat-client.js";
export type { BenchDataset, BenchItem, HumanLabel, JudgePrediction } from "./bench/bench-item.js";
export { evaluateJudge } from "./bench/evaluate-judge.js";
export { BENCH_FORMATS, readDataset } from "./bench/formats/read-dataset.js";
export type { JudgeReport } from "./bench/judge-report.js";
export { type BenchOptions, benchJson, runBench } from "./bench/run-bench.js";
export { CachedBackend } from "./cache/cached-backend.js";
export { type ResponseCache, SqliteResponseCache } from "./cache/response-cache.js";
export type { EditJudgeConfig, EditJudgeConfigInput } from "./config/config-schema.js";
export { resolveConfig } from "./config/resolve-config.js";
export type * from "./contract/backend.js";
export type * from "./contract/check.js";
export type * from "./contract/edit-case.js";
export type * from "./contract/edit-op.js";
export type * from "./contract/image.js";
export type * from "./contract/judge.js";
export type * from "./contract/principle.js";
export type * from "./contract/region.js";
export type * from "./contract/result.js";
export type * from "./contract/verdict.js";
export { type CurateOptions, type CurateSummary, runCurate } from "./curate/run-curate.js";
export { BackendCallError } from "./errors/backend-call-error.js";
export { ConfigError } from "./errors/config-error.js";
export { EditJudgeError } from "./errors/editjudge-error.js";
export { InputError } from "./errors/input-error.js";
export { JudgeOutputParseError } from "./errors/judge-output-parse-error.js";
export { ModelLoadError } from "./errors/model-load-error.js";
export { decodeImage } from "./image/decode-image.js";
export { DEFAULT_IMAGE_LIMITS, type ImageLimits } from "./image/image-limits.js";
export { prepareCase } from "./image/prepare-case.js";
export { createInstructionParser, type InstructionParser } from "./instruction/instruction-parser.js";
export type { ContentStage } from "./judges/checks/content-stage.js";
export {
  ModelContentStage,
  type ModelContentStageOptions,
} from "./judges/checks/model-content-stage.js";
export type { JudgeEntry, JudgeFactoryOptions } from "./judges/judge-entry.js";
export { findJudge, JUDGE_REGISTRY } from "./judges/registry.js";
export { runJudge } from "./judges/run-judge.js";
export { kendallTauB, pearson, spearman } from "./metrics/correlation.js";
export { fisherZAverage } from "./metrics/fisher-z.js";
export { groupAccuracy } from "./metrics/group-accuracy.js";
export {
  pairwiseHumanTiesExcluded,
  pairwiseStrict,
  pairwiseTiesExcluded,
} from "./metrics/pairwise-accuracy.js";
export { accuracyWithTunedTies } from "./metrics/tie-threshold-accuracy.js";
export { safeFetch } from "./net/safe-fetch.js";
export { aggregateVerdicts, rankCandidates } from "./scoring/aggregate.js";
export { createApp } from "./server/create-app.js";
export { groupAdvantages } from "./server/grpo-advantage.js";
export { type RunningServer, type StartServerOptions, startServer } from "./server/start-server.js";
