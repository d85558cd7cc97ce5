/**
 * Words for the "axis" edits: a property that moves up or down (brightness, contrast, saturation,
 * white balance, sharpness, noise, pixelation). Matched on the normalised surface form first, then the lemma.
 *
 * - verb: asks for the change itself ("brighten", "desaturate"); a past participle ("blurred") acts as a state.
 * - state: describes a look ("dark", "vivid", "blurry"); in a complaint it asks for the opposite.
 * - noun: names the property ("contrast", "grain"); the direction comes from nearby words ("more", "reduce").
 *   A `defect` noun (grain, blur, haze) has a natural direction when none is given ("add grain", "grain please").
 */
import { wordStems } from "./word-stems.js";

export type Axis =
  | "brightness"
  | "contrast"
  | "saturation"
  | "temperature"
  | "sharpness"
  | "noise"
  | "pixelation";
export type Polarity = 1 | -1;

export interface AxisEntry {
  axis: Axis;
  polarity: Polarity;
  kind: "verb" | "state" | "noun";
  /** Nouns only: a defect (or an effect like "pop") has a natural direction; a property needs a direction word. */
  defect?: boolean;
  /** Over-/under- words: already say which way to go, whatever the mood ("overexposed" → darker). */
  fixed?: boolean;
  /** Reinterpreted when the clause talks about colours ("brighter colours" → more saturated). */
  withColour?: { axis: Axis; polarity: Polarity };
  /** Reinterpreted when the clause names contrast or light ("soften the contrast"). */
  withContrast?: { axis: Axis; polarity: Polarity };
}

type Row = readonly [string, Axis, Polarity, AxisEntry["kind"], Partial<AxisEntry>?];

const SAT_UP = { withColour: { axis: "saturation", polarity: 1 } } as const;
const SAT_DOWN = { withColour: { axis: "saturation", polarity: -1 } } as const;
const SOFT_CONTRAST = { withContrast: { axis: "contrast", polarity: -1 } } as const;

const ROWS: readonly Row[] = [
  ["brighten lighten", "brightness", 1, "verb", SAT_UP],
  ["darken", "brightness", -1, "verb"],
  ["bright", "brightness", 1, "state", SAT_UP],
  ["luminous light lighter", "brightness", 1, "state"],
  ["dark gloomy murky dim", "brightness", -1, "state"],
  ["overexposed", "brightness", -1, "state", { fixed: true }],
  ["underexposed", "brightness", 1, "state", { fixed: true }],
  [
    "brightness exposure lighting luminosity light shadow shadows midtones highlight highlights",
    "brightness",
    1,
    "noun",
  ],
  ["darkness", "brightness", -1, "noun", { defect: true }],
  ["overexposure", "brightness", 1, "noun", { defect: true }],
  ["underexposure", "brightness", -1, "noun", { defect: true }],
  ["contrasty harsh", "contrast", 1, "state"],
  ["punchy", "contrast", 1, "state", SAT_UP],
  ["flat dull muddy hazy foggy washedout", "contrast", -1, "state", SAT_DOWN],
  ["flatten", "contrast", -1, "verb"],
  ["dehaze", "contrast", 1, "verb"],
  ["contrast punchiness", "contrast", 1, "noun"],
  ["punch pop", "contrast", 1, "noun", { ...SAT_UP, defect: true }],
  ["pop punch", "contrast", 1, "verb", SAT_UP],
  ["haze", "contrast", -1, "noun", { defect: true }],
  ["saturate", "saturation", 1, "verb"],
  ["desaturate mute", "saturation", -1, "verb"],
  [
    "saturated vivid vibrant colorful colourful rich intense garish loud gaudy lurid",
    "saturation",
    1,
    "state",
  ],
  ["oversaturated", "saturation", -1, "state", { fixed: true }],
  ["desaturated muted faded pale subdued drab lifeless", "saturation", -1, "state"],
  ["saturation color colour vibrance vibrancy vividness chroma", "saturation", 1, "noun"],
  ["warm", "temperature", 1, "verb"],
  ["cool chill", "temperature", -1, "verb"],
  ["warm warmer", "temperature", 1, "state"],
  ["cool cooler cold colder icy", "temperature", -1, "state"],
  ["warmth temperature", "temperature", 1, "noun"],
  ["sharpen unblur focus", "sharpness", 1, "verb"],
  ["blur soften defocus smooth", "sharpness", -1, "verb", SOFT_CONTRAST],
  ["sharp sharper crisp crisper clear clearer detailed focused", "sharpness", 1, "state"],
  [
    "blurry blurred blurrier fuzzy soft softer unfocused smoother dreamy",
    "sharpness",
    -1,
    "state",
    SOFT_CONTRAST,
  ],
  ["oversharpened", "sharpness", -1, "state", { fixed: true }],
  ["sharpness detail details definition clarity", "sharpness", 1, "noun"],
  ["blur blurriness softness", "sharpness", -1, "noun", { defect: true }],
  ["denoise degrain", "noise", -1, "verb"],
  ["noisy grainy grainier speckled", "noise", 1, "state"],
  ["noise grain graininess speckle", "noise", 1, "noun", { defect: true }],
  ["pixelate mosaic censor", "pixelation", 1, "verb"],
  ["depixelate", "pixelation", -1, "verb"],
  ["pixelated blocky", "pixelation", 1, "state"],
  ["pixelation", "pixelation", 1, "noun", { defect: true }],
];

const BY_KIND: ReadonlyMap<string, AxisEntry> = new Map(
  ROWS.flatMap(([words, axis, polarity, kind, extra]) =>
    words.split(" ").map((w) => [`${kind}:${w}`, { axis, polarity, kind, ...extra }] as const),
  ),
);

/** Words whose adjective reading must not apply when used as a verb ("clear the noise"). */
const VERB_ONLY = new Set(["clear", "light"]);
const NOUN_TAGS = new Set(["NOUN", "PROPN"]);

/** The axis entry for a word, preferring the reading that matches its part of speech. */
export function axisEntry(value: string, lemma: string, pos: string): AxisEntry | null {
  const order: ReadonlyArray<AxisEntry["kind"]> = NOUN_TAGS.has(pos)
    ? ["noun", "state", "verb"]
    : pos === "VERB"
      ? ["verb", "state", "noun"]
      : ["state", "verb", "noun"];
  const stems = wordStems(value, lemma);
  for (const kind of order) {
    if (kind === "state" && pos === "VERB" && VERB_ONLY.has(value)) continue;
    for (const stem of stems) {
      const entry = BY_KIND.get(`${kind}:${stem}`);
      if (entry) return entry;
    }
  }
  return null;
}
