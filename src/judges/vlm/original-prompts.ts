import { ConfigError } from "../../errors/config-error.js";
import { PINNED_FILES, type PinnedFile, type PinnedFileId } from "../../reference/pinned-files.js";
import { pythonFormat } from "../../reference/python-format.js";
import { readPythonConstants } from "../../reference/python-strings.js";
import type { ReferenceFiles, ReferenceText } from "../../reference/reference-files.js";

/**
 * The original methods' prompts, composed at run time from the user's copy of each original project exactly as
 * its code composes them. No prompt text lives in EditJudge: only the file pins, the variable names and the
 * composition steps below (documented per judge in docs/judges.md).
 */

/** Which pinned files each judge's original form reads. */
export const ORIGINAL_PROMPT_FILES: Readonly<Record<string, readonly PinnedFileId[]>> = {
  viescore: ["viescore"],
  editscore: ["editscore"],
  logit: ["edit-r1"],
  firm: ["firm"],
  pairwise: ["genai-bench"],
};

/** A composed original prompt: a cache-key id (file hash prefix) and the text, with placeholders still open. */
export interface OriginalPrompt {
  id: string;
  text: string;
}

/** Python's `str.replace(old, new)`: every occurrence, no pattern syntax. */
export function pyReplace(text: string, old: string, value: string): string {
  return text.split(old).join(value);
}

function constant(file: ReferenceText, name: string, judge: string): string {
  const constants = readPythonConstants(file.text);
  const value = constants.get(name);
  if (value !== undefined) return value;
  const why = constants.problem(name) ?? "the file assigns no such constant";
  throw new ConfigError(
    "referenceDirs",
    `the ${judge} judge reads ${name} from ${file.path}, but ${why}; use the pinned file (${file.pin.repo}@${file.pin.commit.slice(0, 7)}) or --prompt-variant editjudge`,
  );
}

const idFor = (name: string, pin: PinnedFile) => `${name}@original-${pin.sha256.slice(0, 12)}`;

/** VIEScore "tie" task: SC = context ⏎ two-image edit rule ⏎ SC rule; PQ = context ⏎ PQ rule (`"\n".join`). */
export function viescorePrompts(ref: ReferenceFiles): { sc: OriginalPrompt; pq: OriginalPrompt } {
  const pin = PINNED_FILES.viescore;
  const file = ref.read(pin, "viescore");
  const c = (name: string) => constant(file, name, "viescore");
  const context = c("_context_no_delimit");
  return {
    sc: {
      id: idFor("viescore-sc", pin),
      text: [context, c("_prompts_0shot_two_image_edit_rule"), c("_prompts_0shot_tie_rule_SC")].join("\n"),
    },
    pq: { id: idFor("viescore-pq", pin), text: [context, c("_prompts_0shot_rule_PQ")].join("\n") },
  };
}

/**
 * EditScore: its reasoning-first context, VIEScore's rules with every "10" replaced by the score range (25) in
 * the SC rule and the PQ rule (EditScore.__init__), joined with "\n".
 */
export function editscorePrompts(
  ref: ReferenceFiles,
  scoreRange = 25,
): { sc: OriginalPrompt; pq: OriginalPrompt } {
  const pin = PINNED_FILES.editscore;
  const file = ref.read(pin, "editscore");
  const c = (name: string) => constant(file, name, "editscore");
  const context = c("_context_no_delimit_reasoning_first");
  const range = String(scoreRange);
  return {
    sc: {
      id: idFor("editscore-sc", pin),
      text: [
        context,
        c("_prompts_0shot_two_image_edit_rule"),
        pyReplace(c("_prompts_0shot_tie_rule_SC"), "10", range),
      ].join("\n"),
    },
    pq: {
      id: idFor("editscore-pq", pin),
      text: [context, pyReplace(c("_prompts_0shot_rule_PQ"), "10", range)].join("\n"),
    },
  };
}

/** Fills VIEScore/EditScore's `<instruction>` placeholder (Python `str.replace`). */
export function fillInstruction(text: string, instruction: string): string {
  return pyReplace(text, "<instruction>", instruction);
}

/** Edit-R1 (UniWorld-V2): `SCORE_LOGIT.format(prompt=instruction, requirement=requirement)`. */
export function logitPrompt(ref: ReferenceFiles, instruction: string, requirement: string): OriginalPrompt {
  const pin = PINNED_FILES["edit-r1"];
  const file = ref.read(pin, "logit");
  return {
    id: idFor("logit", pin),
    text: pythonFormat(constant(file, "SCORE_LOGIT", "logit"), { prompt: instruction, requirement }),
  };
}

/** FIRM-Reward: `SCORE_EXECUTION` / `SCORE_CONSISTENCY` `.format(prompt=instruction, requirement=requirement)`. */
export function firmPrompts(
  ref: ReferenceFiles,
  instruction: string,
  requirement: string,
): { execution: OriginalPrompt; consistency: OriginalPrompt } {
  const pin = PINNED_FILES.firm;
  const file = ref.read(pin, "firm");
  const fill = (name: string) =>
    pythonFormat(constant(file, name, "firm"), { prompt: instruction, requirement });
  return {
    execution: { id: idFor("firm-execution", pin), text: fill("SCORE_EXECUTION") },
    consistency: { id: idFor("firm-consistency", pin), text: fill("SCORE_CONSISTENCY") },
  };
}

/** A text or image slot of a prompt split at its image placeholders, in order. */
export type PromptSlot = { text: string } | { image: string };

/**
 * GenAI-Bench's image-edition pairwise template as `run_pairwise_example` fills it: the string fields replaced
 * (`str.replace`), then the text split at each image placeholder in order of position, every text piece kept as
 * it is (no trimming). Image slots name the placeholder ("source_image", "left_output_image", "right_output_image").
 */
export function pairwiseSlots(
  ref: ReferenceFiles,
  fields: { source_prompt: string; target_prompt: string; instruct_prompt: string },
): { id: string; slots: PromptSlot[] } {
  const pin = PINNED_FILES["genai-bench"];
  let prompt = ref.read(pin, "pairwise").text;
  for (const [key, value] of Object.entries(fields)) prompt = pyReplace(prompt, `<${key}>`, value);
  const images = ["source_image", "left_output_image", "right_output_image"]
    .map((key) => ({ key, pos: prompt.indexOf(`<${key}>`) }))
    .sort((a, b) => a.pos - b.pos);
  const slots: PromptSlot[] = [];
  for (const { key, pos } of images) {
    const pieces = prompt.split(`<${key}>`);
    if (pos < 0 || pieces.length !== 2) {
      throw new ConfigError(
        "referenceDirs",
        `the pairwise judge needs exactly one <${key}> in ${pin.path}; use the pinned file or --prompt-variant editjudge`,
      );
    }
    slots.push({ text: pieces[0] as string }, { image: key });
    prompt = pieces[1] as string;
  }
  slots.push({ text: prompt });
  return { id: idFor("pairwise", pin), slots };
}
