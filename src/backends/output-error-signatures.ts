/**
 * Server errors that describe the model's output, not the server's health. The server answered, but what the
 * model generated failed the server's own post-processing; at temperature 0 the same request fails the same
 * way, so retrying repeats it and cooling the replica down punishes a healthy server. Such a reply becomes that
 * call's explicit error (`model_output_rejected`), never retried.
 *
 * The list is explicit on purpose: every entry names the server, the status and a fragment of its message as
 * observed. Any 5xx not listed here is treated as a server failure and retried.
 */
export interface OutputErrorSignature {
  /** Stable id, reported in the error. */
  id: string;
  /** Which server sends it (for docs and messages). */
  server: string;
  status: number;
  /** A fragment of the error body, matched case-insensitively. */
  fragment: string;
}

export const OUTPUT_ERROR_SIGNATURES: readonly OutputErrorSignature[] = Object.freeze([
  {
    id: "llama-cpp-peg-format",
    server: "llama.cpp llama-server",
    status: 500,
    fragment: "does not match the expected peg-native format",
  },
]);

/** The signature an error reply matches, or null when it is an ordinary server failure. */
export function matchOutputError(
  status: number,
  body: string,
  signatures: readonly OutputErrorSignature[] = OUTPUT_ERROR_SIGNATURES,
): OutputErrorSignature | null {
  const text = body.toLowerCase();
  return signatures.find((s) => s.status === status && text.includes(s.fragment.toLowerCase())) ?? null;
}
