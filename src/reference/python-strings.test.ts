import { execFileSync } from "node:child_process";
import { existsSync } from "node:fs";
import { resolve } from "node:path";
import { describe, expect, it } from "vitest";
import {
  editscorePrompts,
  fillInstruction,
  firmPrompts,
  logitPrompt,
  viescorePrompts,
} from "../judges/vlm/original-prompts.js";
import { formatFields, pythonFormat } from "./python-format.js";
import { readPythonConstants } from "./python-strings.js";
import { ReferenceFiles } from "./reference-files.js";

describe("readPythonConstants", () => {
  it("reads triple-quoted, single-quoted, raw and implicitly concatenated module constants", () => {
    const source = [
      "# a comment with A = 'not this'",
      'A = """line one',
      "B = 'inside the string, not an assignment'",
      'line three"""',
      "B = 'tab\\there' \"and more\"",
      "C = (",
      "    'part one, '  # a comment between parts",
      '    "part two"',
      ")",
      "D = r'raw \\n stays'",
      "E = 'continued \\",
      "line'",
      "F = f'no fields {{braces}}'",
      "G = f'{field}'",
      "H = b'bytes'",
      "I = 42",
      "def f():",
      "    J = 'indented, not module level'",
      "K = '\\x41\\u00e9\\101'",
    ].join("\n");
    const c = readPythonConstants(source);
    expect(c.get("A")).toBe("line one\nB = 'inside the string, not an assignment'\nline three");
    expect(c.get("B")).toBe("tab\there" + "and more");
    expect(c.get("C")).toBe("part one, part two");
    expect(c.get("D")).toBe("raw \\n stays");
    expect(c.get("E")).toBe("continued line");
    expect(c.get("F")).toBe("no fields {braces}");
    expect(c.get("G")).toBeUndefined();
    expect(c.problem("G")).toMatch(/f-string with fields/);
    expect(c.problem("H")).toMatch(/bytes/);
    expect(c.problem("I")).toMatch(/not assigned a plain string/);
    expect(c.get("J")).toBeUndefined();
    expect(c.get("K")).toBe("AéA");
  });

  it("keeps an unknown escape's backslash and normalises CRLF line ends, as Python does", () => {
    const c = readPythonConstants('X = """a\\qb\r\nc"""\r\n');
    expect(c.get("X")).toBe("a\\qb\nc");
  });
});

describe("pythonFormat", () => {
  it("fills named fields and unescapes doubled braces; refuses what it does not implement", () => {
    expect(pythonFormat('{{\n"k": {a}}} {b}', { a: "1", b: "{x}" })).toBe('{\n"k": 1} {x}');
    expect(() => pythonFormat("{0}", {})).toThrow(/unsupported format field/);
    expect(() => pythonFormat("{a!r}", { a: "1" })).toThrow(/unsupported/);
    expect(() => pythonFormat("{a}", {})).toThrow(/no value/);
    expect(formatFields("{{no}} {prompt} {requirement} {prompt}")).toEqual(["prompt", "requirement"]);
  });
});

// The composed original prompts must equal what the original Python code builds: run it, when python3 is here.
const REFERENCE = resolve(import.meta.dirname, "../../../shared/reference");
const python = (() => {
  try {
    execFileSync("python3", ["--version"], { stdio: "ignore" });
    return true;
  } catch {
    return false;
  }
})();
const skip = !existsSync(REFERENCE) ? "../shared/reference is absent" : !python ? "python3 is absent" : "";
if (skip) console.log(`skipping the Python comparison of composed prompts: ${skip}`);

describe.skipIf(skip !== "")("composed original prompts equal the original code's strings", () => {
  it("viescore, editscore (10→25, reasoning-first context), logit and firm (str.format)", () => {
    const script = `
import importlib.util, json, sys
def load(p):
    s = importlib.util.spec_from_file_location("m", p); m = importlib.util.module_from_spec(s); s.loader.exec_module(m); return m
R = sys.argv[1] + "/"
v = load(R + "VIEScore/viescore/vie_prompts.py"); e = load(R + "EditScore/editscore/vie_prompts.py")
a = load(R + "Edit-R1/reward_server/prompt_template.py"); f = load(R + "FIRM-Reward/editing/reward_server/prompt_template.py")
print(json.dumps({
  "vsc": "\\n".join([v._context_no_delimit, v._prompts_0shot_two_image_edit_rule, v._prompts_0shot_tie_rule_SC]).replace("<instruction>", "add 10 cats"),
  "vpq": "\\n".join([v._context_no_delimit, v._prompts_0shot_rule_PQ]),
  "esc": "\\n".join([e._context_no_delimit_reasoning_first, e._prompts_0shot_two_image_edit_rule, e._prompts_0shot_tie_rule_SC.replace("10", "25")]).replace("<instruction>", "add 10 cats"),
  "epq": "\\n".join([e._context_no_delimit_reasoning_first, e._prompts_0shot_rule_PQ.replace("10", "25")]),
  "logit": a.SCORE_LOGIT.format(prompt="add {x} cats", requirement="keep the dog"),
  "fe": f.SCORE_EXECUTION.format(prompt="add 10 cats", requirement=""),
  "fc": f.SCORE_CONSISTENCY.format(prompt="add 10 cats", requirement=""),
}))`;
    const expected = JSON.parse(
      execFileSync("python3", ["-c", script, REFERENCE], { encoding: "utf8" }),
    ) as Record<string, string>;
    const ref = new ReferenceFiles({ dirs: [REFERENCE], cacheDir: "/nonexistent" });
    const v = viescorePrompts(ref);
    const e = editscorePrompts(ref);
    const f = firmPrompts(ref, "add 10 cats", "");
    const ours: Record<string, string> = {
      vsc: fillInstruction(v.sc.text, "add 10 cats"),
      vpq: v.pq.text,
      esc: fillInstruction(e.sc.text, "add 10 cats"),
      epq: e.pq.text,
      logit: logitPrompt(ref, "add {x} cats", "keep the dog").text,
      fe: f.execution.text,
      fc: f.consistency.text,
    };
    for (const key of Object.keys(expected))
      expect({ key, text: ours[key] }).toEqual({ key, text: expected[key] });
    // The replacement happens before the instruction is filled in: "10" in the instruction survives.
    expect(ours.esc).toContain("add 10 cats");
    expect(ours.esc).not.toMatch(/from 0 to 10\b/);
  });
});
