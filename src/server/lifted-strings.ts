/**
 * Long string literals cut out of a JSON request body (see `liftLongStrings`), by placeholder. A placeholder is
 * `marker + index`, where the marker holds a per-request nonce, so no string a client sends can be taken for one.
 */
export class LiftedStrings {
  constructor(
    readonly marker: string,
    private readonly slices: readonly Buffer[],
  ) {}

  /** The ASCII bytes behind a placeholder, or undefined for any other string. */
  bytesOf(value: string): Buffer | undefined {
    if (!value.startsWith(this.marker)) return undefined;
    return this.slices[Number(value.slice(this.marker.length))];
  }

  /** The string a placeholder stands for, or the value itself when it is not one. */
  text(value: string): string {
    return this.bytesOf(value)?.toString("latin1") ?? value;
  }
}
