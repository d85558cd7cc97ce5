/**
 * Accuracy tables of a development benchmark by family, delivery and distractor, from the pairs file
 * and `editjudge bench --json --rows` output. See docs/dev-bench.md.
 *
 *   npx tsx scripts/dev-bench-tables.ts .devbench-im/pairs.jsonl .devbench-im/rows.json
 */
import { readFile } from "node:fs/promises";

function fail(message: string): never {
  process.stderr.write(`dev-bench-tables: ${message}\n`);
  process.exit(2);
}

interface Row {
  id: string;
  outcome: string;
}

async function main(): Promise<void> {
  const [pairsFile, rowsFile] = process.argv.slice(2);
  if (!pairsFile || !rowsFile) fail("usage: dev-bench-tables PAIRS.jsonl ROWS.json");
  const pairs = new Map<string, Record<string, unknown>>();
  for (const line of (await readFile(pairsFile, "utf8")).split("\n")) {
    if (!line.trim()) continue;
    const p = JSON.parse(line) as Record<string, unknown>;
    pairs.set(String(p.id), p);
  }
  const parsed = JSON.parse(await readFile(rowsFile, "utf8")) as { rows?: Row[]; accuracy?: number };
  if (!Array.isArray(parsed.rows)) fail(`${rowsFile}: no "rows"; run bench with --json --rows`);
  const rows = parsed.rows;
  const table = (field: string) => {
    const groups = new Map<string, { n: number; correct: number; ties: number }>();
    for (const r of rows) {
      const key = String(pairs.get(r.id)?.[field] ?? "?");
      const g = groups.get(key) ?? { n: 0, correct: 0, ties: 0 };
      g.n++;
      if (r.outcome === "correct") g.correct++;
      if (r.outcome === "tie") g.ties++;
      groups.set(key, g);
    }
    process.stdout.write(`\nby ${field}\n`);
    for (const [key, g] of [...groups.entries()].sort())
      process.stdout.write(
        `  ${key.padEnd(18)} ${String(g.n).padStart(4)}  ${(g.correct / g.n).toFixed(3)}${g.ties ? `  (${g.ties} ties)` : ""}\n`,
      );
  };
  const correct = rows.filter((r) => r.outcome === "correct").length;
  process.stdout.write(`overall ${rows.length} pairs, accuracy ${(correct / rows.length).toFixed(4)}\n`);
  for (const field of ["category", "delivery", "distractor"]) table(field);
}

main().catch((error: unknown) => fail(error instanceof Error ? error.message : String(error)));
