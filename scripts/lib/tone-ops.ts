import type { EditSpec } from "./edit-spec.js";
import { mapLab, meanOf } from "./lab.js";
import { clamp8, type RawImage } from "./raw-image.js";

type ToneSpec = Extract<
  EditSpec,
  { op: "brightness" | "contrast" | "saturation" | "grayscale" | "sepia" | "temperature" | "invert" | "cast" }
>;

const clampL = (v: number): number => Math.max(0, Math.min(v, 100));

/** Per-channel 8-bit transform. */
function mapRgb(img: RawImage, fn: (r: number, g: number, b: number, out: Float64Array) => void): RawImage {
  const out = new Uint8Array(img.data.length);
  const px = new Float64Array(3);
  const d = img.data;
  for (let i = 0; i < d.length; i += 3) {
    fn(d[i] as number, d[i + 1] as number, d[i + 2] as number, px);
    out[i] = clamp8(px[0] as number);
    out[i + 1] = clamp8(px[1] as number);
    out[i + 2] = clamp8(px[2] as number);
  }
  return { width: img.width, height: img.height, data: out };
}

function brightness(img: RawImage, method: "gamma" | "knee" | "shift", amount: number): RawImage {
  return mapLab(img, ({ L }) => {
    // gamma: mid-grey (L*=50) moves by `amount`; ends stay fixed.
    const gamma = Math.log((50 + amount) / 100) / Math.log(0.5);
    for (let i = 0; i < L.length; i++) {
      const l = L[i] as number;
      if (method === "shift") L[i] = clampL(l + amount);
      else if (method === "gamma") L[i] = 100 * (Math.max(l, 0) / 100) ** gamma;
      else {
        const t = amount > 0 ? 1 - (l / 100) ** 3 : 1 - (1 - l / 100) ** 3;
        L[i] = clampL(l + 1.3 * amount * t);
      }
    }
  });
}

function contrast(img: RawImage, method: "lab" | "rgb", factor: number): RawImage {
  if (method === "rgb")
    return mapRgb(img, (r, g, b, o) =>
      o.set([128 + (r - 128) * factor, 128 + (g - 128) * factor, 128 + (b - 128) * factor]),
    );
  return mapLab(img, ({ L }) => {
    const mid = meanOf(L);
    for (let i = 0; i < L.length; i++) L[i] = clampL(mid + ((L[i] as number) - mid) * factor);
  });
}

function saturation(img: RawImage, method: "lch" | "rgb", factor: number): RawImage {
  if (method === "rgb")
    return mapRgb(img, (r, g, b, o) => {
      const y = 0.299 * r + 0.587 * g + 0.114 * b;
      o.set([y + (r - y) * factor, y + (g - y) * factor, y + (b - y) * factor]);
    });
  return mapLab(img, ({ a, b }) => {
    for (let i = 0; i < a.length; i++) {
      a[i] = (a[i] as number) * factor;
      b[i] = (b[i] as number) * factor;
    }
  });
}

function sepia(img: RawImage, method: "matrix" | "tint", strength: number): RawImage {
  if (method === "matrix")
    return mapRgb(img, (r, g, b, o) => {
      const sr = 0.393 * r + 0.769 * g + 0.189 * b;
      const sg = 0.349 * r + 0.686 * g + 0.168 * b;
      const sb = 0.272 * r + 0.534 * g + 0.131 * b;
      o.set([r + (sr - r) * strength, g + (sg - g) * strength, b + (sb - b) * strength]);
    });
  return mapLab(img, ({ L, a, b }) => {
    for (let i = 0; i < L.length; i++) {
      const w = Math.sin((Math.PI * Math.min(Math.max(L[i] as number, 0), 100)) / 100);
      a[i] = (a[i] as number) * (1 - strength) + strength * 9 * w;
      b[i] = (b[i] as number) * (1 - strength) + strength * 24 * w;
    }
  });
}

function temperature(img: RawImage, method: "gains" | "lab", amount: number): RawImage {
  if (method === "gains")
    return mapRgb(img, (r, g, b, o) => o.set([r * (1 + amount), g * (1 + amount * 0.15), b * (1 - amount)]));
  return mapLab(img, ({ a, b }) => {
    for (let i = 0; i < a.length; i++) {
      a[i] = (a[i] as number) + amount * 25;
      b[i] = (b[i] as number) + amount * 100;
    }
  });
}

export function applyTone(img: RawImage, spec: ToneSpec): RawImage {
  switch (spec.op) {
    case "brightness":
      return brightness(img, spec.method, spec.amount);
    case "contrast":
      return contrast(img, spec.method, spec.factor);
    case "saturation":
      return saturation(img, spec.method, spec.factor);
    case "grayscale":
      return spec.method === "luma"
        ? mapRgb(img, (r, g, b, o) => {
            const y = 0.299 * r + 0.587 * g + 0.114 * b;
            o.set([y, y, y]);
          })
        : mapLab(img, ({ a, b }) => {
            a.fill(0);
            b.fill(0);
          });
    case "sepia":
      return sepia(img, spec.method, spec.strength);
    case "temperature":
      return temperature(img, spec.method, spec.amount);
    case "invert":
      return mapRgb(img, (r, g, b, o) => o.set([255 - r, 255 - g, 255 - b]));
    case "cast":
      return mapLab(img, ({ a, b }) => {
        for (let i = 0; i < a.length; i++) {
          a[i] = (a[i] as number) + spec.da;
          b[i] = (b[i] as number) + spec.db;
        }
      });
  }
}
