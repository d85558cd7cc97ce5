import model from "wink-eng-lite-web-model";
import winkNLP, { type ItsFunction } from "wink-nlp";

/** One token of an instruction, as wink-nlp reads it (lower-cased text). */
export interface Word {
  /** Surface form, lower case. */
  value: string;
  /** Dictionary form from wink's lemmatiser ("brighter" → "bright", "colours" → "color"). */
  lemma: string;
  /** Universal part-of-speech tag ("VERB", "NOUN", "ADJ", …). */
  pos: string;
  /** Whether whitespace precedes the token in the text. */
  spaced: boolean;
}

export type Tokenize = (text: string) => Word[];

/**
 * The one tokenizer of this process. wink's model loader keeps state at module level that grows with every load
 * (it re-serialises its finite-state machines into a string each time, so about 20 loads exhaust V8's string
 * length and a gigabyte of memory), so the model is loaded once and shared; the tokenizer itself keeps nothing
 * between calls. The one exception to "no module-level mutable state" (docs/architecture.md).
 */
let shared: Tokenize | undefined;

/** A tokenizer bound to wink's English model, loaded on the first call (~0.1 s) and shared after. */
export function createTokenizer(): Tokenize {
  shared ??= loadTokenizer();
  return shared;
}

function loadTokenizer(): Tokenize {
  const nlp = winkNLP(model);
  const its = nlp.its;
  return (text: string): Word[] => {
    const tokens = nlp.readDoc(text).tokens();
    const values = tokens.out(its.value) as string[];
    // wink's typings declare `its.lemma` with a signature `out` does not accept; it works at run time.
    const lemmas = tokens.out(its.lemma as unknown as ItsFunction<string>) as string[];
    const tags = tokens.out(its.pos) as string[];
    const spaces = tokens.out(its.precedingSpaces) as string[];
    return values.map((value, i) => ({
      value: value.toLowerCase(),
      lemma: (lemmas[i] ?? value).toLowerCase(),
      pos: tags[i] ?? "X",
      spaced: (spaces[i] ?? "").length > 0,
    }));
  };
}
