import {
  alignMask,
  type BinaryMask,
  binarizeMask,
  countMask,
  maskBounds,
  shareInside,
} from "../../checks/mask/binary-mask.js";
import { regionToRect } from "../../checks/pixels/rect-mask.js";
import type { PixelRect } from "../../checks/pixels/rgb-image.js";
import type { PreparedCase } from "../../contract/edit-case.js";
import type { Principle } from "../../contract/principle.js";
import type { Region } from "../../contract/region.js";
import { InputError } from "../../errors/input-error.js";
import { checkMaskSize } from "../../image/check-mask.js";

/** How a case's mask is used: the principles it shapes, the notes it leaves and the mask at the source's size. */
export interface MaskPlan {
  principles: Principle[];
  notes: string[];
  /** Null when the case has no mask, or it is not used (all white, or the edit changes the frame). */
  mask: BinaryMask | null;
}

/** Ops that move every pixel, so no mask can say what stays. */
const FRAME_OPS = new Set<string>(["rotate", "flip", "crop", "border", "resize", "straighten"]);

/** A follow whose region the mask replaces: a pixel edit, not a content edit (text, objects) or an unknown one. */
function isPixelFollow(p: Principle): boolean {
  if (p.kind !== "follow" || !p.op) return false;
  const name: string = p.op.op;
  return (
    name !== "unknown" && !name.startsWith("text-") && !name.startsWith("object-") && !FRAME_OPS.has(name)
  );
}

/** A region from the mask pixels inside `rect` (the mask's own box when none is given). */
function maskRegion(label: string, box: PixelRect, mask: BinaryMask): Region {
  return {
    label,
    x0: box.x0 / mask.width,
    y0: box.y0 / mask.height,
    x1: box.x1 / mask.width,
    y1: box.y1 / mask.height,
    fromMask: true,
  };
}

/** The part of the instruction's region covered by the mask, or null when they barely overlap. */
function reconcile(region: Region, mask: BinaryMask, box: PixelRect): Region | null {
  const rect = regionToRect(region, mask.width, mask.height);
  if (shareInside(mask, rect) < MIN_OVERLAP) return null;
  const both = {
    x0: Math.max(rect.x0, box.x0),
    y0: Math.max(rect.y0, box.y0),
    x1: Math.min(rect.x1, box.x1),
    y1: Math.min(rect.y1, box.y1),
  };
  return maskRegion(`masked part of the ${region.label}`, both, mask);
}

/** Share of the mask that must lie in the instruction's region for the change to be expected in both. */
const MIN_OVERLAP = 0.25;

/**
 * Decides how the checks judge uses the case's mask (white = may change):
 * - none: the principles as parsed;
 * - all black: an InputError (nothing may change, so no edit can be right; an inverted mask is the usual cause);
 * - all white: not used (everything may change, as without a mask), with a note;
 * - an instruction that changes the frame (rotate, flip, crop, border, resize): not used, with a note;
 * - otherwise every pixel follow principle is measured inside the mask (inside the part of the instruction's
 *   region the mask covers, when at least a quarter of the mask lies in that region; else inside the mask, with
 *   a note), a follow "something changes inside the mask" is added when no follow is a pixel edit, and the
 *   generic keep principles become one strict keep of everything outside the mask.
 */
export function planMask(edit: PreparedCase, parsed: Principle[]): MaskPlan {
  const image = edit.mask;
  if (!image) return { principles: parsed, notes: [], mask: null };
  const notes: string[] = [];
  const fit = checkMaskSize(image, edit.source);
  let mask = binarizeMask(image);
  if (fit === "rescale") {
    mask = alignMask(
      mask,
      "identity",
      { x0: 0, y0: 0, x1: mask.width, y1: mask.height },
      edit.source.width,
      edit.source.height,
    );
    notes.push(
      `mask ${image.name} (${image.width}×${image.height}) was rescaled to the source's ${edit.source.width}×${edit.source.height}`,
    );
  }
  const white = countMask(mask);
  const box = maskBounds(mask);
  if (white === 0 || !box) {
    throw new InputError(
      "mask",
      `${image.name === "mask" ? "mask" : `mask ${image.name}`} is all black (no pixel at least 50% white), so nothing may change and no edit can be judged; white marks the area the edit may change: check that the mask is not inverted, or leave it out`,
      { code: "empty_mask" },
    );
  }
  if (white === mask.data.length) {
    notes.push(
      `mask ${image.name} is all white: the whole picture may change, so it is judged as without a mask`,
    );
    return { principles: parsed, notes, mask: null };
  }
  const frame = parsed.find((p) => p.kind === "follow" && p.op && FRAME_OPS.has(p.op.op));
  if (frame?.op) {
    notes.push(
      `the mask is not used: the instruction asks for a change of frame (${frame.op.op}), which moves every pixel`,
    );
    return { principles: parsed, notes, mask: null };
  }
  const whole = maskRegion("masked area", box, mask);
  const principles: Principle[] = [];
  let pixelFollows = 0;
  for (const p of parsed) {
    if (!isPixelFollow(p)) {
      principles.push(p);
      continue;
    }
    pixelFollows++;
    if (!p.region) {
      principles.push({ ...p, region: whole });
      continue;
    }
    const both = reconcile(p.region, mask, box);
    if (!both)
      notes.push(
        `${p.id}: the instruction names the ${p.region.label}, but less than ${MIN_OVERLAP * 100}% of the mask lies there; the change is expected inside the mask`,
      );
    principles.push({ ...p, region: both ?? whole });
  }
  if (pixelFollows === 0) {
    const n = principles.filter((p) => p.kind === "follow").length;
    const at = principles.findIndex((p) => p.kind !== "follow");
    const change: Principle = {
      id: `follow-${n + 1}`,
      kind: "follow",
      text: "Something visibly changes inside the mask",
      region: whole,
      origin: "parser",
    };
    principles.splice(at < 0 ? principles.length : at, 0, change);
  }
  const generic = (p: Principle) =>
    p.kind === "keep" &&
    (p.scope === undefined ||
      p.scope === "content" ||
      p.scope === "background" ||
      p.scope === "outside-region");
  const keepId =
    principles.find(generic)?.id ?? `keep-${principles.filter((p) => p.kind === "keep").length + 1}`;
  const keep: Principle = {
    id: keepId,
    kind: "keep",
    text: "Everything outside the mask stays unchanged",
    scope: "outside-region",
    region: whole,
    allows: [],
    origin: "parser",
  };
  const rest = principles.filter((p) => !generic(p));
  const at = rest.findIndex((p) => p.kind === "keep" || p.kind === "quality");
  const out = at < 0 ? [...rest, keep] : [...rest.slice(0, at), keep, ...rest.slice(at)];
  return { principles: out, notes, mask };
}
