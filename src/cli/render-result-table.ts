import type { JudgeResult } from "../contract/result.js";
import type { VerdictStatus } from "../contract/verdict.js";

const STATUS: Record<VerdictStatus, string> = { pass: "PASS", fail: "FAIL", abstain: "ABST" };

const fmt = (x: number | null): string => (x === null ? "  —  " : x.toFixed(3));

/** A readable table: principles × candidates with status, score and evidence, then the ranking. */
export function renderResultTable(result: JudgeResult): string {
  const lines: string[] = [];
  lines.push(`Instruction: ${result.instruction}`);
  lines.push(`Judge: ${result.judge.id} ${result.judge.version}`);
  lines.push("");
  lines.push("Principles");
  const idWidth = Math.max(...result.principles.map((p) => p.id.length), 4);
  for (const p of result.principles) {
    const where = p.region ? ` (${p.region.label})` : "";
    lines.push(`  ${p.id.padEnd(idWidth)}  ${p.kind.padEnd(7)}  ${p.text}${where}`);
  }
  // A candidate without a reward has no rank: the ranking lists it last, the table says it is unranked.
  const ranked = result.ranking.filter((index) => result.candidates[index]?.reward != null);
  const unranked = result.ranking.filter((index) => result.candidates[index]?.reward == null);
  const rankOf = new Map(ranked.map((index, rank) => [index, rank + 1] as const));
  for (const c of result.candidates) {
    lines.push("");
    const d = c.dimensions;
    lines.push(
      `Candidate ${c.index + 1}: ${c.name}   reward ${fmt(c.reward)}   rank ${rankOf.get(c.index) ?? "-"}   ` +
        `[follow ${fmt(d.instructionFollowing)} · keep ${fmt(d.preservation)} · quality ${fmt(d.quality)}]`,
    );
    if (c.error) lines.push(`  ERROR ${c.error.code}: ${c.error.message}`);
    if (c.reward === null && c.rewardReason) lines.push(`  no reward: ${c.rewardReason}`);
    for (const v of c.verdicts) {
      const summary = v.status === "abstain" && v.reason ? `abstains: ${v.reason}` : v.evidence.summary;
      lines.push(`  ${STATUS[v.status]}  ${v.principleId.padEnd(idWidth)}  ${fmt(v.score)}  ${summary}`);
      const numbers = Object.entries(v.evidence.measurements)
        .map(
          ([k, value]) =>
            `${k}=${typeof value === "number" ? round(value) : Array.isArray(value) ? `[${value.map(round).join(",")}]` : String(value)}`,
        )
        .join("  ");
      if (numbers) lines.push(`        ${" ".repeat(idWidth)}         ${numbers}`);
    }
  }
  lines.push("");
  lines.push(
    `Ranking: ${
      ranked
        .map((index, rank) => {
          const c = result.candidates[index];
          return `${rank + 1}. ${c?.name ?? index} (${fmt(c?.reward ?? null)})`;
        })
        .join("   ") || "none (no candidate has a reward)"
    }${unranked.length ? `   not ranked (no reward): ${unranked.map((i) => result.candidates[i]?.name ?? i).join(", ")}` : ""}`,
  );
  for (const note of result.notes) lines.push(`Note: ${note}`);
  return `${lines.join("\n")}\n`;
}

function round(x: number): string {
  return Number.isInteger(x) ? String(x) : x.toFixed(Math.abs(x) >= 10 ? 1 : 3);
}
