import type { BenchRun } from "../bench/run-bench.js";

const pct = (x: number | null | undefined) =>
  x === null || x === undefined ? "   n/a" : `${(x * 100).toFixed(2)}`.padStart(6);
const num = (x: number | null | undefined) => (x === null || x === undefined ? "n/a" : x.toFixed(4));

/** The human-readable summary `editjudge bench` prints: per judge, the primary metric and categories. */
export function renderBenchText(run: BenchRun): string {
  const lines: string[] = [
    `${run.dataset.format}: ${run.dataset.items.length} items, primary metric ${run.dataset.primaryMetric}`,
  ];
  for (const { report: r } of run.runs) {
    const ci = r.primary.ci95;
    const value = r.accuracy === null ? num(r.primary.value) : `${pct(r.primary.value).trim()}%`;
    const interval = ci
      ? r.accuracy === null
        ? ` [${num(ci.low)}, ${num(ci.high)}]`
        : ` [${pct(ci.low).trim()}, ${pct(ci.high).trim()}]`
      : "";
    lines.push("");
    lines.push(
      `judge ${r.judge} (${r.source}): ${r.primary.metric} ${value}${interval}  abstained ${r.abstained}/${r.n}  model ties ${r.ties}`,
    );
    const m = r.metrics;
    for (const key of [
      "pairwise-strict",
      "pairwise-ties-excluded",
      "pairwise-human-ties-excluded",
    ] as const) {
      const a = m[key];
      if (a) lines.push(`  ${key.padEnd(36)} ${pct(a.accuracy)}%  (${a.correct}/${a.n})`);
    }
    const tuned = m["accuracy-with-ties-tuned-threshold"];
    if (tuned)
      lines.push(
        `  ${"accuracy-with-ties-tuned-threshold".padEnd(36)} ${pct(tuned.accuracy)}%  (ε = ${tuned.threshold === null || tuned.threshold === undefined ? "none" : epsilon(tuned.threshold)})`,
      );
    for (const [k, g] of Object.entries(m["group-accuracy"] ?? {}))
      lines.push(`  ${`group-accuracy ${k}`.padEnd(36)} ${pct(g.accuracy)}%  (${g.correct}/${g.n})`);
    const twoPair = m["group-accuracy-2pair-tuned-tie"];
    if (twoPair)
      lines.push(
        `  ${"group-accuracy K=2, tuned tie ε".padEnd(36)} ${pct(twoPair.accuracy)}%  (${twoPair.correct}/${twoPair.n}, ε = ${epsilon(twoPair.epsilon)}; EditReward's convention)`,
      );
    for (const key of ["spearman", "kendall-tau-b", "pearson"] as const) {
      const c = m[key];
      if (c)
        lines.push(`  ${key.padEnd(14)} Fisher-z average ${num(c.fisherZAverage)}  pooled ${num(c.pooled)}`);
    }
    lines.push(
      `  ${"category".padEnd(24)} ${"n".padStart(5)} ${"value".padStart(8)} ${"95% CI".padStart(17)} ${"ties".padStart(5)} ${"abst".padStart(5)}`,
    );
    for (const [cat, c] of Object.entries(r.byCategory)) {
      const civ = c.ci95 ? `${num(c.ci95.low)}–${num(c.ci95.high)}` : "n/a";
      lines.push(
        `  ${cat.padEnd(24)} ${String(c.n).padStart(5)} ${num(c.accuracy).padStart(8)} ${civ.padStart(17)} ${String(c.ties).padStart(5)} ${String(c.abstained).padStart(5)}`,
      );
    }
  }
  return `${lines.join("\n")}\n`;
}

/** A tuned threshold as read: six significant digits (0.744346, not 0.7443460000000001). */
export function epsilon(x: number): string {
  return String(Number(x.toPrecision(6)));
}
