/** The image formats EditJudge decodes. */
export type SupportedFormat = "png" | "jpeg" | "webp";

const PNG = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
const JPEG = [0xff, 0xd8, 0xff];

function startsWith(bytes: Uint8Array, signature: readonly number[], at = 0): boolean {
  return signature.every((byte, i) => bytes[at + i] === byte);
}

function ascii(bytes: Uint8Array, at: number, text: string): boolean {
  return startsWith(
    bytes,
    [...text].map((ch) => ch.charCodeAt(0)),
    at,
  );
}

/**
 * The format named by the file's signature (its first bytes), or null for anything else. Lets the decoder turn
 * away other formats before handing bytes to libvips, and decode while it reads the header.
 */
export function sniffFormat(bytes: Uint8Array): SupportedFormat | null {
  if (startsWith(bytes, PNG)) return "png";
  if (startsWith(bytes, JPEG)) return "jpeg";
  if (ascii(bytes, 0, "RIFF") && ascii(bytes, 8, "WEBP")) return "webp";
  return null;
}
