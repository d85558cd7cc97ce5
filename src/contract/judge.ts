import type { BackendUsage } from "./backend.js";
import type { PreparedCase } from "./edit-case.js";
import type { DecodedImage } from "./image.js";
import type { JudgeResult } from "./result.js";

export interface JudgeRunOptions {
  signal?: AbortSignal;
  /** Called as candidates finish, for progress display. */
  onProgress?: (done: number, total: number) => void;
}

export interface Judge {
  readonly id: string;
  readonly version: string;
  /**
   * False when the judge reads only decoded pixels, never the encoded files (it sends no image onward): callers
   * may then drop each image's encoded bytes once it is decoded (`DecodedImage.encoded` left empty), so a case of
   * large PNGs holds its pixels only. Absent means true.
   */
  readonly usesEncodedImages?: boolean;
  /**
   * Called by whoever decodes a case for this judge, on the source and on each candidate as soon as it is decoded
   * (a candidate after the source), with the source's size: returns the image to put in the case. A judge that
   * reads large images only in a reduced form keeps that form and returns the image with its pixels taken out
   * (`rgb` empty), so a case of large images holds its full-resolution pixels only while each decodes. The
   * returned image must then go to this judge only; a copy of it under another name (`{ ...image, name }`, the
   * same `rgb` array) stands for the same image. Absent: the image is kept as decoded.
   */
  compactImage?(image: DecodedImage, source: { width: number; height: number }): DecodedImage;
  judge(edit: PreparedCase, options?: JudgeRunOptions): Promise<JudgeResult>;
  /** Running totals of the judge's model-server calls; absent or null for a judge without a backend. */
  usage?(): BackendUsage | null;
  /** Releases models, connections, caches. */
  close?(): Promise<void>;
}
