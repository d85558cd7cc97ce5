import type { OcrLine } from "./content-types.js";

/** Upper-case letters and digits, words separated by one space: what text comparisons see. */
export function normalizeText(text: string): string {
  return text
    .toUpperCase()
    .replace(/[^\p{L}\p{N}]+/gu, " ")
    .trim();
}

/** Levenshtein distance (insertions, deletions, substitutions all cost 1). */
export function editDistance(a: string, b: string): number {
  if (a === b) return 0;
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const row = [i];
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      row.push(Math.min((prev[j] as number) + 1, (row[j - 1] as number) + 1, (prev[j - 1] as number) + cost));
    }
    prev = row;
  }
  return prev[b.length] as number;
}

export interface TextMatch {
  line: OcrLine;
  /** The words of the line that matched best. */
  matched: string;
  distance: number;
  /** 1 − distance / length of the longer string, in [0,1]. */
  similarity: number;
}

/**
 * The OCR line (or run of words within it) closest to `target`. Spaces are ignored, because OCR
 * often merges or splits words. Returns null when there are no lines.
 */
export function bestTextMatch(lines: readonly OcrLine[], target: string): TextMatch | null {
  const want = normalizeText(target).replace(/ /g, "");
  const wantWords = normalizeText(target).split(" ").length;
  let best: TextMatch | null = null;
  for (const line of lines) {
    const words = normalizeText(line.text).split(" ").filter(Boolean);
    for (let size = Math.max(1, wantWords - 1); size <= wantWords + 1; size++) {
      for (let start = 0; start + Math.min(size, words.length) <= words.length; start++) {
        const matched = words.slice(start, start + size).join(" ");
        const distance = editDistance(matched.replace(/ /g, ""), want);
        const similarity = 1 - distance / Math.max(want.length, matched.replace(/ /g, "").length, 1);
        if (
          !best ||
          distance < best.distance ||
          (distance === best.distance && line.confidence > best.line.confidence)
        )
          best = { line, matched, distance, similarity };
        if (size >= words.length) break;
      }
    }
  }
  return best;
}

/** How many OCR edits still count as the requested text: one per `charsPerEdit` characters. */
export function allowedEdits(target: string, charsPerEdit: number): number {
  return Math.floor(normalizeText(target).replace(/ /g, "").length / charsPerEdit);
}
