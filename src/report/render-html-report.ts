import type { BenchItem } from "../bench/bench-item.js";
import type { BenchRun, JudgeRun } from "../bench/run-bench.js";
import { escapeHtml } from "./html-escape.js";
import { humanGoodness } from "./human-goodness.js";
import { epsilon } from "./render-bench-text.js";
import { REPORT_CSS } from "./report-css.js";
import { svgBarChart } from "./svg-bar-chart.js";
import { calibrationBins, svgCalibration } from "./svg-calibration.js";
import { svgColumns, svgHistogram } from "./svg-histogram.js";
import { voteConfusionTable } from "./vote-confusion.js";

/** Image data URIs by item id: [source, ...candidates]; items without images are absent. */
export type Thumbnails = ReadonlyMap<string, readonly string[]>;

const pct = (x: number | null | undefined) =>
  typeof x === "number" && Number.isFinite(x) ? `${(x * 100).toFixed(2)}%` : "n/a";
const fix = (x: number | null | undefined) =>
  typeof x === "number" && Number.isFinite(x) ? x.toFixed(4) : "n/a";

function labelText(item: BenchItem): string {
  if (item.human.kind === "scores") return item.human.scores.map((s) => s.toFixed(2)).join(", ");
  const names = item.candidateNames;
  const tiers = item.human.tiers.map((t) => t.map((c) => names[c] ?? String(c)).join(" = ")).join(" > ");
  return item.human.tieQuality ? `${tiers} (${item.human.tieQuality})` : tiers;
}

function summaryRow(run: JudgeRun): string {
  const r = run.report;
  const percent = r.accuracy !== null;
  const ci = r.primary.ci95;
  const ciText = ci
    ? `${percent ? pct(ci.low) : fix(ci.low)} – ${percent ? pct(ci.high) : fix(ci.high)}`
    : "n/a";
  const tuned = r.metrics["accuracy-with-ties-tuned-threshold"];
  return `<tr><td>${escapeHtml(r.judge)}</td><td>${r.source}</td><td>${percent ? pct(r.primary.value) : fix(r.primary.value)}</td><td>${ciText}</td><td>${pct(r.metrics["pairwise-strict"]?.accuracy)}</td><td>${pct(r.metrics["pairwise-ties-excluded"]?.accuracy)}</td><td>${tuned ? `${pct(tuned.accuracy)} (ε=${tuned.threshold === null || tuned.threshold === undefined ? "none" : epsilon(tuned.threshold)})` : "n/a"}</td><td>${pct(r.abstentionRate)}</td><td>${r.ties}</td></tr>`;
}

function judgeSection(run: JudgeRun, items: ReadonlyMap<string, BenchItem>, thumbs: Thumbnails): string {
  const r = run.report;
  const percent = r.accuracy !== null;
  const bars = Object.entries(r.byCategory).map(([label, c]) => ({
    label: `${label} (n=${c.n})`,
    value: c.accuracy,
    low: c.ci95?.low ?? null,
    high: c.ci95?.high ?? null,
  }));
  const chart = svgBarChart(bars, {
    title: `${r.primary.metric} by category, 95% CI`,
    min: percent ? 0 : -1,
    max: 1,
    percent,
  });
  const rewards = run.outcomes.flatMap((o) => o.scores.filter((s): s is number => typeof s === "number"));
  const votes = [...run.predictions.values()].filter((p) => p.kind === "vote");
  const histogram =
    votes.length > 0
      ? svgColumns(
          ["A>B", "B>A", "A=B=Good", "A=B=Bad", null].map((v) => ({
            label: v ?? "null",
            count: votes.filter((p) => p.kind === "vote" && p.vote === v).length,
          })),
          "stored verdicts",
        )
      : svgHistogram(rewards, `reward histogram (${rewards.length} candidates)`);
  const points = run.outcomes.flatMap((o) => {
    const item = items.get(o.id);
    if (!item) return [];
    const good = humanGoodness(item.human);
    return o.scores.flatMap((s, k) =>
      typeof s === "number" && good[k] !== undefined ? [{ predicted: s, observed: good[k] as number }] : [],
    );
  });
  const calibration =
    points.length > 0
      ? svgCalibration(calibrationBins(points), "reliability: reward vs human goodness")
      : run.outcomes.some((o) => o.humanVote !== null)
        ? voteConfusionTable(run.outcomes)
        : '<p class="na">No per-candidate rewards: no reliability plot.</p>';
  const wrong = run.outcomes
    .filter((o) => o.voteCorrect === false || (o.voteCorrect === null && o.allPairsCorrect === false))
    .slice(0, 25);
  const rows = wrong.map((o) => {
    const item = items.get(o.id);
    const images = (thumbs.get(o.id) ?? []).flatMap(
      (src, k) =>
        `<figure><img src="${src}" alt=""><figcaption>${escapeHtml(k === 0 ? "source" : (item?.candidateNames[k - 1] ?? ""))}</figcaption></figure>`,
    );
    const judged =
      o.predictedVote && o.scores.length === 0
        ? o.predictedVote
        : o.scores.map((s) => (s === null ? "null" : s.toFixed(3))).join(", ");
    return `<tr class="disagreement"><td>${escapeHtml(o.id)}</td><td>${escapeHtml(item?.instruction ?? "")}</td><td>${escapeHtml(item ? labelText(item) : "")}</td><td>${escapeHtml(judged || "abstained")}${o.error ? `<br><small>${escapeHtml(o.error)}</small>` : ""}</td><td><div class="images">${images.join("") || '<span class="na">no images</span>'}</div></td></tr>`;
  });
  return `<section class="judge"><h2>${escapeHtml(r.judge)} <small>(${r.source})</small></h2><div class="plots">${chart}${histogram}${calibration}</div>
<h3>Disagreements (first ${wrong.length})</h3><table class="disagreements"><thead><tr><th>item</th><th>instruction</th><th>humans</th><th>judge</th><th>images</th></tr></thead><tbody>${rows.join("") || '<tr><td colspan="5">none</td></tr>'}</tbody></table></section>`;
}

/** One self-contained HTML page (inline CSS and SVG, images as data URIs; no scripts, no network). */
export function renderHtmlReport(run: BenchRun, thumbs: Thumbnails, generatedAt: string): string {
  const items = new Map(run.dataset.items.map((i) => [i.id, i]));
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>EditJudge benchmark: ${escapeHtml(run.dataset.format)}</title><style>${REPORT_CSS}</style></head><body>
<h1>EditJudge benchmark report</h1><p>Format <b>${escapeHtml(run.dataset.format)}</b>, ${run.dataset.items.length} items, primary metric <b>${run.dataset.primaryMetric}</b>. Generated ${escapeHtml(generatedAt)}. Conventions: docs/benchmarks.md.</p>
<table class="summary"><thead><tr><th>judge</th><th>source</th><th>primary</th><th>95% CI</th><th>pairwise-strict</th><th>pairwise-ties-excluded</th><th>accuracy-with-ties (tuned ε)</th><th>abstention rate</th><th>model ties</th></tr></thead><tbody>${run.runs.map(summaryRow).join("")}</tbody></table>
${run.runs.map((r) => judgeSection(r, items, thumbs)).join("\n")}
</body></html>
`;
}
