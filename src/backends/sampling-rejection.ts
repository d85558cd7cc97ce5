import { BackendCallError } from "../errors/backend-call-error.js";

/**
 * A 400/422 for a request that sent top_p, top_k or seed, reworded to name the parameter: the one the
 * server's message mentions, else all that were sent. Other errors pass through unchanged.
 */
export function nameRejectedSampling(error: unknown, sent: readonly string[]): unknown {
  if (!(error instanceof BackendCallError) || (error.status !== 400 && error.status !== 422)) return error;
  const named = sent.filter((p) => error.message.includes(p));
  const which = named.length > 0 ? named : sent;
  const list = which.join(", ");
  return new BackendCallError(
    `${error.message} — the request set ${list}, which ${which.length > 1 ? "this server may not accept" : "this server does not accept"}; ` +
      `serve the model with a server that accepts ${list} (vLLM, SGLang, llama.cpp) or use --prompt-variant editjudge, which does not send ${which.length > 1 ? "them" : "it"}`,
    { status: error.status, isRetryable: false, url: error.url, cause: error },
  );
}
