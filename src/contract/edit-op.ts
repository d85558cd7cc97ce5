/** A requested change the instruction parser understood. Checks dispatch on `op`. */
export type Direction = "up" | "down";

export type RgbColor = readonly [number, number, number];

export type CropShape = "half" | "third" | "square" | "center" | "quarter" | "two-thirds";
export type CropAnchor = "left" | "right" | "top" | "bottom" | "center";

export type EditOp =
  | { op: "brightness"; direction: Direction }
  | { op: "contrast"; direction: Direction }
  | { op: "saturation"; direction: Direction }
  | { op: "grayscale" }
  | { op: "sepia" }
  | { op: "temperature"; direction: "warmer" | "cooler" }
  | { op: "invert" }
  /** Degrees clockwise. */
  | { op: "rotate"; degrees: 90 | 180 | 270 }
  /** horizontal = mirror left/right; vertical = upside-down mirror. */
  | { op: "flip"; axis: "horizontal" | "vertical" }
  | { op: "crop"; shape: CropShape; anchor: CropAnchor }
  | { op: "border"; color: RgbColor | null; colorName: string | null }
  | { op: "blur" }
  | { op: "sharpen" }
  | { op: "noise" }
  | { op: "pixelate" }
  | { op: "resize"; direction: Direction; factor: number | null; width: number | null; height: number | null }
  /**
   * A small-angle rotation or straightening (|degrees| < 45). `degrees` is the magnitude asked for (null:
   * "straighten it"); `clockwise` the sense (null: not said, as in "straighten the horizon by 3°").
   */
  | { op: "tilt"; degrees: number | null; clockwise: boolean | null }
  /** add = darken the edges and corners; remove = brighten them back. */
  | { op: "vignette"; direction: "add" | "remove" }
  /** Fewer tone levels per channel; `levels` as asked (null: not said). */
  | { op: "posterize"; levels: number | null }
  /** Hue rotation; `degrees` signed (positive = red → yellow → green → blue), null when not said. */
  | { op: "hue-shift"; degrees: number | null }
  /** Content edits, verified by the content checks (OCR, detector, faces). */
  | { op: "text-add"; text: string; position: string | null }
  | { op: "text-replace"; from: string; to: string }
  | { op: "text-remove"; text: string }
  | { op: "object-add"; object: string; cocoClass: string | null; count: number | null }
  | { op: "object-remove"; object: string; cocoClass: string | null }
  | { op: "object-replace"; from: string; fromClass: string | null; to: string; toClass: string | null }
  /** An instruction outside the understood families. Its follow principle abstains. */
  | { op: "unknown"; reason: string };

export type EditOpName = EditOp["op"];
