/**
 * Verdict thresholds of the content checks, calibrated on the development photos (../shared/photos)
 * with scripts/calibrate-content.ts; docs/content-checks.md records how each value was chosen.
 */
export const CONTENT_THRESHOLDS = {
  /** A CenterNet detection counts as present at or above this score. */
  objectMinScore: 0.2,
  /** A detection in the candidate is "the same object" as one in the source above this IoU. */
  sameObjectIou: 0.3,
  /** Faces below this BlazeFace score, or smaller than `faceMinPixels` on their short side, are ignored. */
  faceMinScore: 0.5,
  faceMinPixels: 32,
  /** Raw cosine similarity of FaceRes embeddings at or above which two faces are the same person. */
  identityCosine: 0.6,
  /**
   * OCR lines below this confidence (or shorter than 3 characters, or inside the edited area) are left out
   * of the "keep the existing text" principle: they are mostly texture read as letters.
   */
  keepTextMinConfidence: 0.9,
  /** Allowed OCR edit distance: one edit per this many characters of the requested text (rounded down). */
  charsPerAllowedEdit: 6,
} as const;

export type ContentThresholds = { -readonly [K in keyof typeof CONTENT_THRESHOLDS]: number };
