import type { EditOp } from "./edit-op.js";
import type { Region } from "./region.js";

export type PrincipleKind = "follow" | "keep" | "quality";

/** Where a principle came from: the rule-based parser, the user, or a vision-language model. */
export type PrincipleOrigin = "parser" | "user" | "vlm";

/**
 * One verifiable statement about a good edit, e.g. "the top half is brighter" (follow),
 * "everything outside the top half is unchanged" (keep), "no clipping or artifacts" (quality).
 */
export interface Principle {
  /** Stable within one result, e.g. "follow-1", "keep-1", "quality-1". */
  id: string;
  text: string;
  kind: PrincipleKind;
  /** The region a follow principle applies to, or that a keep principle excludes. */
  region?: Region;
  /** For follow principles from the parser: the requested change. */
  op?: EditOp;
  /** For keep principles: what must stay. */
  scope?: "outside-region" | "content" | "text" | "identity" | "background";
  /** Edit operations whose side-effects a keep or quality principle must tolerate. */
  allows?: readonly string[];
  origin: PrincipleOrigin;
}
