import type { Clause } from "./clauses.js";

/** Requests the parser recognises as outside the supported families, with the reason its follow principle abstains. */
const KNOWN_UNSUPPORTED: ReadonlyArray<readonly [RegExp, string]> = [
  [
    /\b(skew|perspective|keystone|distort|warp|stretch)\w*/,
    "Skewing, perspective correction or distorting the image is not a supported edit",
  ],
  [/\bcolou?ri[sz]\w*/, "Colourising an image is not a supported edit"],
  [
    /\b(cartoon|painting|sketch|watercolou?r|anime|drawing|pencil|oil paint|pop art|style of|van gogh)\w*/,
    "Artistic style transfer is not a supported edit",
  ],
  [/\b(hdr|tone ?map)\w*/, "HDR or tone mapping is not a supported edit"],
  [/\b(restore|revert|undo|retouch|airbrush)\w*/, "Restoring or retouching is not a supported edit"],
];

/** A specific reason when the clause asks for a known unsupported edit, else null. */
export function unsupportedReason(clause: Clause): string | null {
  const text = clause.words.map((w) => w.value).join(" ");
  for (const [pattern, reason] of KNOWN_UNSUPPORTED) if (pattern.test(text)) return reason;
  return null;
}

export function genericReason(text: string): string {
  return (
    `"${text}" matches none of the supported edit families (brightness, contrast, saturation, black and white, ` +
    "sepia, white balance, invert, rotate, tilt, flip, crop, border, blur, sharpen, noise, pixelate, resize, vignette, posterize, hue shift, text and object edits)"
  );
}
