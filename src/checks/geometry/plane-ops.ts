import type { PixelRect, Plane } from "../pixels/rgb-image.js";

/** Box downsample a plane by an integer factor. */
export function boxDownsamplePlane(plane: Plane, factor: number): Plane {
  if (factor <= 1) return plane;
  const width = Math.max(1, Math.floor(plane.width / factor));
  const height = Math.max(1, Math.floor(plane.height / factor));
  const data = new Float32Array(width * height);
  const area = factor * factor;
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      let s = 0;
      for (let dy = 0; dy < factor; dy++) {
        const row = (y * factor + dy) * plane.width + x * factor;
        for (let dx = 0; dx < factor; dx++) s += plane.data[row + dx] as number;
      }
      data[y * width + x] = s / area;
    }
  }
  return { width, height, data };
}

/** Area-average resize to an exact size (each output pixel averages the input pixels it covers). */
export function resizePlane(plane: Plane, width: number, height: number): Plane {
  if (width === plane.width && height === plane.height) return plane;
  const data = new Float32Array(width * height);
  const sx = plane.width / width;
  const sy = plane.height / height;
  for (let y = 0; y < height; y++) {
    const y0 = Math.floor(y * sy);
    const y1 = Math.max(y0 + 1, Math.min(plane.height, Math.floor((y + 1) * sy)));
    for (let x = 0; x < width; x++) {
      const x0 = Math.floor(x * sx);
      const x1 = Math.max(x0 + 1, Math.min(plane.width, Math.floor((x + 1) * sx)));
      let s = 0;
      for (let yy = y0; yy < y1; yy++)
        for (let xx = x0; xx < x1; xx++) s += plane.data[yy * plane.width + xx] as number;
      data[y * width + x] = s / ((y1 - y0) * (x1 - x0));
    }
  }
  return { width, height, data };
}

export function cropPlane(plane: Plane, rect: PixelRect): Plane {
  const width = rect.x1 - rect.x0;
  const height = rect.y1 - rect.y0;
  const data = new Float32Array(width * height);
  for (let y = 0; y < height; y++) {
    const from = (rect.y0 + y) * plane.width + rect.x0;
    data.set(plane.data.subarray(from, from + width), y * width);
  }
  return { width, height, data };
}

/**
 * Normalised cross-correlation between `b` and the window of `a` at (ox, oy) of b's size,
 * sampling every `step`-th pixel. Invariant to brightness and contrast changes; −1 for a negative.
 */
export function nccAt(a: Plane, b: Plane, ox: number, oy: number, step = 1): number {
  let sa = 0;
  let sb = 0;
  let saa = 0;
  let sbb = 0;
  let sab = 0;
  let n = 0;
  for (let y = 0; y < b.height; y += step) {
    const ra = (oy + y) * a.width + ox;
    const rb = y * b.width;
    for (let x = 0; x < b.width; x += step) {
      const va = a.data[ra + x] as number;
      const vb = b.data[rb + x] as number;
      sa += va;
      sb += vb;
      saa += va * va;
      sbb += vb * vb;
      sab += va * vb;
      n++;
    }
  }
  const cov = sab - (sa * sb) / n;
  const va = saa - (sa * sa) / n;
  const vb = sbb - (sb * sb) / n;
  return va <= 1e-6 || vb <= 1e-6 ? 0 : cov / Math.sqrt(va * vb);
}
