import type { EditOp } from "../contract/edit-op.js";
import type { Region } from "../contract/region.js";

/** Readable follow statements: "The top half is brighter", "The image is rotated 90° clockwise". */
function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

const CROP_TEXT: Readonly<Record<string, string>> = {
  half: "half",
  third: "third",
  quarter: "quarter",
  "two-thirds": "two-thirds",
};

function cropText(op: Extract<EditOp, { op: "crop" }>): string {
  if (op.shape === "square")
    return op.anchor === "center" ? "a centred square" : `a square at the ${op.anchor}`;
  if (op.shape === "center") return "the centre";
  const part = CROP_TEXT[op.shape] ?? op.shape;
  return op.anchor === "center" ? `the central ${part}` : `the ${op.anchor} ${part}`;
}

function resizeText(op: Extract<EditOp, { op: "resize" }>): string {
  const verb = op.direction === "up" ? "enlarged" : "reduced";
  if (op.width !== null && op.height !== null) return `resized to ${op.width}×${op.height} pixels`;
  if (op.width !== null) return `resized to ${op.width} pixels wide`;
  if (op.height !== null) return `resized to ${op.height} pixels tall`;
  if (op.factor !== null) return `${verb} to ${Math.round(op.factor * 1000) / 10}% of its size`;
  return `${verb} in size`;
}

function tiltText(op: Extract<EditOp, { op: "tilt" }>): string {
  const by = op.degrees === null ? "" : ` by ${op.degrees}°`;
  if (op.clockwise === null) return `is straightened (rotated${by})`;
  return `is rotated${by} ${op.clockwise ? "clockwise" : "counter-clockwise"}`;
}

function predicate(op: EditOp): string {
  switch (op.op) {
    case "brightness":
      return op.direction === "up" ? "is brighter" : "is darker";
    case "contrast":
      return op.direction === "up" ? "has more contrast" : "has less contrast";
    case "saturation":
      return op.direction === "up" ? "has more saturated colours" : "has less saturated colours";
    case "grayscale":
      return "is black and white";
    case "sepia":
      return "has a sepia tone";
    case "temperature":
      return `is ${op.direction} (white balance)`;
    case "invert":
      return "has inverted colours (a negative)";
    case "rotate":
      return op.degrees === 270 ? "is rotated 90° counter-clockwise" : `is rotated ${op.degrees}° clockwise`;
    case "flip":
      return op.axis === "horizontal"
        ? "is mirrored left to right"
        : "is flipped upside down (vertical flip)";
    case "crop":
      return `is cropped to ${cropText(op)}`;
    case "border":
      return op.colorName ? `has a ${op.colorName} border` : "has a border";
    case "blur":
      return "is blurred";
    case "sharpen":
      return "is sharper";
    case "noise":
      return "has added noise or grain";
    case "pixelate":
      return "is pixelated";
    case "resize":
      return `is ${resizeText(op)}`;
    case "tilt":
      return tiltText(op);
    case "vignette":
      return op.direction === "add"
        ? "has a vignette (darker edges and corners)"
        : "has its vignette removed (edges and corners brightened)";
    case "posterize":
      return op.levels === null ? "is posterized" : `is posterized to ${op.levels} levels`;
    case "hue-shift":
      return op.degrees === null ? "has its hues shifted" : `has its hues rotated by ${op.degrees}°`;
    default:
      return "is edited as asked";
  }
}

/** The follow statement for an op, optionally restricted to a region. Content and unknown ops have their own. */
export function followText(op: EditOp, region: Region | null, fallback: string): string {
  switch (op.op) {
    case "text-add":
      return `The text "${op.text}" is added${op.position ? ` at the ${op.position}` : ""}`;
    case "text-replace":
      return `The text "${op.from}" is replaced by "${op.to}"`;
    case "text-remove":
      return `The text "${op.text}" is removed`;
    case "object-add":
      return `${op.count && op.count > 1 ? `${op.count} × ${op.object}` : capitalise(`a ${op.object}`)} ${op.count && op.count > 1 ? "are" : "is"} added`;
    case "object-remove":
      return `The ${op.object} is removed`;
    case "object-replace":
      return `The ${op.from} is replaced by a ${op.to}`;
    case "unknown":
      return fallback;
    default:
      return `${capitalise(region ? `the ${region.label}` : "the image")} ${predicate(op)}`;
  }
}

/** Names of ops as a short readable list: "brightness and border". */
export function opList(names: readonly string[]): string {
  if (names.length <= 1) return names[0] ?? "";
  return `${names.slice(0, -1).join(", ")} and ${names.at(-1)}`;
}
