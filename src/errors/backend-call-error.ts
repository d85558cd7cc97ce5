import { EditJudgeError } from "./editjudge-error.js";

/** A call to a model backend failed. `isRetryable` follows the 408/409/429/5xx/connection rule. */
export class BackendCallError extends EditJudgeError {
  readonly status: number | null;
  readonly isRetryable: boolean;
  readonly url: string;

  constructor(
    message: string,
    fields: { status: number | null; isRetryable: boolean; url: string; cause?: unknown },
  ) {
    super("backend_call_failed", message, { cause: fields.cause });
    this.name = "BackendCallError";
    this.status = fields.status;
    this.isRetryable = fields.isRetryable;
    this.url = fields.url;
  }
}
