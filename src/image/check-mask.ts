import { InputError } from "../errors/input-error.js";

interface Sized {
  name: string;
  width: number;
  height: number;
}

/** Largest relative difference of aspect ratio (mask vs source) for a mask to be rescaled instead of refused. */
const ASPECT_TOLERANCE = 0.01;

/**
 * Checks an edit mask against its source. The same size: used as it is ("same"). Another size with the source's
 * aspect ratio (a mask stored at another resolution): rescaled onto the source ("rescale"). Any other shape is an
 * InputError naming both sizes, since no rescale would line the mask up with the picture.
 */
export function checkMaskSize(mask: Sized, source: Sized): "same" | "rescale" {
  if (mask.width === source.width && mask.height === source.height) return "same";
  const aspect = mask.width / mask.height / (source.width / source.height);
  if (Math.abs(aspect - 1) <= ASPECT_TOLERANCE) return "rescale";
  throw new InputError(
    "mask",
    `${named("mask", mask.name)} is ${mask.width}×${mask.height} but ${named("the source", source.name)} is ${source.width}×${source.height} (another aspect ratio, so it cannot be rescaled onto it); give a mask of the source's size, white where the edit may change the picture`,
    { code: "mask_size_mismatch" },
  );
}

/** "mask m.png", or just "mask" when the image is named after its role (as the server names them). */
function named(role: string, name: string): string {
  return role.endsWith(name) ? role : `${role} ${name}`;
}
