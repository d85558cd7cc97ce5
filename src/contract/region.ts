/**
 * A rectangle in normalised image coordinates: (0,0) is the top-left corner, (1,1) the bottom-right.
 * Regions are expressed in the *source* frame.
 */
export interface Region {
  /** Human-readable name, e.g. "top half", "centre". */
  label: string;
  x0: number;
  y0: number;
  x1: number;
  y1: number;
  /**
   * True when the region is the case's mask (or the part of it inside this box): checks measure the mask's
   * white pixels within the box, not the whole rectangle, and "outside" means outside the mask.
   */
  fromMask?: boolean;
}
