/** Where an image comes from, before decoding. */
export type ImageInput = { kind: "path"; path: string } | { kind: "bytes"; bytes: Uint8Array; name: string };

/**
 * An image decoded once: 8-bit RGB, row-major, alpha flattened onto white (`hadAlpha` records it),
 * EXIF orientation applied. `encoded` keeps the original bytes for judges that send images onward; it is empty
 * when the caller decoded for a judge that does not (`Judge.usesEncodedImages` false).
 */
export interface DecodedImage {
  name: string;
  width: number;
  height: number;
  /**
   * RGB, 3 bytes per pixel, length width*height*3; empty when the case was decoded for a judge that took the
   * pixels in its own reduced form (`Judge.compactImage`).
   */
  rgb: Uint8Array;
  hadAlpha: boolean;
  format: string;
  /** Hex SHA-256 of the encoded bytes (computed before they are dropped, if they are). */
  sha256: string;
  encoded: Uint8Array;
}
