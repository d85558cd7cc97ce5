import type { ImCase, ImFamily, ImPlanContext } from "./im-case.js";
import {
  planBorder,
  planCrop,
  planFlip,
  planResize,
  planRotate,
  planSmallRotate,
  planStraighten,
} from "./plan-geometry.js";
import { PLAIN, planPlain, planVignetteRemove } from "./plan-plain.js";
import { planRegion } from "./plan-region.js";

export * from "./im-case.js";
export { damageArgs } from "./im-ops.js";

/** Draws one case of a family on a photo of the given size. */
export function planImCase(family: ImFamily, c: ImPlanContext): ImCase {
  const r = c.rng;
  switch (family) {
    case "region":
      return planRegion(r, c);
    case "rotate":
      return planRotate(r);
    case "flip":
      return planFlip(r);
    case "crop":
      return planCrop(r, c);
    case "border":
      return planBorder(r, c);
    case "resize":
      return planResize(r);
    case "small-rotate":
      return planSmallRotate(r);
    case "straighten":
      return planStraighten(r);
    case "vignette-remove":
      return planVignetteRemove(r, c);
    default: {
      const p = PLAIN[family];
      if (!p) throw new Error(`no planner for family ${family}`);
      return planPlain(family, p, r, c);
    }
  }
}
