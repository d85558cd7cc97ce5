import type { Blockiness } from "../../checks/blockiness.js";
import { type Clipping, measureClipping } from "../../checks/clipping.js";
import { type DetailChange, measureDetailChange } from "../../checks/detail-change.js";
import { type BorderResult, detectBorder } from "../../checks/geometry/detect-border.js";
import { transformRgb } from "../../checks/geometry/dihedral.js";
import { type Alignment, findAlignment } from "../../checks/geometry/find-alignment.js";
import { otherAspect } from "../../checks/geometry/other-aspect.js";
import { cropPlane } from "../../checks/geometry/plane-ops.js";
import { findSmallRotation, type SmallRotation, warpRotated } from "../../checks/geometry/small-rotation.js";
import { edgeRange, type Halo, measureHalo } from "../../checks/halo.js";
import type { BinaryMask } from "../../checks/mask/binary-mask.js";
import { flatSites, noiseSigma, noiseSumAt } from "../../checks/noise-level.js";
import { downsampleRgb } from "../../checks/pixels/downsample.js";
import { toLuma } from "../../checks/pixels/luma.js";
import { rectMask, regionToRect } from "../../checks/pixels/rect-mask.js";
import { cropRgb, resizeRgb } from "../../checks/pixels/resize-rgb.js";
import type { Plane, RgbImage } from "../../checks/pixels/rgb-image.js";
import { type LabImage, srgbToLab } from "../../checks/pixels/srgb-to-lab.js";
import { measurePosterization, type Posterization } from "../../checks/posterization.js";
import { measureToneChange, type ToneChange } from "../../checks/tone-change.js";
import type { Region } from "../../contract/region.js";
import { fullResolutionBlockiness, tileLumas } from "./full-resolution.js";
import { alignedEditMask, editMaskRegionMask } from "./mask-frame.js";
import { isReduced, type ReducedImage, reduceImage, reduceMask } from "./reduced-image.js";
import { workingFactor } from "./working-resolution.js";

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
  /** The source reduced to the working resolution, with its size as given and its full-resolution tiles. */
  readonly reduced: ReducedImage;
  /** Downsampling factor to the working resolution (1: analysed as given). */
  readonly factor: number;
  /** The source at working resolution. */
  readonly image: RgbImage;
  readonly luma: Plane;
  readonly border: BorderResult;
  #blockiness: Blockiness | undefined;
  #tileLumas: Plane[] | undefined;
  #analysed: Analysed | undefined;
  #clipping: Clipping | undefined;
  /** The case's edit mask at the source's size (1 = may change), or null without one. */
  readonly editMask: BinaryMask | null;
  #posterization: Posterization | undefined;
  readonly #derived = new WeakMap<object, Map<string, unknown>>();

  /**
   * `image`: the source as given, or already reduced by `workingFactor` (a pool worker gets it so). `editMask`:
   * at the source's size as given, or at the working resolution.
   */
  constructor(image: RgbImage | ReducedImage, editMask: BinaryMask | null = null) {
    this.reduced = isReduced(image) ? image : reduceImage(image, workingFactor(image));
    this.factor = this.reduced.factor;
    if (this.factor !== workingFactor(this.reduced))
      throw new Error(
        `source reduced by ${this.factor}, not by its working factor ${workingFactor(this.reduced)}`,
      );
    this.image = this.reduced.working;
    // The mask follows the source to the working resolution.
    this.editMask = editMask && reduceMask(editMask, this.reduced);
    this.luma = toLuma(this.image);
    this.border = detectBorder(this.image);
  }

  /** Blockiness at full resolution, where JPEG's 8×8 grid sits. */
  get blockiness(): Blockiness {
    this.#blockiness ??= fullResolutionBlockiness(this.reduced, this.luma, () => this.tileLumas);
    return this.#blockiness;
  }

  /** Luma planes of the source's full-resolution tiles (none when it is analysed as given); computed once. */
  get tileLumas(): readonly Plane[] {
    this.#tileLumas ??= tileLumas(this.reduced.tiles);
    return this.#tileLumas;
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

  /**
   * A fact derived from one of this case's source-side images or planes alone, computed once per object and
   * `name`: candidates that keep the frame share the source's own planes, so they share what is derived from
   * them (a candidate with its own aligned source computes its own).
   */
  derived<T>(of: object, name: string, make: () => T): T {
    let byName = this.#derived.get(of);
    if (!byName) {
      byName = new Map();
      this.#derived.set(of, byName);
    }
    if (!byName.has(name)) byName.set(name, make());
    return byName.get(name) as T;
  }
}

/** What the requested ops tell the analysis to look for. */
export interface PairHints {
  /** A small-angle rotation was asked for: search for it and align the source by it. */
  smallRotation?: boolean;
  /** A crop was asked for: search crops that were also resized even when the candidate keeps the source's aspect. */
  crop?: boolean;
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
  /** The candidate reduced by the source's working factor; its width and height are the candidate's as given. */
  readonly candidate: ReducedImage;
  /** The candidate at the source's working factor; border, alignment and planes below are measured on it. */
  readonly working: RgbImage;
  readonly border: BorderResult;
  readonly alignment: Alignment;
  /** Candidate pixels inside the border. */
  readonly inner: RgbImage;
  /** Source pixels mapped onto `inner` (same size). */
  readonly alignedSource: RgbImage;
  /** Working-resolution luma of aligned source and candidate inner. */
  readonly luma: { source: Plane; candidate: Plane };
  /** True when the candidate is the source frame: no rotation, crop, border or resize. */
  readonly sameFrame: boolean;
  /** The small rotation found when the hints asked for one (null otherwise). */
  readonly smallRotation: SmallRotation | null;
  readonly #candidateLuma: Plane;
  #posterization: Posterization | undefined;
  #analysed: { source: Analysed; candidate: Analysed } | undefined;
  #candidateBlockiness: Blockiness | undefined;
  #candidateTileLumas: Plane[] | undefined;
  #halo: Halo | undefined;
  readonly #detail = new Map<string, Detail>();
  readonly #tone = new Map<string, ToneChange>();
  readonly #editMasks = new Map<string, BinaryMask | null>();

  /** `candidate`: as given, or already reduced by the source's factor (a pool worker gets it so). */
  constructor(source: SourceAnalysis, candidate: RgbImage | ReducedImage, hints: PairHints = {}) {
    this.source = source;
    this.candidate = isReduced(candidate) ? candidate : reduceImage(candidate, source.factor);
    if (this.candidate.factor !== source.factor)
      throw new Error(`candidate reduced by ${this.candidate.factor}, the source by ${source.factor}`);
    const working = this.candidate.working;
    this.working = working;
    const border = detectBorder(working);
    // A band the source already had is not an added border.
    this.border =
      border.found && !source.border.found ? border : { ...border, found: false, inner: fullRect(working) };
    this.inner = cropRgb(working, this.border.inner);
    this.#candidateLuma = toLuma(working);
    const innerLuma = this.border.found
      ? cropPlane(this.#candidateLuma, this.border.inner)
      : this.#candidateLuma;
    // A resized crop is searched when a crop was asked for or the frame's shape changed; otherwise a heavily edited
    // candidate would pay for that search on every judgement (a plain rescale is the "full" hypothesis).
    const found = findAlignment(source.luma, innerLuma, {
      scaledCrops: hints.crop === true || otherAspect(source.luma, innerLuma),
    });
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

  /** Blockiness of the whole candidate at full resolution (its own pixel grid, where JPEG blocks sit). */
  get candidateBlockiness(): Blockiness {
    this.#candidateBlockiness ??= fullResolutionBlockiness(this.candidate, this.#candidateLuma, () =>
      this.#tileLumas(),
    );
    return this.#candidateBlockiness;
  }

  /** Histogram combing of the candidate inside its border (posterization, banding). */
  get candidatePosterization(): Posterization {
    this.#posterization ??= measurePosterization(this.inner);
    return this.#posterization;
  }

  /** Over-sharpening halos along the source's edges, at full resolution; computed once. */
  get halo(): Halo {
    const source = this.luma.source;
    this.#halo ??= measureHalo(
      source,
      this.luma.candidate,
      this.source.derived(source, "edgeRange", () => edgeRange(source)),
    );
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
      const m = { ...measureDetailChange(this.luma.source, this.luma.candidate, mask) };
      // Downsampling averages fine noise away: the frame's noise level comes from full-resolution tiles.
      const full = !region && this.sameFrame && this.source.factor > 1 ? this.#fullResolutionNoise() : null;
      if (full) {
        m.noiseSource = full.source;
        m.noiseCandidate = full.candidate;
      }
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

  /** The case's edit mask carried into this candidate's frame, at analysis or full scale; null without one. */
  editMask(scale: "analysis" | "full"): BinaryMask | null {
    if (!this.#editMasks.has(scale)) {
      const { width, height } = scale === "analysis" ? this.lab.source : this.luma.source;
      this.#editMasks.set(scale, alignedEditMask(this.source.editMask, this.alignment, width, height));
    }
    return this.#editMasks.get(scale) ?? null;
  }

  /** Luma planes of the candidate's full-resolution tiles; computed once. */
  #tileLumas(): Plane[] {
    this.#candidateTileLumas ??= tileLumas(this.candidate.tiles);
    return this.#candidateTileLumas;
  }

  /**
   * Noise σ of source and candidate at full resolution, averaged over a grid of tiles (about one working-size
   * image of pixels); null when the two are not the same size at full resolution.
   */
  #fullResolutionNoise(): { source: number; candidate: number } | null {
    const s = this.source.reduced;
    const c = this.candidate;
    // Same size, same factor: the same tile rectangles.
    if (s.width !== c.width || s.height !== c.height || s.tiles.length === 0) return null;
    const candidateTiles = this.#tileLumas();
    let source = 0;
    let candidate = 0;
    this.source.tileLumas.forEach((tile, k) => {
      // The flat sites are the source tile's: found once per case, shared by every candidate.
      const flat = this.source.derived(tile, "flatSites", () => flatSites(tile));
      source += flat.noise;
      candidate += noiseSigma(noiseSumAt(candidateTiles[k] as Plane, flat.sites), flat.sites.length);
    });
    return { source: source / s.tiles.length, candidate: candidate / s.tiles.length };
  }

  /**
   * A region mask at analysis scale (Lab planes) or at working resolution (luma planes). A region taken from the
   * case's mask (`fromMask`) is the mask's pixels inside the region's box, and outside it is everything beyond
   * the mask and its border band.
   */
  regionMask(region: Region, inside: boolean, scale: "analysis" | "full"): Uint8Array {
    const { width, height } = scale === "analysis" ? this.lab.source : this.luma.source;
    const edit = region.fromMask ? this.editMask(scale) : null;
    if (edit) return editMaskRegionMask(edit, region, inside);
    const margin = Math.round(Math.min(width, height) * 0.03);
    return rectMask(width, height, regionToRect(region, width, height), inside, margin);
  }
}

/** A region's cache key (its box, and whether it comes from the case's mask); "all" for the whole frame. */
export function regionKey(region: Region | undefined): string {
  return region
    ? `${region.x0},${region.y0},${region.x1},${region.y1}${region.fromMask ? ",mask" : ""}`
    : "all";
}

function fullRect(image: RgbImage) {
  return { x0: 0, y0: 0, x1: image.width, y1: image.height };
}
