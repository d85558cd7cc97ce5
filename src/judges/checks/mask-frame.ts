import type { Alignment } from "../../checks/geometry/find-alignment.js";
import {
  alignMask,
  type BinaryMask,
  dilateMask,
  intersectRect,
  invertMask,
} from "../../checks/mask/binary-mask.js";
import { regionToRect } from "../../checks/pixels/rect-mask.js";
import type { Region } from "../../contract/region.js";

/**
 * Width of the band around the mask's edge that is neither inside nor kept, as a share of the shorter side:
 * inpainting blends its edges into the surroundings, so a thin halo past the mask is not a spill.
 */
export const MASK_BAND = 0.025;

/** The mask in a candidate's frame (the source's geometry carried onto the candidate's pixels). */
export function alignedEditMask(
  mask: BinaryMask | null,
  alignment: Alignment,
  width: number,
  height: number,
): BinaryMask | null {
  if (!mask) return null;
  return alignMask(mask, alignment.transform, alignment.window, width, height);
}

/** Inside: the mask's pixels inside the region's box. Outside: beyond the mask grown by the border band. */
export function editMaskRegionMask(mask: BinaryMask, region: Region, inside: boolean): Uint8Array {
  if (inside) return intersectRect(mask, regionToRect(region, mask.width, mask.height)).data;
  return keptArea(mask).data;
}

/** The pixels that must stay: outside the mask and its border band. */
export function keptArea(mask: BinaryMask): BinaryMask {
  const band = Math.max(1, Math.round(Math.min(mask.width, mask.height) * MASK_BAND));
  return invertMask(dilateMask(mask, band));
}
