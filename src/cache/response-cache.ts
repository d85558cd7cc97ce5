import { mkdirSync } from "node:fs";
import { dirname } from "node:path";
import Database from "better-sqlite3";
import type { ChatResponse } from "../contract/backend.js";

/** Where successful backend responses are kept. Errors are never stored. */
export interface ResponseCache {
  get(key: string): ChatResponse | undefined;
  set(key: string, response: ChatResponse): void;
  delete(key: string): void;
  close(): void;
}

/** A persistent SQLite cache (one table, key → response JSON). Use ":memory:" for a throwaway one. */
export class SqliteResponseCache implements ResponseCache {
  readonly #db: Database.Database;
  readonly #get: Database.Statement<[string], { value: string }>;
  readonly #set: Database.Statement<[string, string, number]>;
  readonly #delete: Database.Statement<[string]>;

  constructor(path: string) {
    if (path !== ":memory:") mkdirSync(dirname(path), { recursive: true });
    this.#db = new Database(path);
    this.#db.pragma("journal_mode = WAL");
    this.#db.pragma("busy_timeout = 5000");
    this.#db.exec(
      "CREATE TABLE IF NOT EXISTS responses (key TEXT PRIMARY KEY, value TEXT NOT NULL, created_at INTEGER NOT NULL)",
    );
    this.#get = this.#db.prepare("SELECT value FROM responses WHERE key = ?");
    this.#set = this.#db.prepare(
      "INSERT OR REPLACE INTO responses (key, value, created_at) VALUES (?, ?, ?)",
    );
    this.#delete = this.#db.prepare("DELETE FROM responses WHERE key = ?");
  }

  delete(key: string): void {
    this.#delete.run(key);
  }

  get(key: string): ChatResponse | undefined {
    const row = this.#get.get(key);
    if (!row) return undefined;
    return { ...(JSON.parse(row.value) as ChatResponse), cached: true };
  }

  set(key: string, response: ChatResponse): void {
    this.#set.run(key, JSON.stringify({ ...response, cached: false }), Date.now());
  }

  close(): void {
    if (this.#db.open) this.#db.close();
  }
}
