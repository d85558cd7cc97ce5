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

/** Loads wink's English model once and returns a tokenizer bound to it. Loading takes ~0.1 s. */
export function createTokenizer(): Tokenize {
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
