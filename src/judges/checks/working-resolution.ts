/**
 * Working resolution of the pixel checks: a source whose longer side is over this many pixels is analysed
 * box-downsampled by the smallest integer factor that brings it to at most this, and its candidates by the same
 * factor (so sizes and alignment keep their ratios). Two measures stay at full resolution, because downsampling
 * erases what they look for: the 8×8 JPEG block grid and pixelation (`blockiness`) and the fine-noise level of the
 * whole frame (`detail().noise*`), both from a grid of full-resolution tiles. A 4096² image thus costs what a 1024²
 * one does plus the downsampling pass.
 */
export const WORKING_SIDE = 1024;

/** The integer factor that brings an image's longer side to at most WORKING_SIDE (1 when it already is). */
export function workingFactor(image: { width: number; height: number }): number {
  return Math.max(1, Math.ceil(Math.max(image.width, image.height) / WORKING_SIDE));
}
