import type { BackendUsage } from "./backend.js";
import type { PreparedCase } from "./edit-case.js";
import type { JudgeResult } from "./result.js";

export interface JudgeRunOptions {
  signal?: AbortSignal;
  /** Called as candidates finish, for progress display. */
  onProgress?: (done: number, total: number) => void;
}

export interface Judge {
  readonly id: string;
  readonly version: string;
  judge(edit: PreparedCase, options?: JudgeRunOptions): Promise<JudgeResult>;
  /** Running totals of the judge's model-server calls; absent or null for a judge without a backend. */
  usage?(): BackendUsage | null;
  /** Releases models, connections, caches. */
  close?(): Promise<void>;
}
