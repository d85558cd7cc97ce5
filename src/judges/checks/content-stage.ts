import type { PreparedCase } from "../../contract/edit-case.js";
import type { Principle } from "../../contract/principle.js";
import type { Verdict } from "../../contract/verdict.js";

/**
 * The seam between the pixel checks and the content models (OCR, object detector, faces).
 * The checks judge calls it when one is configured; it owns its models (loaded lazily, once).
 */
export interface ContentStage {
  /**
   * Adds or adjusts principles for content edits, given those the parser produced: e.g. an identity
   * keep principle when the source has faces, or a keep principle whose `region` excludes the boxes
   * an object edit affects. Returns the full principle list to use.
   */
  principlesFor(edit: PreparedCase, parsed: readonly Principle[], signal?: AbortSignal): Promise<Principle[]>;
  /** Verifies a principle on one candidate, or returns null when it is not a content principle. */
  verify(
    principle: Principle,
    edit: PreparedCase,
    candidateIndex: number,
    signal?: AbortSignal,
  ): Promise<Verdict | null>;
  close?(): Promise<void>;
}
