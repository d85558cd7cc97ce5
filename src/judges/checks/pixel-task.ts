import type { BinaryMask } from "../../checks/mask/binary-mask.js";
import type { EditOpName } from "../../contract/edit-op.js";
import type { Principle } from "../../contract/principle.js";
import type { Verdict } from "../../contract/verdict.js";
import type { ReducedImage } from "./reduced-image.js";

/**
 * One candidate's pixel verification, as sent to a pool worker. Images travel reduced to the working resolution
 * (with their full-resolution tiles) and in shared memory, so a worker never holds a large image: what it keeps
 * alive until its garbage collector runs is a few megabytes per task.
 */
export interface PixelTask {
  id: number;
  /** Identifies the source (its content hash, and the mask's), so a worker analyses each source once. */
  sourceKey: string;
  source: ReducedImage;
  /** The case's edit mask at the source's working resolution, when it has one the checks use. */
  mask?: BinaryMask;
  candidate: ReducedImage;
  principles: Principle[];
  ops: EditOpName[];
}

/** Asks a worker to end: it closes its port and its thread ends by itself once nothing is left to run. */
export interface PixelWorkerClose {
  close: true;
}

export type PixelTaskResult = { id: number; verdicts: Verdict[] } | { id: number; error: string };
