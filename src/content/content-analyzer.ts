import type { DecodedImage } from "../contract/image.js";
import type { ContentModels } from "./content-models.js";
import type { Detection, Face, OcrLine } from "./content-types.js";

interface Entry {
  lines?: Promise<OcrLine[]>;
  objects?: Promise<Detection[]>;
  faces?: Promise<Face[]>;
}

/**
 * Runs each content model at most once per image (keyed by the encoded bytes' SHA-256) and keeps the
 * most recent `capacity` images, so a source judged with many candidates is analysed once.
 */
export class ContentAnalyzer {
  readonly #models: ContentModels;
  readonly #capacity: number;
  readonly #entries = new Map<string, Entry>();

  constructor(models: ContentModels, capacity = 32) {
    this.#models = models;
    this.#capacity = capacity;
  }

  lines(image: DecodedImage): Promise<OcrLine[]> {
    const entry = this.#entry(image);
    entry.lines ??= this.#models.ocr().then((ocr) => ocr.read(image));
    return this.#settle(entry, "lines", entry.lines);
  }

  objects(image: DecodedImage): Promise<Detection[]> {
    const entry = this.#entry(image);
    entry.objects ??= this.#models.vision().then((v) => v.objects(image));
    return this.#settle(entry, "objects", entry.objects);
  }

  faces(image: DecodedImage): Promise<Face[]> {
    const entry = this.#entry(image);
    entry.faces ??= this.#models.vision().then((v) => v.faces(image));
    return this.#settle(entry, "faces", entry.faces);
  }

  /** Never caches a failure: a failed run is forgotten so the next call retries. */
  #settle<T>(entry: Entry, key: keyof Entry, promise: Promise<T>): Promise<T> {
    promise.catch(() => {
      delete entry[key];
    });
    return promise;
  }

  #entry(image: DecodedImage): Entry {
    const key = `${image.sha256}:${image.width}x${image.height}`;
    let entry = this.#entries.get(key);
    if (entry) {
      this.#entries.delete(key);
    } else {
      entry = {};
      if (this.#entries.size >= this.#capacity) {
        const oldest = this.#entries.keys().next().value;
        if (oldest !== undefined) this.#entries.delete(oldest);
      }
    }
    this.#entries.set(key, entry);
    return entry;
  }
}
