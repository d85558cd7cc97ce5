import { realpath } from "node:fs/promises";
import { isAbsolute, relative, resolve } from "node:path";
import type { DecodedImage, ImageInput } from "../contract/image.js";
import type { Judge } from "../contract/judge.js";
import { EditJudgeError } from "../errors/editjudge-error.js";
import { InputError } from "../errors/input-error.js";
import { decodeImage } from "../image/decode-image.js";
import type { ImageLimits } from "../image/image-limits.js";
import { safeFetch } from "../net/safe-fetch.js";
import { decodeBase64Bytes } from "./decode-base64-bytes.js";
import type { LiftedStrings } from "./lifted-strings.js";
import type { ImageSpec } from "./request-schemas.js";
import type { ImageSourceOptions } from "./server-options.js";
import type { SharedPixelBudget } from "./shared-pixel-budget.js";

/** What one request gives its loader. */
export interface ImageLoaderRequest {
  signal: AbortSignal;
  /** The body's lifted base64 literals (see parse-json-body); placeholders in specs resolve through it. */
  lifted?: LiftedStrings | null;
  /** The image roots with symlinks resolved, shared across requests; resolved here when absent. */
  realRoots?: () => Promise<readonly string[]>;
  onCacheHit?(): void;
  onUpstream?(outcome: "ok" | "error" | "refused"): void;
  /**
   * Decoded pixels the whole request may hold (each distinct image counted once, from its header, before it is
   * decoded), and the server-wide budget it takes them from (given back by `release()`). Going over either calls
   * `onOverBudget`, which fails the request, and the image's load throws the same error: `request_too_large`
   * for the request's own limit, `server_busy` when the server's requests in flight hold too much already.
   */
  pixelBudget?: {
    maxPixels: number;
    shared?: SharedPixelBudget;
    onOverBudget(error: EditJudgeError): void;
  };
}

/**
 * How a request's judge wants an image (see `prepareOptionsFor`): without its encoded bytes when it never reads
 * them, and compacted (`Judge.compactImage`) for the size of the case's source.
 */
export interface LoadAs {
  /** False: drop the encoded bytes once decoded. Default true. */
  keepEncoded?: boolean;
  compact?: {
    compactImage: NonNullable<Judge["compactImage"]>;
    /** The source's size, or "self" for the source itself (it is compacted for its own size). */
    source: "self" | Promise<ImageSize>;
  };
}

type ImageSize = { width: number; height: number };

/** One image spec loaded compacted: its compacted forms by the source size they were made for. */
interface Compacting {
  /** The full decode while compactions may still need it; dropped once it has ended, so its pixels can go. */
  decoding: Promise<DecodedImage> | null;
  /** The decoded image, when a form is the image itself (the judge kept it whole): other sizes start from it. */
  whole: DecodedImage | null;
  /** The image's own size, once decoded. */
  size: ImageSize | null;
  bySize: Map<string, DecodedImage>;
}

const sizeKey = (size: ImageSize) => `${size.width}x${size.height}`;

const mp = (n: number) => `${(n / 1e6).toFixed(1)} MP`;

const BASE64 = /^[A-Za-z0-9+/_-]*={0,2}$/;

/**
 * Turns request image specs into decoded images, decoding each distinct spec once per request. Compacted, an
 * image is kept in its judge's reduced form only: a spec compacted for two source sizes in one request (the same
 * bytes as the source of one group and a candidate of another of a different size) is decoded again for the
 * second, and its pixels count again against the budgets, unless the judge kept it whole for the first.
 */
export class ImageLoader {
  readonly #cache = new Map<string, Promise<DecodedImage>>();
  readonly #compacting = new Map<string, Compacting>();
  #pixels = 0;
  /** Pixels taken from the server-wide budget and not yet given back. */
  #shared = 0;
  #released = false;

  constructor(
    private readonly options: ImageSourceOptions,
    private readonly limits: ImageLimits,
    private readonly request: ImageLoaderRequest,
  ) {}

  load(spec: ImageSpec, name: string, as: LoadAs = {}): Promise<DecodedImage> {
    const key =
      (typeof spec === "string" ? spec : JSON.stringify(spec)) + (as.keepEncoded === false ? "#px" : "");
    if (as.compact) return this.#loadCompacted(key, spec, name, as.keepEncoded !== false, as.compact);
    const cached = this.#cache.get(key);
    if (cached) {
      this.request.onCacheHit?.();
      return cached.then((image) => ({ ...image, name }));
    }
    const loading = this.#decode(spec, name, as.keepEncoded !== false);
    this.#cache.set(key, loading);
    return loading;
  }

  /**
   * Decodes at once (the source's size is not waited for), then compacts for the source's size, reusing a form
   * made for the same size. A failed decode stays the answer for the spec, as uncompacted.
   */
  async #loadCompacted(
    key: string,
    spec: ImageSpec,
    name: string,
    keepEncoded: boolean,
    compact: NonNullable<LoadAs["compact"]>,
  ): Promise<DecodedImage> {
    let entry = this.#compacting.get(key);
    if (!entry) {
      entry = { decoding: null, whole: null, size: null, bySize: new Map() };
      this.#compacting.set(key, entry);
    }
    if (entry.size) {
      const made = entry.bySize.get(sizeKey(compact.source === "self" ? entry.size : await compact.source));
      if (made) {
        this.request.onCacheHit?.();
        return { ...made, name };
      }
    }
    let image = entry.whole;
    if (!image) {
      const decoding = entry.decoding ?? this.#decode(spec, name, keepEncoded);
      entry.decoding = decoding;
      // Its own decode ends first, so nothing of a case is still decoding once a failed source has failed it. A
      // failed decode stays the answer; a decoded image is let go here, whatever follows (a failed source too).
      image = await decoding;
      if (entry.decoding === decoding) entry.decoding = null;
    }
    entry.size = { width: image.width, height: image.height };
    const size = compact.source === "self" ? entry.size : await compact.source;
    let form = entry.bySize.get(sizeKey(size));
    if (form) this.request.onCacheHit?.();
    else {
      form = compact.compactImage(image, size);
      if (form === image) entry.whole = image;
      entry.bySize.set(sizeKey(size), form);
    }
    return { ...form, name };
  }

  /** Reads and decodes one spec, its pixels counted against the budgets from its header on. */
  #decode(spec: ImageSpec, name: string, keepEncoded: boolean): Promise<DecodedImage> {
    let admitted = 0;
    return this.#input(spec, name)
      .then((input) =>
        decodeImage(input, this.limits, {
          admit: (width, height) => {
            this.#admit(width * height);
            admitted = width * height;
          },
          ...(keepEncoded ? {} : { keepEncoded: false }),
        }),
      )
      .catch((error: unknown) => {
        // An image that did not decode holds no pixels: give its share of the budgets back.
        this.#giveBack(admitted);
        throw error;
      });
  }

  /**
   * Gives every pixel this request took back to the server-wide budget. Call once its work has settled; images
   * that would decode after it are refused.
   */
  release(): void {
    this.#released = true;
    this.request.pixelBudget?.shared?.give(this.#shared);
    this.#shared = 0;
  }

  /** Counts an image's pixels against the request's budget and takes them from the server's, or throws. */
  #admit(pixels: number): void {
    const budget = this.request.pixelBudget;
    if (!budget) return;
    if (this.#released)
      throw new EditJudgeError("request_ended", "the request ended before this image was decoded");
    const over = (error: EditJudgeError) => {
      budget.onOverBudget(error);
      throw error;
    };
    if (this.#pixels + pixels > budget.maxPixels)
      over(
        new EditJudgeError(
          "request_too_large",
          `the request's images come to more than ${mp(budget.maxPixels)} of decoded pixels (${mp(this.#pixels + pixels)} so far), the per-request limit; send fewer or smaller images per request, or start the server with a larger --max-request-megapixels`,
        ),
      );
    if (budget.shared && !budget.shared.tryTake(pixels))
      over(
        new EditJudgeError(
          "server_busy",
          `the server is busy: its requests in flight hold ${mp(budget.shared.held)} of decoded pixels, and ${mp(pixels)} more for this request would go over the ${mp(budget.shared.maxPixels)} it allows at once (--max-server-megapixels); retry after the Retry-After delay, or send fewer images per request`,
        ),
      );
    this.#pixels += pixels;
    if (budget.shared) this.#shared += pixels;
  }

  #giveBack(pixels: number): void {
    this.#pixels -= pixels;
    if (this.request.pixelBudget?.shared && !this.#released) {
      this.request.pixelBudget.shared.give(pixels);
      this.#shared -= pixels;
    }
  }

  async #input(spec: ImageSpec, name: string): Promise<ImageInput> {
    if (typeof spec === "string") {
      const lifted = this.request.lifted?.bytesOf(spec);
      if (lifted) return this.#liftedInput(lifted, name);
      if (spec.startsWith("data:")) return { kind: "bytes", name, bytes: this.#dataUrl(spec, name) };
      if (/^https?:\/\//i.test(spec)) return this.#url(spec, name);
      return { kind: "bytes", name, bytes: this.#base64(spec, name) };
    }
    if ("base64" in spec) {
      const lifted = this.request.lifted?.bytesOf(spec.base64);
      const bytes = lifted ? this.#base64Bytes(lifted, name) : this.#base64(spec.base64, name);
      return { kind: "bytes", name, bytes };
    }
    if ("url" in spec) return this.#url(spec.url, name);
    return { kind: "path", path: await this.#path(spec.path, name) };
  }

  /** A lifted literal (ASCII bytes of the body): decoded without materialising it as a string where possible. */
  #liftedInput(text: Buffer, name: string): ImageInput | Promise<ImageInput> {
    const head = text.toString("latin1", 0, 256);
    if (head.startsWith("data:")) {
      const bytes = this.#base64Bytes(text.subarray(this.#dataUrlHeader(head, name).length), name);
      return { kind: "bytes", name, bytes };
    }
    if (/^https?:\/\//i.test(head)) return this.#url(text.toString("latin1"), name);
    return { kind: "bytes", name, bytes: this.#base64Bytes(text, name) };
  }

  #dataUrl(url: string, name: string): Uint8Array {
    return this.#base64(url.slice(this.#dataUrlHeader(url.slice(0, 256), name).length), name);
  }

  /** The `data:…;base64,` prefix of a data URL, or an `invalid_base64` error. */
  #dataUrlHeader(head: string, name: string): string {
    const match = /^data:([^,;]*)((?:;[^,;]*)*?);base64,/i.exec(head);
    if (!match)
      throw new InputError(name, `${name}: data URL must be base64-encoded ("data:image/png;base64,…")`, {
        code: "invalid_base64",
      });
    return match[0];
  }

  /** Base64 held as ASCII bytes: the chunked decoder, or the strict string path for anything unusual. */
  #base64Bytes(text: Buffer, name: string): Uint8Array {
    this.#checkBase64Size(text.length, name);
    return decodeBase64Bytes(text) ?? this.#base64(text.toString("latin1"), name);
  }

  #checkBase64Size(length: number, name: string): void {
    if ((length * 3) / 4 > this.limits.maxFileBytes + 3)
      throw new InputError(name, `${name}: image is over the ${this.limits.maxFileBytes}-byte limit`, {
        code: "image_too_large",
      });
  }

  #base64(text: string, name: string): Uint8Array {
    this.#checkBase64Size(text.length, name);
    // Fast path: Node's decoder skips invalid characters, so a clean string decodes to exactly this length.
    const fast = Buffer.from(text, "base64");
    if (text.length % 4 !== 1 && fast.length === decodedLength(text)) return fast;
    const compact = text.replace(/\s+/g, "");
    if (compact.length === 0 || compact.length % 4 === 1 || !BASE64.test(compact))
      throw new InputError(
        name,
        `${name}: not valid base64; send the image bytes base64-encoded, a data URL, or {"url": …} / {"path": …}`,
        { code: "invalid_base64" },
      );
    return Buffer.from(compact, "base64");
  }

  async #url(url: string, name: string): Promise<ImageInput> {
    if (!this.options.allowUrls)
      throw new InputError(
        name,
        `${name}: image URLs are disabled on this server; send base64 or start it with --allow-urls`,
        {
          code: "url_disabled",
        },
      );
    try {
      const fetched = await safeFetch(url, {
        maxBytes: this.limits.maxFileBytes,
        timeoutMs: this.options.fetchTimeoutMs,
        signal: this.request.signal,
        ...(this.options.lookup ? { lookup: this.options.lookup } : {}),
        ...(this.options.transport ? { transport: this.options.transport } : {}),
      });
      this.request.onUpstream?.("ok");
      return { kind: "bytes", name, bytes: fetched.bytes };
    } catch (error) {
      // A URL refused before any connection (malformed, or not a public address) is not an upstream call.
      const refused =
        error instanceof EditJudgeError && (error.code === "url_forbidden" || error.code === "invalid_url");
      this.request.onUpstream?.(refused ? "refused" : "error");
      throw error;
    }
  }

  async #path(path: string, name: string): Promise<string> {
    const roots = this.options.pathRoots;
    const forbidden = () =>
      new InputError(
        name,
        `${name}: path "${path}" is outside the allowed image roots; use a path under ${roots.join(", ")}`,
        {
          code: "path_forbidden",
        },
      );
    if (roots.length === 0)
      throw new InputError(
        name,
        `${name}: file paths are disabled on this server; send base64 or start it with --image-root DIR`,
        {
          code: "paths_disabled",
        },
      );
    if (path.includes("\0")) throw forbidden();
    const candidate = isAbsolute(path) ? resolve(path) : resolve(roots[0] as string, path);
    if (!roots.some((root) => isInside(resolve(root), candidate))) throw forbidden();
    let real: string;
    try {
      real = await realpath(candidate);
    } catch {
      throw new InputError(name, `${name}: no file at "${path}" under the image roots; check the path`, {
        code: "image_unreadable",
      });
    }
    const realRoots = await (this.request.realRoots ?? (() => realRootsOf(roots)))();
    if (!realRoots.some((root) => isInside(root, real))) throw forbidden();
    return real;
  }
}

/** Each root with symlinks resolved (as given when it does not exist). */
export function realRootsOf(roots: readonly string[]): Promise<string[]> {
  return Promise.all(roots.map((root) => realpath(root).catch(() => resolve(root))));
}

/** Bytes a clean base64 string (no whitespace or stray characters, optional padding) decodes to. */
function decodedLength(text: string): number {
  const pad = text.endsWith("==") ? 2 : text.endsWith("=") ? 1 : 0;
  return Math.floor(((text.length - pad) * 3) / 4);
}

function isInside(root: string, target: string): boolean {
  const rel = relative(root, target);
  return rel === "" || (!rel.startsWith("..") && !isAbsolute(rel));
}
