import type { Plane } from "../pixels/rgb-image.js";
import type { Alignment } from "./find-alignment.js";
import { NccTemplate, SearchPlane } from "./ncc-search.js";
import { boxDownsamplePlane, resizePlane } from "./plane-ops.js";

/** Smallest window searched, as a share of the source's width or height. */
const MIN_SHARE = 0.2;
/** Ratio between neighbouring window sizes in the coarse scan. */
const SCALE_STEP = 0.97;
/**
 * Coarse |NCC| below which no window is refined: the coarse scan reads smoothed planes, so a window that will
 * match (the caller asks for 0.75 at full resolution) reads well above this at the coarse scale.
 */
const MIN_COARSE_MATCH = 0.5;

interface Hit {
  /** Window width in source pixels. */
  ww: number;
  x: number;
  y: number;
  ncc: number;
}

/**
 * Finds the candidate as a window of the (unrotated) source at another pixel scale: a crop that was
 * then resized, as an editing model that returns its own resolution delivers it. The window keeps the
 * candidate's aspect ratio. Coarse scan over window sizes and positions, then refined at half and full
 * resolution. Returns null when no window fits or none correlates.
 */
export function findScaledCrop(source: Plane, candidate: Plane, factor: number): Alignment | null {
  const { width: sw, height: sh } = source;
  const aspect = candidate.height / candidate.width;
  // Largest window with the candidate's aspect ratio that fits the source.
  const maxW = Math.min(sw, sh / aspect);
  const minW = Math.max(sw * MIN_SHARE, (sh * MIN_SHARE) / aspect);
  if (maxW < minW) return null;
  const sCoarse = boxDownsamplePlane(source, factor);
  const coarse = new SearchPlane(sCoarse);
  let best: Hit | null = null;
  for (let ww = maxW * 0.995; ww >= minW; ww *= SCALE_STEP) {
    const cw = Math.round(ww / factor);
    const ch = Math.round((ww * aspect) / factor);
    if (cw < 6 || ch < 6 || cw > sCoarse.width || ch > sCoarse.height) continue;
    const c = new NccTemplate(resizePlane(candidate, cw, ch));
    for (let oy = 0; oy + ch <= sCoarse.height; oy++) {
      for (let ox = 0; ox + cw <= sCoarse.width; ox++) {
        const ncc = Math.abs(c.at(coarse, ox, oy));
        if (!best || ncc > best.ncc) best = { ww, x: ox * factor, y: oy * factor, ncc };
      }
    }
  }
  if (!best || best.ncc < MIN_COARSE_MATCH) return null;
  const half = new SearchPlane(boxDownsamplePlane(source, 2));
  best = refine(half, candidate, aspect, best, 2, [-0.03, -0.02, -0.01, 0, 0.01, 0.02, 0.03], factor + 2, 2);
  best = refine(new SearchPlane(source), candidate, aspect, best, 1, [-0.005, 0, 0.005], 3, 2);
  const wh = best.ww * aspect;
  const x0 = Math.max(0, Math.round(best.x));
  const y0 = Math.max(0, Math.round(best.y));
  const window = {
    x0,
    y0,
    x1: Math.min(sw, x0 + Math.round(best.ww)),
    y1: Math.min(sh, y0 + Math.round(wh)),
  };
  return {
    kind: "crop",
    transform: "identity",
    window,
    scaleX: candidate.width / (window.x1 - window.x0),
    scaleY: candidate.height / (window.y1 - window.y0),
    ncc: best.ncc,
    match: Math.abs(best.ncc),
    scores: {},
  };
}

/** Searches window sizes ww·(1+d) and positions within `radius` (in source pixels) on a plane downsampled by `level`. */
function refine(
  searched: SearchPlane,
  candidate: Plane,
  aspect: number,
  start: Hit,
  level: number,
  sizes: readonly number[],
  radius: number,
  step: number,
): Hit {
  const plane = searched.plane;
  let best: Hit = { ...start, ncc: -1 };
  for (const d of sizes) {
    const ww = start.ww * (1 + d);
    const cw = Math.round(ww / level);
    const ch = Math.round((ww * aspect) / level);
    if (cw < 4 || ch < 4 || cw > plane.width || ch > plane.height) continue;
    const c = new NccTemplate(resizePlane(candidate, cw, ch), step);
    // Keep the window's centre where the start put it.
    const cx = (start.x + start.ww / 2 - ww / 2) / level;
    const cy = (start.y + (start.ww * aspect) / 2 - (ww * aspect) / 2) / level;
    const r = Math.max(1, Math.ceil(radius / level));
    for (let dy = -r; dy <= r; dy++) {
      for (let dx = -r; dx <= r; dx++) {
        const x = Math.round(cx) + dx;
        const y = Math.round(cy) + dy;
        if (x < 0 || y < 0 || x + cw > plane.width || y + ch > plane.height) continue;
        const ncc = Math.abs(c.at(searched, x, y));
        if (ncc > best.ncc) best = { ww, x: x * level, y: y * level, ncc };
      }
    }
  }
  return best.ncc < 0 ? start : best;
}
