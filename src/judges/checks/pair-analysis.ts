import { type Blockiness, measureBlockiness } from "../../checks/blockiness.js";
import { type Clipping, measureClipping } from "../../checks/clipping.js";
import { type DetailChange, measureDetailChange } from "../../checks/detail-change.js";
import { type BorderResult, detectBorder } from "../../checks/geometry/detect-border.js";
import { transformRgb } from "../../checks/geometry/dihedral.js";
import { type Alignment, findAlignment } from "../../checks/geometry/find-alignment.js";
import { cropPlane } from "../../checks/geometry/plane-ops.js";
import { findSmallRotation, type SmallRotation, warpRotated } from "../../checks/geometry/small-rotation.js";
import { type Halo, measureHalo } from "../../checks/halo.js";
import { downsampleRgb } from "../../checks/pixels/downsample.js";
import { toLuma } from "../../checks/pixels/luma.js";
import { rectMask, regionToRect } from "../../checks/pixels/rect-mask.js";
import { cropRgb, resizeRgb } from "../../checks/pixels/resize-rgb.js";
import type { Plane, RgbImage } from "../../checks/pixels/rgb-image.js";
import { type LabImage, srgbToLab } from "../../checks/pixels/srgb-to-lab.js";
import { measurePosterization, type Posterization } from "../../checks/posterization.js";
import { measureToneChange, type ToneChange } from "../../checks/tone-change.js";
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
const ANALYSIS_SIDE = 256;

/** Analysis-scale RGB and its Lab planes. */
interface Analysed {
  rgb: RgbImage;
  lab: LabImage;
}

function analyse(image: RgbImage): Analysed {
  const rgb = downsampleRgb(image, ANALYSIS_SIDE);
  return { rgb, lab: srgbToLab(rgb) };
}

/** Per-source facts computed once per case and shared by every candidate. */
export class SourceAnalysis {
  readonly image: RgbImage;
  readonly luma: Plane;
  readonly border: BorderResult;
  #blockiness: Blockiness | undefined;
  #analysed: Analysed | undefined;
  #clipping: Clipping | undefined;
  #posterization: Posterization | undefined;

  constructor(image: RgbImage) {
    this.image = image;
    this.luma = toLuma(image);
    this.border = detectBorder(image);
  }

  get blockiness(): Blockiness {
    this.#blockiness ??= measureBlockiness(this.luma);
    return this.#blockiness;
  }

  /** Analysis-scale planes of the untransformed source (reused when a candidate keeps the frame). */
  get analysed(): Analysed {
    this.#analysed ??= analyse(this.image);
    return this.#analysed;
  }

  get clipping(): Clipping {
    this.#clipping ??= measureClipping(this.analysed.rgb);
    return this.#clipping;
  }

  /** Histogram combing of the source (banding it already had). */
  get posterization(): Posterization {
    this.#posterization ??= measurePosterization(this.image);
    return this.#posterization;
  }
}

/** What the requested ops tell the analysis to look for. */
export interface PairHints {
  /** A small-angle rotation was asked for: search for it and align the source by it. */
  smallRotation?: boolean;
}

/** A tilt is used for alignment when it explains the candidate clearly better than no rotation. */
const TILT_MIN_DEGREES = 0.4;
const TILT_MIN_NCC = 0.75;

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
  /** Full-resolution luma of aligned source and candidate inner. */
  readonly luma: { source: Plane; candidate: Plane };
  /** True when the candidate is the source frame: no rotation, crop, border or resize. */
  readonly sameFrame: boolean;
  /** The small rotation found when the hints asked for one (null otherwise). */
  readonly smallRotation: SmallRotation | null;
  readonly #candidateLuma: Plane;
  #posterization: Posterization | undefined;
  #analysed: { source: Analysed; candidate: Analysed } | undefined;
  #candidateBlockiness: Blockiness | undefined;
  #halo: Halo | undefined;
  readonly #detail = new Map<string, Detail>();
  readonly #tone = new Map<string, ToneChange>();

  constructor(source: SourceAnalysis, candidate: RgbImage, hints: PairHints = {}) {
    this.source = source;
    this.candidate = candidate;
    const border = detectBorder(candidate);
    // A band the source already had is not an added border.
    this.border =
      border.found && !source.border.found ? border : { ...border, found: false, inner: fullRect(candidate) };
    this.inner = cropRgb(candidate, this.border.inner);
    this.#candidateLuma = toLuma(candidate);
    const innerLuma = this.border.found
      ? cropPlane(this.#candidateLuma, this.border.inner)
      : this.#candidateLuma;
    const found = findAlignment(source.luma, innerLuma);
    this.smallRotation = hints.smallRotation ? findSmallRotation(source.luma, innerLuma) : null;
    const tilt = this.smallRotation;
    const tilted =
      tilt !== null &&
      Math.abs(tilt.degrees) >= TILT_MIN_DEGREES &&
      tilt.ncc >= TILT_MIN_NCC &&
      tilt.ncc > Math.max(tilt.nccUnrotated, found.kind === "none" ? -1 : Math.abs(found.ncc)) + 0.01;
    this.alignment = tilted
      ? {
          kind: "full",
          transform: "identity",
          window: { x0: 0, y0: 0, x1: source.image.width, y1: source.image.height },
          scaleX: tilt.scale,
          scaleY: tilt.scale,
          ncc: tilt.ncc,
          match: tilt.ncc,
          scores: found.scores,
        }
      : found;
    const a = this.alignment;
    this.sameFrame =
      !tilted &&
      a.kind === "full" &&
      a.transform === "identity" &&
      !this.border.found &&
      this.inner.width === source.image.width &&
      this.inner.height === source.image.height;
    if (tilted) {
      this.alignedSource = warpRotated(source.image, this.inner, tilt);
      this.luma = { source: toLuma(this.alignedSource), candidate: innerLuma };
    } else if (this.sameFrame) {
      this.alignedSource = source.image;
      this.luma = { source: source.luma, candidate: innerLuma };
    } else {
      const window = cropRgb(transformRgb(source.image, a.transform), a.window);
      this.alignedSource = resizeRgb(window, this.inner.width, this.inner.height);
      this.luma = { source: toLuma(this.alignedSource), candidate: innerLuma };
    }
  }

  #pair(): { source: Analysed; candidate: Analysed } {
    this.#analysed ??= {
      source: this.sameFrame ? this.source.analysed : analyse(this.alignedSource),
      candidate: analyse(this.inner),
    };
    return this.#analysed;
  }

  /** Lab planes of aligned source and candidate at analysis scale. */
  get lab(): { source: LabImage; candidate: LabImage } {
    const p = this.#pair();
    return { source: p.source.lab, candidate: p.candidate.lab };
  }

  /** Analysis-scale RGB of aligned source and candidate. */
  get small(): { source: RgbImage; candidate: RgbImage } {
    const p = this.#pair();
    return { source: p.source.rgb, candidate: p.candidate.rgb };
  }

  /** Clipping of the aligned source (computed once per case when the frame is kept). */
  get sourceClipping(): Clipping {
    return this.sameFrame ? this.source.clipping : measureClipping(this.small.source);
  }

  /** Clipping of the candidate inner, at analysis scale. */
  get candidateClipping(): Clipping {
    return measureClipping(this.small.candidate);
  }

  /** Blockiness of the whole candidate (its own pixel grid, where JPEG blocks sit). */
  get candidateBlockiness(): Blockiness {
    this.#candidateBlockiness ??= measureBlockiness(this.#candidateLuma);
    return this.#candidateBlockiness;
  }

  /** Histogram combing of the candidate inside its border (posterization, banding). */
  get candidatePosterization(): Posterization {
    this.#posterization ??= measurePosterization(this.inner);
    return this.#posterization;
  }

  /** Over-sharpening halos along the source's edges, at full resolution; computed once. */
  get halo(): Halo {
    this.#halo ??= measureHalo(this.luma.source, this.luma.candidate);
    return this.#halo;
  }

  /** Tone and colour change inside a region or over the whole frame; computed once each. */
  tone(region?: Region): ToneChange {
    const key = regionKey(region);
    let t = this.#tone.get(key);
    if (!t) {
      t = measureToneChange(
        this.lab.source,
        this.lab.candidate,
        region ? this.regionMask(region, true, "analysis") : null,
      );
      this.#tone.set(key, t);
    }
    return t;
  }

  /** Blur, sharpening and noise inside a region or over the whole frame; computed once each. */
  detail(region?: Region): Detail {
    const key = regionKey(region);
    let d = this.#detail.get(key);
    if (!d) {
      const mask = region ? this.regionMask(region, true, "full") : null;
      const m = measureDetailChange(this.luma.source, this.luma.candidate, mask);
      const contrast = Math.max(0.2, m.stdCandidate / Math.max(1e-3, m.stdSource));
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

  /** A region mask at analysis scale (Lab planes) or full resolution (luma planes). */
  regionMask(region: Region, inside: boolean, scale: "analysis" | "full"): Uint8Array {
    const { width, height } = scale === "analysis" ? this.lab.source : this.luma.source;
    const margin = Math.round(Math.min(width, height) * 0.03);
    return rectMask(width, height, regionToRect(region, width, height), inside, margin);
  }
}

function regionKey(region: Region | undefined): string {
  return region ? `${region.x0},${region.y0},${region.x1},${region.y1}` : "all";
}

function fullRect(image: RgbImage) {
  return { x0: 0, y0: 0, x1: image.width, y1: image.height };
}
