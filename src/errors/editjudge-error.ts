/** Base class of every error EditJudge raises on purpose. `code` is stable and machine-readable. */
export class EditJudgeError extends Error {
  readonly code: string;

  constructor(code: string, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = "EditJudgeError";
    this.code = code;
  }
}
