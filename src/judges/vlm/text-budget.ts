/**
 * Tokens kept for everything around an answer's free text: braces, keys, numbers and the whitespace a JSON grammar
 * lets a model write between them (llama.cpp allows up to ~22 characters per gap).
 */
export const STRUCTURE_TOKENS = 128;

/**
 * `maxLength` for the free-text fields of an answer schema (`reasoning`), so an answer the server constrains to the
 * schema closes before `maxTokens`: the text left after STRUCTURE_TOKENS, shared by `fields` strings, at one
 * character per token (the worst case of byte-level vocabularies; real models write 3–4 characters per token, so
 * they stop well inside). At least 16 characters. A reply that still reaches the limit is reported as cut off.
 */
export function textBudget(maxTokens: number, fields = 1): number {
  return Math.max(16, Math.floor((maxTokens - STRUCTURE_TOKENS) / fields));
}
