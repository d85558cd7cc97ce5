import type { EditOp } from "../contract/edit-op.js";
import type { Axis, Polarity } from "./tone-lexicon.js";

/** Maps an axis change to the edit operation a check verifies, or an unknown op with the reason. */
export function axisOp(axis: Axis, direction: Polarity): EditOp {
  const dir = direction === 1 ? "up" : "down";
  switch (axis) {
    case "brightness":
      return { op: "brightness", direction: dir };
    case "contrast":
      return { op: "contrast", direction: dir };
    case "saturation":
      return { op: "saturation", direction: dir };
    case "temperature":
      return { op: "temperature", direction: direction === 1 ? "warmer" : "cooler" };
    case "sharpness":
      return direction === 1 ? { op: "sharpen" } : { op: "blur" };
    case "noise":
      return direction === 1
        ? { op: "noise" }
        : { op: "unknown", reason: "Removing noise or grain (denoising) is not a supported edit" };
    case "pixelation":
      return direction === 1
        ? { op: "pixelate" }
        : { op: "unknown", reason: "Removing pixelation or blockiness is not a supported edit" };
  }
}

const AXIS_NAMES: Readonly<Record<Axis, string>> = {
  brightness: "brightness",
  contrast: "contrast",
  saturation: "saturation",
  temperature: "white balance",
  sharpness: "sharpness",
  noise: "noise",
  pixelation: "pixelation",
};

export function undirectedReason(axis: Axis): string {
  return `The instruction names ${AXIS_NAMES[axis]} but not whether to increase or decrease it`;
}
