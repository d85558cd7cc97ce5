import type { ChatImagePart, ChatMessage } from "../../contract/backend.js";
import type { PreparedCase } from "../../contract/edit-case.js";
import { logitPrompt } from "./original-prompts.js";
import { userMessage } from "./prompt-template.js";
import type { VlmRuntime } from "./vlm-runtime.js";

/**
 * The logit judge's request text. Original form (default): Edit-R1's `SCORE_LOGIT` with `Instruction:` filled
 * from the instruction and `Requirements:` from `case.metadata.requirement` ("" when absent, as its reward server
 * does), the images first [source, edited], then the text. Own-worded variant: prompts/logit.v1.txt.
 */
export function logitMessages(
  rt: VlmRuntime,
  edit: PreparedCase,
  source: ChatImagePart,
  edited: ChatImagePart,
): { promptId: string; messages: ChatMessage[] } {
  if (rt.original("logit")) {
    const requirement = typeof edit.metadata?.requirement === "string" ? edit.metadata.requirement : "";
    const prompt = logitPrompt(rt.reference, edit.instruction, requirement);
    return {
      promptId: prompt.id,
      messages: [{ role: "user", content: [source, edited, { type: "text", text: prompt.text }] }],
    };
  }
  const template = rt.template("logit");
  return {
    promptId: template.id,
    messages: userMessage(template, { instruction: edit.instruction }, { source, candidate: edited }),
  };
}
