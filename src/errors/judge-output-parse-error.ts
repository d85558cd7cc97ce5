import { EditJudgeError } from "./editjudge-error.js";

/** A judge's reply could not be read as the answer it was asked for. Never turned into a default score. */
export class JudgeOutputParseError extends EditJudgeError {
  readonly rawText: string;

  constructor(message: string, rawText: string) {
    super("judge_output_unparseable", message);
    this.name = "JudgeOutputParseError";
    this.rawText = rawText;
  }
}
