import type { BinaryMask } from "../../checks/mask/binary-mask.js";
import type { RgbImage } from "../../checks/pixels/rgb-image.js";
import type { EditOpName } from "../../contract/edit-op.js";
import type { Principle } from "../../contract/principle.js";
import type { Verdict } from "../../contract/verdict.js";

/** One candidate's pixel verification, as sent to a pool worker. */
export interface PixelTask {
  id: number;
  /** Identifies the source (its content hash, and the mask's), so a worker analyses each source once. */
  sourceKey: string;
  source: RgbImage;
  /** The case's edit mask at the source's size, when it has one the checks use. */
  mask?: BinaryMask;
  candidate: RgbImage;
  principles: Principle[];
  ops: EditOpName[];
}

export type PixelTaskResult = { id: number; verdicts: Verdict[] } | { id: number; error: string };
