import { kendallTauB, pearson, spearman } from "../metrics/correlation.js";
import { fisherZAverage } from "../metrics/fisher-z.js";
import type { BenchDataset } from "./bench-item.js";
import type { ItemOutcome } from "./item-outcome.js";
import type { CorrelationReport } from "./judge-report.js";

const FUNCTIONS = { spearman, "kendall-tau-b": kendallTauB, pearson } as const;

/** (judge, human) score pairs of single-candidate score items; abstentions are left out. */
function scorePairs(
  outcomes: readonly ItemOutcome[],
  dataset: BenchDataset,
): Array<{ category: string; judge: number; human: number }> {
  const human = new Map(dataset.items.map((i) => [i.id, i.human]));
  const out: Array<{ category: string; judge: number; human: number }> = [];
  for (const o of outcomes) {
    const label = human.get(o.id);
    if (label?.kind !== "scores" || o.abstained) continue;
    for (const [k, h] of label.scores.entries()) {
      const j = o.scores[k];
      if (typeof j === "number") out.push({ category: o.category, judge: j, human: h });
    }
  }
  return out;
}

const orNull = (x: number) => (Number.isFinite(x) ? x : null);

/** A correlation per category, their Fisher-z average, and the pooled correlation. */
export function correlationReport(
  outcomes: readonly ItemOutcome[],
  dataset: BenchDataset,
  kind: keyof typeof FUNCTIONS,
): CorrelationReport {
  const f = FUNCTIONS[kind];
  const rows = scorePairs(outcomes, dataset);
  const perCategory: Record<string, number | null> = {};
  for (const category of [...new Set(rows.map((r) => r.category))].sort()) {
    const sub = rows.filter((r) => r.category === category);
    perCategory[category] = orNull(
      f(
        sub.map((r) => r.judge),
        sub.map((r) => r.human),
      ),
    );
  }
  return {
    perCategory,
    fisherZAverage: orNull(fisherZAverage(Object.values(perCategory).map((r) => r ?? Number.NaN))),
    pooled: orNull(
      f(
        rows.map((r) => r.judge),
        rows.map((r) => r.human),
      ),
    ),
  };
}

/** The ImagenHub headline: Spearman per category (editing model), averaged through Fisher z. */
export function spearmanFisherZ(outcomes: readonly ItemOutcome[], dataset: BenchDataset): number {
  return correlationReport(outcomes, dataset, "spearman").fisherZAverage ?? Number.NaN;
}
