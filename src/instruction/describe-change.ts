import type { Principle } from "../contract/principle.js";

/**
 * A compact, stable description of a follow principle's op and region, e.g. "brightness:up@top half",
 * "rotate:270", "crop:half/left", "border:red", "resize:down/0.5", "unknown". Used by tests and debugging.
 */
export function describeFollow(principle: Principle): string {
  const op = principle.op;
  if (!op) return "none";
  const at = principle.region ? `@${principle.region.label}` : "";
  switch (op.op) {
    case "brightness":
    case "contrast":
    case "saturation":
      return `${op.op}:${op.direction}${at}`;
    case "temperature":
      return `temperature:${op.direction}${at}`;
    case "rotate":
      return `rotate:${op.degrees}`;
    case "flip":
      return `flip:${op.axis}`;
    case "crop":
      return `crop:${op.shape}/${op.anchor}`;
    case "border":
      return `border:${op.colorName ?? "none"}`;
    case "resize": {
      const parts = [op.direction, op.factor === null ? "" : String(Math.round(op.factor * 1000) / 1000)];
      if (op.width !== null || op.height !== null) parts.push(`${op.width ?? ""}x${op.height ?? ""}`);
      return `resize:${parts.filter((p, i) => p !== "" || i === 0).join("/")}`;
    }
    case "tilt":
      return `tilt:${op.clockwise === null ? "" : op.clockwise ? "cw" : "ccw"}${op.degrees ?? ""}`;
    case "vignette":
      return `vignette:${op.direction}`;
    case "posterize":
      return `posterize${op.levels === null ? "" : `:${op.levels}`}`;
    case "hue-shift":
      return `hue-shift${op.degrees === null ? "" : `:${op.degrees}`}`;
    case "text-add":
    case "text-remove":
      return `${op.op}:${op.text}`;
    case "text-replace":
      return `text-replace:${op.from}>${op.to}`;
    case "object-add":
    case "object-remove":
      return `${op.op}:${op.object}`;
    case "object-replace":
      return `object-replace:${op.from}>${op.to}`;
    default:
      return `${op.op}${at}`;
  }
}
