/**
 * Words that say which way a property noun should move: "increase the contrast", "less saturation",
 * "remove the grain", "fix the white balance" (no direction).
 */
export type DirectionWord = "up" | "down" | "remove" | "repair" | "neutral";

const TABLE: ReadonlyArray<readonly [DirectionWord, string]> = [
  [
    "up",
    "more increase boost raise add higher high up enhance improve bump crank pump amplify intensify strengthen stronger strong heighten maximize maximise extra lot lots plenty heavy heavier greater lift push apply need lack miss want use much big bigger deepen give",
  ],
  [
    "down",
    "less decrease reduce lower low down cut drop lessen tone weaken weaker weak minimize minimise diminish subtle subtler fewer little dial back small smaller gentle gentler tame calm pull soften",
  ],
  ["remove", "remove eliminate kill rid strip clean clear lose neutralize neutralise cancel undo erase"],
  ["repair", "fix correct repair counteract counter compensate"],
  ["neutral", "adjust change modify tweak edit alter set tune"],
];

const WORDS: ReadonlyMap<string, DirectionWord> = new Map(
  TABLE.flatMap(([dir, words]) => words.split(" ").map((w) => [w, dir] as const)),
);

/** Direction words that describe a state ("the contrast is low") and so flip in a complaint. */
export const STATE_DIRECTION_WORDS: ReadonlySet<string> = new Set(
  "high low strong weak heavy much little big small subtle gentle lot lots plenty".split(" "),
);

export function directionWord(value: string, lemma: string): DirectionWord | null {
  return WORDS.get(value) ?? WORDS.get(lemma) ?? null;
}
