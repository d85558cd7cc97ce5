const VERB =
  /^(?:add|insert|put|place|write|draw|paint|include|overlay|type|remove|delete|erase|take|get|eliminate|clear|change|replace|swap|turn|edit|rename|rewrite|switch|transform|convert|make|keep)\b/i;

/**
 * Splits an instruction into clauses at ",", ";", "." and "and"/"then", never inside quotes.
 * A clause without a verb ("add a cat and a dog") inherits the verb of the clause before it.
 */
export function splitClauses(instruction: string): string[] {
  const parts: string[] = [];
  let current = "";
  let quote: string | null = null;
  const text = instruction.trim();
  for (let i = 0; i < text.length; i++) {
    const ch = text[i] as string;
    if (quote) {
      current += ch;
      if (ch === quote || (quote === "“" && ch === "”") || (quote === "‘" && ch === "’")) quote = null;
      continue;
    }
    const prev = text[i - 1] ?? " ";
    if (`"“`.includes(ch) || (`'‘`.includes(ch) && !/\w/.test(prev))) {
      quote = ch;
      current += ch;
      continue;
    }
    if (/[,;.!]/.test(ch) && !/\d/.test(text[i + 1] ?? "")) {
      parts.push(current);
      current = "";
      continue;
    }
    const rest = text.slice(i);
    const conj = /^\s+(?:and\s+then|then|and|also|plus)\s+/i.exec(rest);
    if (conj) {
      parts.push(current);
      current = "";
      i += conj[0].length - 1;
      continue;
    }
    current += ch;
  }
  parts.push(current);
  const clauses: string[] = [];
  let lastVerb = "";
  for (const raw of parts) {
    const clause = raw.trim();
    if (!clause) continue;
    const verb = VERB.exec(clause.replace(/^please\s+/i, ""));
    if (verb) lastVerb = verb[0];
    clauses.push(verb || !lastVerb ? clause : `${lastVerb} ${clause}`);
  }
  return clauses;
}
