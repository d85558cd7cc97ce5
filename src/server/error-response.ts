import type { ContentfulStatusCode } from "hono/utils/http-status";
import { BackendCallError } from "../errors/backend-call-error.js";
import { EditJudgeError } from "../errors/editjudge-error.js";
import { JudgeOutputParseError } from "../errors/judge-output-parse-error.js";

/** The one error shape every endpoint returns. */
export interface ErrorBody {
  error: { code: string; message: string };
}

const STATUS_BY_CODE: Record<string, ContentfulStatusCode> = {
  invalid_json: 400,
  invalid_request: 400,
  invalid_base64: 400,
  invalid_url: 400,
  empty_instruction: 400,
  no_candidates: 400,
  unknown_judge: 400,
  image_unreadable: 400,
  unauthorized: 401,
  url_disabled: 403,
  url_forbidden: 403,
  paths_disabled: 403,
  path_forbidden: 403,
  not_found: 404,
  method_not_allowed: 405,
  body_too_large: 413,
  request_too_large: 413,
  body_incomplete: 400,
  body_timeout: 408,
  unsupported_media_type: 415,
  image_too_large: 413,
  not_an_image: 422,
  unsupported_format: 422,
  corrupt_image: 422,
  url_too_many_redirects: 422,
  url_fetch_failed: 502,
  backend_call_failed: 502,
  model_output_rejected: 502,
  judge_output_unparseable: 502,
  shutting_down: 503,
  server_busy: 503,
  timeout: 504,
  url_timeout: 504,
};

/** Maps any thrown value to a status and the error shape. Unknown errors are 500 without internals. */
export function errorResponse(error: unknown): { status: ContentfulStatusCode; body: ErrorBody } {
  if (error instanceof EditJudgeError) {
    const fallback = error instanceof BackendCallError || error instanceof JudgeOutputParseError ? 502 : 400;
    const status = STATUS_BY_CODE[error.code] ?? (error.name === "InputError" ? 400 : fallback);
    return { status, body: { error: { code: error.code, message: error.message } } };
  }
  return {
    status: 500,
    body: {
      error: {
        code: "internal_error",
        message: "internal error while handling the request; see the server log",
      },
    },
  };
}

export function errorBody(code: string, message: string): ErrorBody {
  return { error: { code, message } };
}

export function statusOf(code: string): ContentfulStatusCode {
  return STATUS_BY_CODE[code] ?? 400;
}
