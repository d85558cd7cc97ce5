import { EditJudgeError } from "./editjudge-error.js";

/**
 * A call to a model backend failed. `isRetryable` follows the 408/409/429/5xx/connection rule, except for a
 * reply whose error describes the model's output (`outputRejected` names the matched signature): its code is
 * `model_output_rejected` and it is never retried.
 */
export class BackendCallError extends EditJudgeError {
  readonly status: number | null;
  readonly isRetryable: boolean;
  readonly url: string;
  /** Id of the output-error signature the reply matched; null for ordinary failures. */
  readonly outputRejected: string | null;

  constructor(
    message: string,
    fields: {
      status: number | null;
      isRetryable: boolean;
      url: string;
      cause?: unknown;
      outputRejected?: string | null;
    },
  ) {
    super(fields.outputRejected ? "model_output_rejected" : "backend_call_failed", message, {
      cause: fields.cause,
    });
    this.name = "BackendCallError";
    this.status = fields.status;
    this.isRetryable = fields.isRetryable;
    this.url = fields.url;
    this.outputRejected = fields.outputRejected ?? null;
  }
}
