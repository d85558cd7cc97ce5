import type { HumanLabel } from "../bench-item.js";
import { cellText } from "./cells.js";
import { parseRanking } from "./parse-ranking.js";
import { parseHumanVote, voteToLabel } from "./vote4.js";

/**
 * The human label of a generic row, from the first field present:
 * `preferred` (0 | 1 | "tie"), `ranking` ("C>A>B" or tiers [[2],[0,1]]), `human_vote` / `vote_type`
 * (GenAI-Bench classes) or `scores` (one human score per candidate). Returns an error text otherwise.
 */
export function labelFromRow(row: Record<string, unknown>, candidateCount: number): HumanLabel | string {
  const preferred = row.preferred;
  if (preferred !== undefined && preferred !== null) {
    const p = typeof preferred === "bigint" ? Number(preferred) : preferred;
    if (p === 0) return { kind: "ranking", tiers: [[0], [1]] };
    if (p === 1) return { kind: "ranking", tiers: [[1], [0]] };
    if (p === "tie") return { kind: "ranking", tiers: [[0, 1]] };
    return `"preferred" must be 0, 1 or "tie", got ${JSON.stringify(String(p))}`;
  }
  if (row.ranking !== undefined && row.ranking !== null) {
    const label = Array.isArray(row.ranking)
      ? {
          kind: "ranking" as const,
          tiers: (row.ranking as unknown[]).map((t) => (Array.isArray(t) ? t.map(Number) : [Number(t)])),
        }
      : parseRanking(cellText(row.ranking) ?? "");
    const flat = label?.tiers.flat() ?? [];
    const valid =
      flat.length === candidateCount &&
      flat.every((i) => Number.isInteger(i) && i >= 0 && i < candidateCount);
    return label && valid && new Set(flat).size === flat.length
      ? label
      : `"ranking" must rank all ${candidateCount} candidates, e.g. "B>A" or [[1],[0]]`;
  }
  const vote = row.human_vote ?? row.vote_type;
  if (vote !== undefined && vote !== null) {
    const v = parseHumanVote(cellText(vote));
    return v
      ? voteToLabel(v)
      : `unknown vote ${JSON.stringify(cellText(vote))}; expected leftvote, rightvote, tievote or bothbad_vote`;
  }
  if (Array.isArray(row.scores) || ArrayBuffer.isView(row.scores)) {
    const scores = Array.from(row.scores as ArrayLike<unknown>, Number);
    return scores.length === candidateCount && scores.every(Number.isFinite)
      ? { kind: "scores", scores }
      : `"scores" must hold one finite number per candidate (${candidateCount})`;
  }
  return 'no human label; give one of "preferred", "ranking", "human_vote"/"vote_type" or "scores"';
}
