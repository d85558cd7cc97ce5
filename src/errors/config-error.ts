import { EditJudgeError } from "./editjudge-error.js";

/** A setting is missing or invalid. The message names the setting and how to provide it. */
export class ConfigError extends EditJudgeError {
  readonly setting: string;

  constructor(setting: string, message: string) {
    super("invalid_config", message);
    this.name = "ConfigError";
    this.setting = setting;
  }
}
