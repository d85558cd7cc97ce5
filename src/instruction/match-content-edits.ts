import type { EditOp } from "../contract/edit-op.js";

/**
 * Finds content edits (text add/replace/remove, object add/remove/replace/count) in an instruction.
 * Returns [] when the instruction asks for none. STUB: filled in by the content-checks work.
 */
export function matchContentEdits(_instruction: string): EditOp[] {
  return [];
}
