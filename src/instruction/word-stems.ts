/**
 * Candidate dictionary forms of a word, for inflections wink's lemmatiser leaves alone
 * ("darkening" → "darken", "desaturating" → "desaturate", "flatter" → "flat", "paler" → "pale").
 */
export function wordStems(value: string, lemma: string): string[] {
  const out = [value, lemma];
  const strip = (suffix: string) =>
    value.endsWith(suffix) && value.length > suffix.length + 2 ? value.slice(0, -suffix.length) : null;
  for (const suffix of ["ing", "ed", "er", "est"]) {
    const base = strip(suffix);
    if (!base) continue;
    out.push(base, `${base}e`);
    if (/([b-df-hj-np-tv-z])\1$/.test(base)) out.push(base.slice(0, -1));
    if (base.endsWith("i")) out.push(`${base.slice(0, -1)}y`);
  }
  return [...new Set(out)];
}
