import { mkdirSync } from "node:fs";
import { dirname } from "node:path";
import Database from "better-sqlite3";
import { InputError } from "../errors/input-error.js";
import type { JudgePrediction } from "./bench-item.js";

/**
 * Persists each item's judgment so an interrupted benchmark run resumes where it stopped.
 * Keyed by a hash of judge id + version + settings, item id and image content hashes (see
 * `judgmentKey`), so a changed judge, setting or image is judged again. Errors are never stored.
 */
export class JudgmentStore {
  readonly #db: Database.Database;
  readonly #get: Database.Statement<[string], { prediction: string }>;
  readonly #put: Database.Statement<[string, string, string, string]>;

  constructor(path: string) {
    try {
      if (path !== ":memory:") mkdirSync(dirname(path), { recursive: true });
      this.#db = new Database(path);
    } catch (error) {
      throw new InputError(
        path,
        `${path}: cannot open the judgment store (${(error as Error).message}); pass another --store path or --no-store`,
        {
          cause: error,
        },
      );
    }
    this.#db.pragma("journal_mode = WAL");
    this.#db.exec(
      "CREATE TABLE IF NOT EXISTS judgments (key TEXT PRIMARY KEY, judge TEXT NOT NULL, item TEXT NOT NULL, prediction TEXT NOT NULL, created_at TEXT NOT NULL DEFAULT (datetime('now')))",
    );
    this.#get = this.#db.prepare("SELECT prediction FROM judgments WHERE key = ?");
    this.#put = this.#db.prepare(
      "INSERT OR REPLACE INTO judgments (key, judge, item, prediction, created_at) VALUES (?, ?, ?, ?, datetime('now'))",
    );
  }

  get(key: string): JudgePrediction | undefined {
    const row = this.#get.get(key);
    return row ? (JSON.parse(row.prediction) as JudgePrediction) : undefined;
  }

  put(key: string, judge: string, item: string, prediction: JudgePrediction): void {
    if (prediction.kind === "scores" && prediction.error !== undefined) return;
    this.#put.run(key, judge, item, JSON.stringify(prediction));
  }

  count(): number {
    return (this.#db.prepare("SELECT count(*) AS n FROM judgments").get() as { n: number }).n;
  }

  close(): void {
    this.#db.close();
  }
}
