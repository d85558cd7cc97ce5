/**
 * Phrasings of the ImageMagick benchmark: a table of its own, not the dev or holdout split's, so a
 * parser tuned on those is measured on wording it has not seen. Placeholders: {dir} (clockwise words),
 * {axis}, {target}, {colour}, {region}, {Region}, {edit}, {deg}.
 */
export const IM_PHRASINGS = {
  "brightness-up": [
    "Lift the exposure of this shot.",
    "Would you mind lightening the picture?",
    "This is much too dim.",
    "needs to be a lot brighter",
    "Give the photo more light.",
    "everything looks murky and dark, fix it",
  ],
  "brightness-down": [
    "Bring the exposure down.",
    "Would you mind darkening the picture?",
    "The shot is blown out.",
    "a bit darker please",
    "Tone down the brightness of this image.",
  ],
  "contrast-up": [
    "Punch up the contrast.",
    "Would you mind adding some contrast?",
    "This looks so flat.",
    "it lacks contrast",
    "Give the image stronger contrast.",
  ],
  "contrast-down": [
    "Soften the contrast.",
    "Would you mind flattening the contrast a little?",
    "There's too much contrast here.",
    "lower contrast please",
    "Make the contrast gentler.",
  ],
  "saturation-up": [
    "Make the colours richer.",
    "Would you mind making the colours more vibrant?",
    "The colours are so washed-out.",
    "more saturated pls",
    "Intensify the saturation.",
  ],
  "saturation-down": [
    "Mute the colours.",
    "Would you mind making the colours less saturated?",
    "The colours are far too garish.",
    "tone down the colors",
    "Lower the saturation a little.",
  ],
  grayscale: [
    "Strip out all the colour.",
    "Would you mind turning this into a black and white picture?",
    "I'd like this in greyscale.",
    "drain the colour from it",
    "Render the photo in monochrome.",
    "make it gray",
  ],
  sepia: [
    "Apply a sepia tone.",
    "Would you mind giving it an old-fashioned sepia look?",
    "Make this look like an antique photograph.",
    "sepia-toned please",
    "Give the picture a vintage brown tint.",
  ],
  warmer: [
    "Warm the picture up.",
    "Would you mind adding some warmth?",
    "This feels far too cold.",
    "make it warmer",
    "Remove the blue cast.",
  ],
  cooler: [
    "Cool the picture down.",
    "Would you mind making the tones cooler?",
    "This feels far too warm.",
    "make it bluer",
    "Remove the yellow cast.",
  ],
  invert: [
    "Turn the photo into its negative.",
    "Would you mind inverting the picture?",
    "Reverse the colours.",
    "invert it",
    "Apply a colour inversion.",
  ],
  blur: [
    "Soften the whole picture.",
    "Would you mind blurring the picture?",
    "Make it look out of focus.",
    "blur the whole picture",
    "Apply a gaussian blur.",
  ],
  sharpen: [
    "Crisp up the picture.",
    "Would you mind sharpening the photo?",
    "The shot is too soft.",
    "make it sharper",
    "Bring out more detail.",
  ],
  noise: [
    "Add some film grain.",
    "Would you mind making the picture grainy?",
    "Put some noise on it.",
    "add grain",
    "Give it a noisy look.",
  ],
  pixelate: [
    "Turn the picture into a mosaic.",
    "Would you mind pixelating the image?",
    "Make it look blocky, with big pixels.",
    "pixelate it",
    "Censor the whole image with pixelation.",
  ],
  rotate: [
    "Turn the picture {dir}.",
    "Would you mind rotating the photo {dir}?",
    "rotate {dir}",
    "Give the image a {dir} rotation.",
    "Rotate the shot {dir}, please.",
  ],
  flip: [
    "Mirror the picture {axis}.",
    "Would you mind flipping the photo {axis}?",
    "flip it {axis}",
    "Flip the image {axis}, please.",
    "Mirror it {axis}.",
  ],
  crop: [
    "Keep only {target}.",
    "Would you mind cropping to {target}?",
    "crop to {target}",
    "Crop the picture to {target}.",
    "Just give me {target}.",
  ],
  border: [
    "Put a {colour} border around the picture.",
    "Would you mind adding a {colour} frame?",
    "Frame it in {colour}.",
    "add a {colour} border",
    "Surround the photo with a {colour} frame.",
  ],
  resize: [
    "Shrink the picture to {factor}.",
    "Would you mind scaling the image down to {factor}?",
    "make it {factor}",
    "Resize to {factor}, please.",
    "Downscale the photo to {factor}.",
  ],
  region: [
    "{edit} {region} only.",
    "Would you mind {editing} {region}?",
    "Only {edit} {region}, leave the rest alone.",
    "{edit} {region} and nothing else.",
  ],
  "vignette-add": [
    "Add a vignette.",
    "Would you mind darkening the corners with a vignette?",
    "Give it a vignette effect.",
    "add a dark vignette",
    "Put a soft vignette around the edges.",
  ],
  "vignette-remove": [
    "Remove the vignette.",
    "Would you mind getting rid of the dark corners?",
    "The vignetting is too much, take it out.",
    "remove the vignetting",
    "Brighten the dark corners to remove the vignette.",
  ],
  posterize: [
    "Posterize the picture.",
    "Would you mind giving it a posterized look?",
    "Reduce the number of colour levels.",
    "posterize it",
    "Apply a posterize effect.",
  ],
  "small-rotate": [
    "Tilt it {deg} degrees {sense}.",
    "Would you mind rotating the photo {deg} degrees {sense}?",
    "rotate it by {deg}° {sense}",
    "Turn the picture {deg} degrees {sense}.",
  ],
  straighten: [
    "Straighten the horizon by {deg}°.",
    "Would you mind straightening the photo? It is tilted {deg} degrees.",
    "The picture is crooked by {deg} degrees, level it.",
    "straighten it, it leans {deg}°",
  ],
  "hue-shift": [
    "Shift the hues.",
    "Would you mind shifting the hue a bit?",
    "Rotate the hue of the colours.",
    "hue shift it",
    "Change the hue of the picture.",
  ],
} as const;

/** Rotation words, by clockwise degrees. */
export const IM_TURNS: Record<90 | 180 | 270, readonly string[]> = {
  90: ["90 degrees clockwise", "a quarter turn clockwise", "to the right by 90°"],
  180: ["180 degrees", "a half turn"],
  270: ["90 degrees counterclockwise", "a quarter turn to the left", "90° anti-clockwise"],
};

export const IM_AXES = {
  horizontal: ["horizontally", "left to right"],
  vertical: ["vertically", "top to bottom"],
} as const;

export const IM_REGIONS = {
  top: "the upper half",
  bottom: "the lower half",
  left: "the left side",
  right: "the right-hand side",
  "top-third": "the top third",
  "bottom-third": "the bottom third",
  centre: "the middle",
} as const;

/** Region edits: imperative and gerund ("would you mind blurring …"). */
export const IM_REGION_EDITS = {
  brighten: ["Brighten", "brightening"],
  darken: ["Darken", "darkening"],
  desaturate: ["Desaturate", "desaturating"],
  grayscale: ["Remove the colour from", "removing the colour from"],
  sepia: ["Apply sepia to", "applying sepia to"],
  warmer: ["Warm up", "warming up"],
  blur: ["Blur", "blurring"],
  invert: ["Invert", "inverting"],
  contrast: ["Add contrast to", "adding contrast to"],
} as const;
