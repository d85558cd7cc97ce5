import type { OcrEngine } from "./ocr-engine.js";
import type { VisionEngine } from "./vision-engine.js";

/** How to load each model; injected so tests can count loads or supply fakes. */
export interface ModelLoaders {
  ocr: () => Promise<OcrEngine>;
  vision: () => Promise<VisionEngine>;
}

/**
 * The content models of one ContentStage: each loaded lazily, on first use, and at most once per
 * instance (concurrent first uses share one load). A failed load is not cached, so a later call retries.
 */
export class ContentModels {
  readonly #loaders: ModelLoaders;
  #ocr: Promise<OcrEngine> | null = null;
  #vision: Promise<VisionEngine> | null = null;

  constructor(loaders: ModelLoaders) {
    this.#loaders = loaders;
  }

  ocr(): Promise<OcrEngine> {
    if (!this.#ocr) {
      this.#ocr = this.#loaders.ocr();
      this.#ocr.catch(() => {
        this.#ocr = null;
      });
    }
    return this.#ocr;
  }

  vision(): Promise<VisionEngine> {
    if (!this.#vision) {
      this.#vision = this.#loaders.vision();
      this.#vision.catch(() => {
        this.#vision = null;
      });
    }
    return this.#vision;
  }

  async close(): Promise<void> {
    const vision = this.#vision;
    this.#ocr = null;
    this.#vision = null;
    if (vision) await (await vision.catch(() => null))?.close?.();
  }
}
