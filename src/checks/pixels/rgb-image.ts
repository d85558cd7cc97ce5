/** 8-bit RGB pixels, row-major, 3 bytes per pixel. `DecodedImage` satisfies it. */
export interface RgbImage {
  width: number;
  height: number;
  rgb: Uint8Array;
}

/** A single-channel float image, row-major. */
export interface Plane {
  width: number;
  height: number;
  data: Float32Array;
}

/** A rectangle in pixel coordinates, half-open: [x0,x1) × [y0,y1). */
export interface PixelRect {
  x0: number;
  y0: number;
  x1: number;
  y1: number;
}
