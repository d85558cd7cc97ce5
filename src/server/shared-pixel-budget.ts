/**
 * Decoded pixels all requests in flight on one server may hold together. Each request takes its images' pixels
 * (counted from their headers, before decoding) and gives them back when its work settles; a take that would go
 * over the limit is refused, not queued, so no request waits holding pixels another needs.
 */
export class SharedPixelBudget {
  #held = 0;

  constructor(readonly maxPixels: number) {}

  /** Pixels taken by requests still working. */
  get held(): number {
    return this.#held;
  }

  /** Takes `pixels` if they fit under the limit; false (and nothing taken) if not. */
  tryTake(pixels: number): boolean {
    if (this.#held + pixels > this.maxPixels) return false;
    this.#held += pixels;
    return true;
  }

  give(pixels: number): void {
    this.#held = Math.max(0, this.#held - pixels);
  }
}
