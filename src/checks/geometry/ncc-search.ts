import type { Plane } from "../pixels/rgb-image.js";

/** One sampling lattice of a plane (every `step`-th pixel from (px, py)), with summed-area tables of it. */
interface Lattice {
  width: number;
  height: number;
  data: Float32Array;
  /** (width+1)×(height+1) prefix sums of the values and of their squares, in float64. */
  sum: Float64Array;
  sq: Float64Array;
}

/**
 * The plane side of a window search: for each sampling step and phase, the plane's samples and their
 * summed-area tables, built on first use. With them a window's sum and sum of squares cost four look-ups,
 * so only the product with the template is left to loop over.
 */
export class SearchPlane {
  readonly plane: Plane;
  readonly #lattices = new Map<string, Lattice>();

  constructor(plane: Plane) {
    this.plane = plane;
  }

  lattice(step: number, px: number, py: number): Lattice {
    const key = `${step}:${px}:${py}`;
    let l = this.#lattices.get(key);
    if (!l) {
      l = buildLattice(this.plane, step, px, py);
      this.#lattices.set(key, l);
    }
    return l;
  }
}

function buildLattice(plane: Plane, step: number, px: number, py: number): Lattice {
  const width = Math.max(0, Math.ceil((plane.width - px) / step));
  const height = Math.max(0, Math.ceil((plane.height - py) / step));
  const data = new Float32Array(width * height);
  const sum = new Float64Array((width + 1) * (height + 1));
  const sq = new Float64Array((width + 1) * (height + 1));
  for (let k = 0; k < height; k++) {
    const from = (py + k * step) * plane.width + px;
    let rs = 0;
    let rq = 0;
    for (let j = 0; j < width; j++) {
      const v = plane.data[from + j * step] as number;
      data[k * width + j] = v;
      rs += v;
      rq += v * v;
      const at = (k + 1) * (width + 1) + j + 1;
      sum[at] = (sum[at - width - 1] as number) + rs;
      sq[at] = (sq[at - width - 1] as number) + rq;
    }
  }
  return { width, height, data, sum, sq };
}

/**
 * The template side: its samples (every `step`-th pixel), their sum and sum of squares, computed once.
 * `at` gives the same normalised cross-correlation as `nccAt(plane, template, ox, oy, step)`, at the cost of one
 * product per sample.
 */
export class NccTemplate {
  readonly step: number;
  readonly #width: number;
  readonly #height: number;
  readonly #data: Float32Array;
  readonly #n: number;
  readonly #sum: number;
  readonly #var: number;
  /** The template's full size, which a window must fit. */
  readonly fullWidth: number;
  readonly fullHeight: number;

  constructor(template: Plane, step = 1) {
    this.step = step;
    this.fullWidth = template.width;
    this.fullHeight = template.height;
    this.#width = Math.ceil(template.width / step);
    this.#height = Math.ceil(template.height / step);
    this.#data = new Float32Array(this.#width * this.#height);
    let s = 0;
    let q = 0;
    for (let k = 0; k < this.#height; k++) {
      for (let j = 0; j < this.#width; j++) {
        const v = template.data[k * step * template.width + j * step] as number;
        this.#data[k * this.#width + j] = v;
        s += v;
        q += v * v;
      }
    }
    this.#n = this.#width * this.#height;
    this.#sum = s;
    this.#var = q - (s * s) / this.#n;
  }

  /** NCC of the template with the window of `plane` whose top-left corner is (ox, oy); 0 when either is flat. */
  at(plane: SearchPlane, ox: number, oy: number): number {
    const step = this.step;
    const l = plane.lattice(step, ox % step, oy % step);
    const x0 = Math.floor(ox / step);
    const y0 = Math.floor(oy / step);
    const w = this.#width;
    const h = this.#height;
    const lw = l.width + 1;
    const a = (y0 + h) * lw + x0 + w;
    const b = y0 * lw + x0 + w;
    const c = (y0 + h) * lw + x0;
    const d = y0 * lw + x0;
    const sa = (l.sum[a] as number) - (l.sum[b] as number) - (l.sum[c] as number) + (l.sum[d] as number);
    const saa = (l.sq[a] as number) - (l.sq[b] as number) - (l.sq[c] as number) + (l.sq[d] as number);
    const data = l.data;
    const t = this.#data;
    let sab = 0;
    for (let k = 0; k < h; k++) {
      const ra = (y0 + k) * l.width + x0;
      const rb = k * w;
      for (let j = 0; j < w; j++) sab += (data[ra + j] as number) * (t[rb + j] as number);
    }
    const n = this.#n;
    const va = saa - (sa * sa) / n;
    const cov = sab - (sa * this.#sum) / n;
    // The table differences carry rounding of the order of 1e-16 × the sum of squares: a flat window stays flat.
    return va <= 1e-6 + 1e-12 * saa || this.#var <= 1e-6 ? 0 : cov / Math.sqrt(va * this.#var);
  }
}
