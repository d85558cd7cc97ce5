import type { BackendUsage } from "../../contract/backend.js";
import type { PreparedCase } from "../../contract/edit-case.js";
import type { Judge, JudgeRunOptions } from "../../contract/judge.js";
import type { JudgeResult } from "../../contract/result.js";
import type { VlmRuntime } from "./vlm-runtime.js";

/** What every VLM judge shares: one runtime (backend client, cache, prompts, config), closed with the judge. */
export abstract class VlmJudge implements Judge {
  abstract readonly id: string;
  abstract readonly version: string;

  constructor(protected readonly rt: VlmRuntime) {}

  async judge(edit: PreparedCase, options: JudgeRunOptions = {}): Promise<JudgeResult> {
    // A missing reference file refuses the whole call (one line), never one candidate's silent variant.
    this.rt.requireReference(this.id);
    const result = await this.judgeCase(edit, options);
    this.rt.forgetUnusable(result);
    return result;
  }

  /** The judge's own work; `judge` wraps it. */
  protected abstract judgeCase(edit: PreparedCase, options: JudgeRunOptions): Promise<JudgeResult>;

  usage(): BackendUsage | null {
    return this.rt.usage();
  }

  close(): Promise<void> {
    return this.rt.close();
  }
}
