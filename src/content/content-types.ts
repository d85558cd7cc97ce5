/** A rectangle in normalised image coordinates, [x0, y0, x1, y1] with (0,0) at the top-left. */
export type Box = readonly [number, number, number, number];

/** One line of text the OCR read. */
export interface OcrLine {
  text: string;
  /** Mean character confidence in [0,1]. */
  confidence: number;
  box: Box;
}

/** One object the COCO detector found. */
export interface Detection {
  label: string;
  score: number;
  box: Box;
}

/** One face: where it is, how sure the detector is, and its identity embedding. */
export interface Face {
  score: number;
  box: Box;
  embedding: readonly number[];
}

/** Everything the content models saw in one image. Fields are absent when that model was not run. */
export interface ImageContent {
  lines?: OcrLine[];
  objects?: Detection[];
  faces?: Face[];
}
