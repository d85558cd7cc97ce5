import type { EditOp } from "../contract/edit-op.js";
import type { Clause } from "./clauses.js";

/**
 * Small-angle rotation and straightening: "tilt it 12 degrees", "rotate 5° clockwise", "straighten the
 * horizon by 3°", "the horizon is crooked", "level the horizon". Conventions: a bare "rotate N°" or
 * "tilt N°" turns clockwise, like a bare "rotate 90"; a negative angle or "counter-clockwise" / "left"
 * turns the other way; straightening does not name a sense (the check accepts either) unless a sense
 * word is given. Quarter turns stay with the rotation phrases.
 */
type TiltOp = Extract<EditOp, { op: "tilt" }>;

const TILT_WORDS = new Set(["tilt", "tilted", "tilting", "tilts", "cant", "canted"]);
const STRAIGHTEN_WORDS = new Set([
  "straighten",
  "straightened",
  "straightening",
  "straighter",
  "crooked",
  "askew",
  "wonky",
  "slanted",
  "slanting",
  "lopsided",
  "leans",
  "leaning",
]);
const ROTATE_WORDS = new Set(["rotate", "rotation", "spin", "turn", "rotated", "turned"]);
const LEVEL_OBJECTS = new Set(["horizon", "horizontal", "skyline", "waterline", "shoreline"]);
const NOT_DEGREES = new Set([
  "percent",
  "px",
  "times",
  "pixels",
  "wide",
  "tall",
  "high",
  "levels",
  "colors",
  "colours",
]);

function angle(clause: Clause): number | null {
  for (const [i, w] of clause.words.entries()) {
    if (!/^-?\d+(\.\d+)?$/.test(w.value)) continue;
    if (NOT_DEGREES.has(clause.words[i + 1]?.value ?? "")) continue;
    const n = Number(w.value);
    const prev = clause.words[i - 1]?.value;
    return prev === "-" || prev === "minus" ? -n : n;
  }
  return null;
}

function sense(clause: Clause): boolean | null {
  for (const [i, w] of clause.words.entries()) {
    if (w.value === "clockwise" || w.value === "cw") return true;
    if (w.value === "counterclockwise" || w.value === "anticlockwise" || w.value === "ccw") return false;
    const next = clause.words[i + 1]?.value ?? "";
    if (
      (w.value === "left" || w.value === "right") &&
      !["side", "half", "third", "corner", "edge"].includes(next)
    )
      return w.value === "right";
  }
  return null;
}

/** A small-angle rotation or straightening in the clause, or null. */
export function findTilt(clause: Clause): TiltOp | null {
  const words = clause.words;
  const values = words.map((w) => w.value);
  const tilt = words.find((w) => TILT_WORDS.has(w.value) || TILT_WORDS.has(w.lemma));
  const straighten = words.find(
    (w) =>
      STRAIGHTEN_WORDS.has(w.value) ||
      STRAIGHTEN_WORDS.has(w.lemma) ||
      (["level", "straight", "even"].includes(w.value) && values.some((v) => LEVEL_OBJECTS.has(v))),
  );
  const rotate = words.find((w) => ROTATE_WORDS.has(w.value) || ROTATE_WORDS.has(w.lemma));
  const n = angle(clause);
  const small = n !== null && n !== 0 && Math.abs(n) < 45;
  const trigger = straighten ?? tilt ?? (rotate && small && values.includes("degrees") ? rotate : undefined);
  if (!trigger || trigger.negated) return null;
  if (n !== null && !small && !straighten && !tilt) return null;
  const said = sense(clause);
  const degrees = small ? Math.abs(n) : null;
  const negative = small && n < 0;
  // "the horizon is tilted" / "it's crooked": a complaint, asks to straighten.
  const straightening = straighten !== undefined || (tilt !== undefined && clause.mood === "complaint");
  let clockwise: boolean | null = said ?? (straightening ? null : true);
  if (negative && clockwise !== null) clockwise = !clockwise;
  return { op: "tilt", degrees, clockwise };
}
