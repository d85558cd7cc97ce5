import type { HumanLabel } from "../bench-item.js";

/**
 * Parses a ranking string over candidate letters into tiers, best first:
 * "A>B" → [[0],[1]], "B>A" / "A<B" → [[1],[0]], "C>A>B" → [[2],[0],[1]], "A=B=Good" → [[0,1]] (good tie).
 * `letters` maps letters to candidate indices (default A→0, B→1, …). Returns null when unreadable.
 */
export function parseRanking(
  text: string,
  letters?: readonly string[],
): Extract<HumanLabel, { kind: "ranking" }> | null {
  let s = text.replace(/\s+/g, "").replace(/^\[\[|\]\]$/g, "");
  let tieQuality: "good" | "bad" | undefined;
  const quality = /=(good|bad)$/i.exec(s);
  if (quality) {
    tieQuality = (quality[1] as string).toLowerCase() as "good" | "bad";
    s = s.slice(0, quality.index);
  }
  if (s.includes("<")) {
    if (s.includes(">")) return null;
    s = s.split("<").reverse().join(">");
  }
  const index = (letter: string) => {
    const upper = letter.toUpperCase();
    const i = letters ? letters.indexOf(upper) : upper.charCodeAt(0) - 65;
    return /^[A-Z]$/.test(upper) && i >= 0 ? i : -1;
  };
  const tiers = s.split(">").map((tier) => tier.split("=").map(index));
  const flat = tiers.flat();
  if (flat.length < 2 || flat.some((i) => i < 0) || new Set(flat).size !== flat.length) return null;
  return tieQuality ? { kind: "ranking", tiers, tieQuality } : { kind: "ranking", tiers };
}
