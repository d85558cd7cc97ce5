import { type Blockiness, measureBlockiness } from "../../checks/blockiness.js";
import { type DetailChange, measureDetailChange } from "../../checks/detail-change.js";
import { type BorderResult, detectBorder } from "../../checks/geometry/detect-border.js";
import { transformRgb } from "../../checks/geometry/dihedral.js";
import { type Alignment, findAlignment } from "../../checks/geometry/find-alignment.js";
import { cropPlane } from "../../checks/geometry/plane-ops.js";
import { downsampleRgb } from "../../checks/pixels/downsample.js";
import { toLuma } from "../../checks/pixels/luma.js";
import { rectMask, regionToRect } from "../../checks/pixels/rect-mask.js";
import { cropRgb, resizeRgb } from "../../checks/pixels/resize-rgb.js";
import type { Plane, RgbImage } from "../../checks/pixels/rgb-image.js";
import { type LabImage, srgbToLab } from "../../checks/pixels/srgb-to-lab.js";
import { std } from "../../checks/pixels/stats.js";
import type { Region } from "../../contract/region.js";

/** Detail change with the luma contrast change factored out. */
export interface Detail extends DetailChange {
  /** std(luma) candidate ÷ source. */
  contrast: number;
  /** High-frequency ratio ÷ contrast: <1 blurred, >1 sharpened or noisier. */
  detailRatio: number;
  /** Candidate noise σ (contrast-normalised) minus source noise σ. */
  noiseIncrease: number;
}

/** Analysis scale for colour statistics: the longer side is at most this many pixels. */
const ANALYSIS_SIDE = 384;

/** Per-source facts computed once per case and shared by every candidate. */
export class SourceAnalysis {
  readonly image: RgbImage;
  readonly luma: Plane;
  readonly border: BorderResult;
  #blockiness: Blockiness | undefined;

  constructor(image: RgbImage) {
    this.image = image;
    this.luma = toLuma(image);
    this.border = detectBorder(image);
  }

  get blockiness(): Blockiness {
    this.#blockiness ??= measureBlockiness(this.luma);
    return this.#blockiness;
  }
}

/**
 * A candidate put into the source's frame: the border (if any) found and cut off, the rotation/flip,
 * crop or resize found, and the source resampled onto the candidate's inner pixels. Derived planes are
 * computed on first use and kept for the other principles of the same candidate.
 */
export class PairAnalysis {
  readonly source: SourceAnalysis;
  readonly candidate: RgbImage;
  readonly border: BorderResult;
  readonly alignment: Alignment;
  /** Candidate pixels inside the border. */
  readonly inner: RgbImage;
  /** Source pixels mapped onto `inner` (same size). */
  readonly alignedSource: RgbImage;
  #lab: { source: LabImage; candidate: LabImage } | undefined;
  #luma: { source: Plane; candidate: Plane } | undefined;
  #candidateBlockiness: Blockiness | undefined;
  readonly #detail = new Map<string, Detail>();
  readonly #candidateLuma: Plane;

  constructor(source: SourceAnalysis, candidate: RgbImage) {
    this.source = source;
    this.candidate = candidate;
    const border = detectBorder(candidate);
    // A band the source already had is not an added border.
    const sourceHasBand = source.border.found;
    this.border =
      border.found && !sourceHasBand ? border : { ...border, found: false, inner: full(candidate) };
    this.inner = cropRgb(candidate, this.border.inner);
    this.#candidateLuma = toLuma(candidate);
    const innerLuma = this.border.found
      ? cropPlane(this.#candidateLuma, this.border.inner)
      : this.#candidateLuma;
    this.alignment = findAlignment(source.luma, innerLuma);
    const transformed = transformRgb(source.image, this.alignment.transform);
    const window = cropRgb(transformed, this.alignment.window);
    this.alignedSource = resizeRgb(window, this.inner.width, this.inner.height);
    this.#luma = { source: toLuma(this.alignedSource), candidate: innerLuma };
  }

  /** Lab planes of aligned source and candidate at analysis scale. */
  get lab(): { source: LabImage; candidate: LabImage } {
    this.#lab ??= {
      source: srgbToLab(downsampleRgb(this.alignedSource, ANALYSIS_SIDE)),
      candidate: srgbToLab(downsampleRgb(this.inner, ANALYSIS_SIDE)),
    };
    return this.#lab;
  }

  /** Full-resolution luma planes of aligned source and candidate inner. */
  get luma(): { source: Plane; candidate: Plane } {
    this.#luma ??= { source: toLuma(this.alignedSource), candidate: toLuma(this.inner) };
    return this.#luma;
  }

  /** Blockiness of the whole candidate (its own pixel grid, where JPEG blocks sit). */
  get candidateBlockiness(): Blockiness {
    this.#candidateBlockiness ??= measureBlockiness(this.#candidateLuma);
    return this.#candidateBlockiness;
  }

  /** Blur, sharpening and noise measurements, inside a region or over the whole frame; computed once each. */
  detail(region?: Region): Detail {
    const key = region ? `${region.x0},${region.y0},${region.x1},${region.y1}` : "all";
    let d = this.#detail.get(key);
    if (!d) {
      const mask = region ? this.regionMask(region, true, "full") : null;
      const m = measureDetailChange(this.luma.source, this.luma.candidate, mask);
      const contrast = Math.max(
        0.2,
        std(this.luma.candidate.data, mask) / Math.max(1e-3, std(this.luma.source.data, mask)),
      );
      d = {
        ...m,
        contrast,
        detailRatio: m.highFrequencyRatio / contrast,
        noiseIncrease: m.noiseCandidate / contrast - m.noiseSource,
      };
      this.#detail.set(key, d);
    }
    return d;
  }

  /** True when the candidate is the source frame: no rotation, crop, border or resize. */
  get sameFrame(): boolean {
    const a = this.alignment;
    return (
      a.kind === "full" &&
      a.transform === "identity" &&
      !this.border.found &&
      Math.abs(a.scaleX - 1) < 0.01 &&
      Math.abs(a.scaleY - 1) < 0.01
    );
  }

  /** A region mask at analysis scale (Lab planes) or full resolution (luma planes). */
  regionMask(region: Region, inside: boolean, scale: "analysis" | "full"): Uint8Array {
    const { width, height } = scale === "analysis" ? this.lab.source : this.luma.source;
    const margin = Math.round(Math.min(width, height) * 0.03);
    return rectMask(width, height, regionToRect(region, width, height), inside, margin);
  }
}

function full(image: RgbImage) {
  return { x0: 0, y0: 0, x1: image.width, y1: image.height };
}
