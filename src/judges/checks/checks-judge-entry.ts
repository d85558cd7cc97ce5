import { availableParallelism } from "node:os";
import { checkSettings } from "../../config/check-settings.js";
import { ConfigError } from "../../errors/config-error.js";
import type { JudgeEntry } from "../judge-entry.js";
import { ChecksJudge } from "./checks-judge.js";
import { ModelContentStage } from "./model-content-stage.js";

/**
 * `content`: "auto" (default) verifies text, object and identity principles with the embedded models,
 * loaded lazily on first use; "off" skips them (content principles then abstain).
 */
function contentSetting(settings: Readonly<Record<string, unknown>>): "auto" | "off" {
  const value = settings.content ?? "auto";
  if (value === "auto" || value === "off") return value;
  throw new ConfigError("content", `content must be "auto" or "off", got ${JSON.stringify(value)}`);
}

/**
 * `workers`: "auto" (default) uses a pool of min(2, cores) worker threads for the pixel checks when
 * running from the built package; a number sets the pool size; 0 or 1 keeps them in this thread.
 */
function workersSetting(settings: Readonly<Record<string, unknown>>): number {
  const value = settings.workers ?? "auto";
  if (value === "auto") return Math.min(2, availableParallelism());
  if (typeof value === "number" && Number.isInteger(value) && value >= 0 && value <= 64) return value;
  throw new ConfigError("workers", `workers must be "auto" or an integer 0–64, got ${JSON.stringify(value)}`);
}

export const checksJudgeEntry: JudgeEntry = {
  id: "checks",
  description:
    "Embedded default: parses the instruction into principles and verifies them with image analysis; no model server",
  needsBackend: false,
  create: ({ settings }) => {
    checkSettings(settings, "checks judge settings", ["workers"]);
    return new ChecksJudge({
      workers: workersSetting(settings),
      ...(contentSetting(settings) === "auto" ? { contentStage: new ModelContentStage() } : {}),
    });
  },
};
