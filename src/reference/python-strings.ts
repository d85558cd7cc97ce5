/**
 * Reads the module-level string constants of a Python source file, without running it: `NAME = "…"`,
 * `NAME = """…"""`, implicit concatenation of adjacent literals (also inside parentheses), and the escape
 * sequences of ordinary and raw literals. Anything else assigned at module level is skipped; a constant whose
 * literal uses a construct this reader does not handle (f-string fields, bytes, `\N{…}`) is reported by name
 * when asked for, never guessed.
 */
export interface PythonConstants {
  /** The constant's value, or undefined when the file assigns no plain string to it. */
  get(name: string): string | undefined;
  /** Why a name that is assigned could not be read as a plain string, if so. */
  problem(name: string): string | undefined;
  names(): string[];
}

type Token =
  | { kind: "name"; text: string; column: number }
  | { kind: "string"; value: string; problem?: string; column: number }
  | { kind: "op"; text: string; column: number }
  | { kind: "newline" };

export function readPythonConstants(source: string): PythonConstants {
  const values = new Map<string, string>();
  const problems = new Map<string, string>();
  let line: Token[] = [];
  const flush = () => {
    const [target, equals, ...rest] = line;
    line = [];
    if (target?.kind !== "name" || target.column !== 0 || equals?.kind !== "op" || equals.text !== "=")
      return;
    const literals = rest.filter((t) => !(t.kind === "op" && (t.text === "(" || t.text === ")")));
    if (literals.length === 0 || !literals.every((t) => t.kind === "string")) {
      values.delete(target.text);
      problems.set(target.text, "it is not assigned a plain string literal");
      return;
    }
    const strings = literals as Array<Extract<Token, { kind: "string" }>>;
    const problem = strings.find((s) => s.problem)?.problem;
    if (problem) {
      values.delete(target.text);
      problems.set(target.text, problem);
      return;
    }
    problems.delete(target.text);
    values.set(target.text, strings.map((s) => s.value).join(""));
  };
  for (const token of tokenize(source.replace(/\r\n?/g, "\n"))) {
    if (token.kind === "newline") flush();
    else line.push(token);
  }
  flush();
  return {
    get: (name) => values.get(name),
    problem: (name) => problems.get(name),
    names: () => [...values.keys()],
  };
}

const PREFIX = /^(?:r|u|f|b|br|rb|fr|rf)$/i;

function* tokenize(src: string): Generator<Token> {
  let i = 0;
  let depth = 0;
  let lineStart = 0;
  while (i < src.length) {
    const c = src[i] as string;
    if (c === "\n") {
      if (depth === 0) yield { kind: "newline" };
      i++;
      lineStart = i;
      continue;
    }
    if (c === "\\" && src[i + 1] === "\n") {
      i += 2;
      continue;
    }
    if (c === " " || c === "\t" || c === "\f") {
      i++;
      continue;
    }
    if (c === "#") {
      while (i < src.length && src[i] !== "\n") i++;
      continue;
    }
    const column = i - lineStart;
    if (/[A-Za-z_]/.test(c)) {
      let j = i;
      while (j < src.length && /\w/.test(src[j] as string)) j++;
      const word = src.slice(i, j);
      if ((src[j] === '"' || src[j] === "'") && PREFIX.test(word)) {
        const literal = readLiteral(src, j, word.toLowerCase());
        yield {
          kind: "string",
          value: literal.value,
          column,
          ...(literal.problem ? { problem: literal.problem } : {}),
        };
        i = literal.end;
        continue;
      }
      yield { kind: "name", text: word, column };
      i = j;
      continue;
    }
    if (c === '"' || c === "'") {
      const literal = readLiteral(src, i, "");
      yield {
        kind: "string",
        value: literal.value,
        column,
        ...(literal.problem ? { problem: literal.problem } : {}),
      };
      i = literal.end;
      continue;
    }
    if (c === "(" || c === "[" || c === "{") depth++;
    if ((c === ")" || c === "]" || c === "}") && depth > 0) depth--;
    yield { kind: "op", text: c, column };
    i++;
  }
  yield { kind: "newline" };
}

/** One literal starting at its opening quote; `end` is the index after its closing quote. */
function readLiteral(
  src: string,
  start: number,
  prefix: string,
): { value: string; end: number; problem?: string } {
  const quote = src[start] as string;
  const triple = src.startsWith(quote.repeat(3), start);
  const close = triple ? quote.repeat(3) : quote;
  const raw = prefix.includes("r");
  let i = start + close.length;
  let body = "";
  for (;;) {
    if (i >= src.length) return { value: body, end: i, problem: "a string literal is not closed" };
    if (src.startsWith(close, i)) break;
    const ch = src[i] as string;
    if (!triple && ch === "\n") return { value: body, end: i, problem: "a string literal is not closed" };
    if (ch === "\\" && i + 1 < src.length) {
      body += src.slice(i, i + 2);
      i += 2;
      continue;
    }
    body += ch;
    i++;
  }
  const end = i + close.length;
  if (prefix.includes("b")) return { value: "", end, problem: "it is a bytes literal" };
  if (prefix.includes("f") && /\{(?!\{)/.test(body.replace(/\{\{|\}\}/g, "")))
    return { value: "", end, problem: "it is an f-string with fields, which is evaluated at run time" };
  let value = raw ? body : decodeEscapes(body);
  if (prefix.includes("f")) value = value.replace(/\{\{/g, "{").replace(/\}\}/g, "}");
  if (value === UNSUPPORTED) return { value: "", end, problem: "it uses a \\N{…} escape" };
  return { value, end };
}

const UNSUPPORTED = "\u0000unsupported\u0000";
const SIMPLE: Record<string, string> = {
  "\\": "\\",
  "'": "'",
  '"': '"',
  n: "\n",
  t: "\t",
  r: "\r",
  a: "\u0007",
  b: "\b",
  f: "\f",
  v: "\v",
  "\n": "",
};

/** Python's escape sequences of a non-raw str literal; an unknown escape keeps its backslash, as Python does. */
function decodeEscapes(body: string): string {
  let out = "";
  for (let i = 0; i < body.length; i++) {
    const ch = body[i] as string;
    if (ch !== "\\" || i + 1 >= body.length) {
      out += ch;
      continue;
    }
    const next = body[i + 1] as string;
    if (next in SIMPLE) {
      out += SIMPLE[next];
      i++;
      continue;
    }
    const octal = /^[0-7]{1,3}/.exec(body.slice(i + 1));
    if (octal) {
      out += String.fromCodePoint(Number.parseInt(octal[0], 8));
      i += octal[0].length;
      continue;
    }
    const hexLength = next === "x" ? 2 : next === "u" ? 4 : next === "U" ? 8 : 0;
    const hex = hexLength > 0 ? body.slice(i + 2, i + 2 + hexLength) : "";
    if (hexLength > 0 && hex.length === hexLength && /^[0-9a-fA-F]+$/.test(hex)) {
      out += String.fromCodePoint(Number.parseInt(hex, 16));
      i += 1 + hexLength;
      continue;
    }
    if (next === "N") return UNSUPPORTED;
    out += ch;
  }
  return out;
}
