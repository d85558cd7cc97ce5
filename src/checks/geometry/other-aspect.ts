import type { Plane } from "../pixels/rgb-image.js";

/** True when a candidate's aspect ratio is not the source's (either way round) within 2%. */
export function otherAspect(source: Plane, candidate: Plane): boolean {
  const a = source.width / source.height;
  const c = candidate.width / candidate.height;
  const near = (x: number, y: number) => Math.abs(Math.log(x / y)) < 0.02;
  return !near(a, c) && !near(1 / a, c);
}
