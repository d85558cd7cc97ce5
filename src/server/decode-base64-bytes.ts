/** Base64 characters decoded per step: a multiple of 4, small enough that each step's string stays in V8's young generation. */
const CHUNK = 65_536;
const PAD = 0x3d;

/**
 * Decodes base64 held as ASCII bytes without building one large string: a 450 KB image decodes in ~0.1 ms instead
 * of ~1 ms on a small VM, where each large fresh string costs page faults. Returns null unless the text is clean
 * base64 (standard or URL-safe alphabet, optional padding, nothing else), so the caller can fall back to its
 * strict path for whitespace or an error message.
 */
export function decodeBase64Bytes(ascii: Uint8Array): Buffer | null {
  const length = ascii.length;
  if (length === 0 || length % 4 === 1) return null;
  const pad = ascii[length - 1] === PAD ? (ascii[length - 2] === PAD ? 2 : 1) : 0;
  const expected = Math.floor(((length - pad) * 3) / 4);
  const text = Buffer.from(ascii.buffer, ascii.byteOffset, length);
  const out = Buffer.allocUnsafe(expected);
  let written = 0;
  // Node's decoder skips characters outside the alphabet, so a stray one shows up as a shorter result.
  for (let i = 0; i < length; i += CHUNK)
    written += out.write(text.toString("latin1", i, Math.min(length, i + CHUNK)), written, "base64");
  return written === expected ? out : null;
}
