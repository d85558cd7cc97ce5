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

export const checksJudgeEntry: JudgeEntry = {
  id: "checks",
  description:
    "Embedded default: parses the instruction into principles and verifies them with image analysis; no model server",
  needsBackend: false,
  create: ({ settings }) =>
    new ChecksJudge(contentSetting(settings) === "auto" ? { contentStage: new ModelContentStage() } : {}),
};
