import type { ItemOutcome } from "../bench/item-outcome.js";
import { escapeHtml } from "./html-escape.js";

const CLASSES = ["A>B", "B>A", "A=B=Good", "A=B=Bad"] as const;

/**
 * A 4-class confusion table (rows: human vote, columns: judge vote, plus abstentions), shown instead of
 * a reliability plot for judges that give votes rather than rewards. Diagonal cells carry class "hit".
 */
export function voteConfusionTable(outcomes: readonly ItemOutcome[]): string {
  const rows = CLASSES.map((human) => {
    const subset = outcomes.filter((o) => o.humanVote === human);
    const cells = [...CLASSES, null].map((judged) => {
      const n = subset.filter((o) => o.predictedVote === judged).length;
      return `<td class="${judged === human ? "hit" : ""}">${n}</td>`;
    });
    return `<tr><th>${escapeHtml(human)}</th>${cells.join("")}</tr>`;
  });
  return `<table class="confusion"><caption>human vote (rows) × judge vote (columns)</caption><thead><tr><th></th>${CLASSES.map((c) => `<th>${escapeHtml(c)}</th>`).join("")}<th>abstained</th></tr></thead><tbody>${rows.join("")}</tbody></table>`;
}
