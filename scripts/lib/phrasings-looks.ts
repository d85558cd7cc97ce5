/**
 * Phrasings of the look and tilt families, per split. {levels} is "4", {deg} "12"; {dir} a sense
 * ("clockwise", "to the left"…). Tilt templates come in three kinds: `signed` names the sense, `bare`
 * does not (the convention: clockwise), `straighten` asks to straighten by an angle without a sense.
 */
export interface LookPhrasings {
  "vignette-add": readonly string[];
  "vignette-remove": readonly string[];
  posterize: readonly string[];
  /** With {levels}. */
  posterizeLevels: readonly string[];
  "hue-shift": readonly string[];
  /** With {deg}. */
  hueDegrees: readonly string[];
  tilt: {
    signed: readonly string[];
    bare: readonly string[];
    straighten: readonly string[];
    clockwise: readonly string[];
    counterclockwise: readonly string[];
  };
}

export const DEV_LOOK_PHRASINGS: LookPhrasings = {
  "vignette-add": [
    "Add a vignette.",
    "Could you add a subtle vignette to this photo?",
    "darken the corners",
    "give it a vignette pls",
    "Apply a dark vignette around the edges.",
  ],
  "vignette-remove": [
    "Remove the vignette.",
    "Could you get rid of the vignetting?",
    "The corners are too dark.",
    "brighten the corners pls",
    "Fix the vignetting around the edges.",
  ],
  posterize: [
    "Posterize the image.",
    "Could you posterize this photo?",
    "give it a posterized look",
    "apply a poster effect",
    "Posterise it.",
  ],
  posterizeLevels: [
    "Posterize the image to {levels} levels.",
    "Could you posterize it with {levels} levels per channel?",
    "posterize to {levels} levels pls",
  ],
  "hue-shift": [
    "Shift the hues.",
    "Could you shift the hue of this photo?",
    "change the hue",
    "Rotate the hues around the colour wheel.",
    "hue shift it pls",
  ],
  hueDegrees: [
    "Rotate the hue by {deg} degrees.",
    "Could you shift the hue {deg}°?",
    "hue shift {deg} degrees",
    "Shift the hues by {deg} degrees.",
  ],
  tilt: {
    signed: [
      "Rotate the image {deg} degrees {dir}.",
      "Could you tilt this photo {deg}° {dir}?",
      "tilt it {deg} degrees {dir} pls",
      "Rotate it by {deg}° {dir}.",
    ],
    bare: ["Tilt it {deg} degrees.", "Could you tilt the picture by {deg}°?", "tilt {deg} degrees"],
    straighten: [
      "Straighten the horizon by {deg}°.",
      "The horizon is crooked, straighten it by {deg} degrees.",
      "Could you straighten the photo by {deg} degrees?",
    ],
    clockwise: ["clockwise", "to the right"],
    counterclockwise: ["counterclockwise", "counter-clockwise", "to the left"],
  },
};

export const HOLDOUT_LOOK_PHRASINGS: LookPhrasings = {
  "vignette-add": [
    "Put a vignette on it.",
    "Would you mind adding vignetting?",
    "please darken the edges",
    "I'd like a soft vignette",
    "Vignette the picture.",
  ],
  "vignette-remove": [
    "Get rid of the vignette.",
    "Please remove the vignetting.",
    "There's vignetting in the corners, fix it.",
    "lighten the corners",
    "remove the dark vignette pls",
  ],
  posterize: [
    "Make it posterized.",
    "Please apply posterization.",
    "posterize this",
    "I want a poster look.",
    "Can you posterise the photo?",
  ],
  posterizeLevels: [
    "Reduce it to {levels} levels with a posterize effect.",
    "posterise with {levels} levels",
    "Please posterize it, {levels} levels.",
  ],
  "hue-shift": [
    "Shift the colours around the colour wheel.",
    "Please change the hues.",
    "rotate the hue",
    "Can you do a hue shift?",
    "shift all the hues",
  ],
  hueDegrees: [
    "Hue-rotate it by {deg} degrees.",
    "Please rotate the hues {deg}°.",
    "shift the hue by {deg} deg",
    "Change the hue by {deg} degrees.",
  ],
  tilt: {
    signed: [
      "Turn the picture {deg}° {dir}.",
      "Please rotate it {deg} degrees {dir}.",
      "tilt {dir} by {deg} degrees",
      "I'd like it rotated {deg} degrees {dir}.",
    ],
    bare: ["Rotate it {deg} degrees.", "Please tilt it by {deg}°.", "tilt the photo {deg} degrees"],
    straighten: [
      "Level the horizon, it's off by {deg} degrees.",
      "The photo is tilted, straighten it by {deg}°.",
      "straighten by {deg} degrees",
    ],
    clockwise: ["clockwise", "cw"],
    counterclockwise: ["anticlockwise", "counterclockwise", "ccw"],
  },
};
