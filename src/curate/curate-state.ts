import Database from "better-sqlite3";
import { ConfigError } from "../errors/config-error.js";

/** What has been durably done: rows before `nextIndex` are written, and the output files end at these sizes. */
export interface CurateProgress {
  nextIndex: number;
  keptBytes: number;
  rejectedBytes: number;
  kept: number;
  rejected: number;
  done: boolean;
}

const FRESH: CurateProgress = {
  nextIndex: 0,
  keptBytes: 0,
  rejectedBytes: 0,
  kept: 0,
  rejected: 0,
  done: false,
};

/**
 * Resume state of one curation run in SQLite. Each batch is committed in one transaction *after* its rows are
 * written and flushed, so after a crash the files are cut back to the committed sizes and work restarts at
 * `nextIndex`: every row ends up in the output exactly once.
 *
 * The state is also the run's lock: it is opened in SQLite's exclusive locking mode and written at once, so the
 * database's write lock is held until `close()` — or until the process dies, when the OS drops it (even after
 * `kill -9`). A second run on the same state fails at open, before it touches any output.
 */
export class CurateState {
  readonly #db: Database.Database;

  private constructor(db: Database.Database) {
    this.#db = db;
  }

  /**
   * Opens or creates the state. A state written for the same settings is resumed (also when written by an older
   * version that recorded fewer of them, all equal); one written for other settings is refused, or with
   * `startOver` reset (after its lock is taken) so the run starts from the first row.
   */
  static open(
    path: string,
    fingerprint: string,
    startOver = false,
  ): { state: CurateState; progress: CurateProgress; resumed: boolean } {
    const db = lockedDatabase(path);
    db.exec(`CREATE TABLE IF NOT EXISTS run (id INTEGER PRIMARY KEY CHECK (id = 1), fingerprint TEXT NOT NULL,
      next_index INTEGER NOT NULL, kept_bytes INTEGER NOT NULL, rejected_bytes INTEGER NOT NULL,
      kept INTEGER NOT NULL, rejected INTEGER NOT NULL, done INTEGER NOT NULL)`);
    db.exec("CREATE TABLE IF NOT EXISTS stops (row INTEGER PRIMARY KEY, runs INTEGER NOT NULL)");
    const row = db.prepare("SELECT * FROM run WHERE id = 1").get() as
      | {
          fingerprint: string;
          next_index: number;
          kept_bytes: number;
          rejected_bytes: number;
          kept: number;
          rejected: number;
          done: number;
        }
      | undefined;
    const state = new CurateState(db);
    const same = row !== undefined && sameRun(row.fingerprint, fingerprint);
    if (!row || (!same && startOver)) {
      db.prepare("INSERT OR REPLACE INTO run VALUES (1, ?, 0, 0, 0, 0, 0, 0)").run(fingerprint);
      db.exec("DELETE FROM stops");
      return { state, progress: { ...FRESH }, resumed: false };
    }
    if (same) db.prepare("UPDATE run SET fingerprint = ? WHERE id = 1").run(fingerprint);
    else {
      db.close();
      throw new ConfigError(
        "state",
        `resume state ${path} belongs to a run with other settings (${settingsChange(row.fingerprint, fingerprint)}); rerun with the same input, unchanged, and the same judge, --min-reward and --shard, or pass --overwrite to start over`,
      );
    }
    return {
      state,
      progress: {
        nextIndex: row.next_index,
        keptBytes: row.kept_bytes,
        rejectedBytes: row.rejected_bytes,
        kept: row.kept,
        rejected: row.rejected,
        done: row.done === 1,
      },
      resumed: true,
    };
  }

  /** How many runs this row has stopped with a model-server failure. */
  stopsAt(row: number): number {
    const found = this.#db.prepare("SELECT runs FROM stops WHERE row = ?").get(row) as
      | { runs: number }
      | undefined;
    return found?.runs ?? 0;
  }

  /** Records that this row stopped the run with a model-server failure. */
  recordStop(row: number): void {
    this.#db
      .prepare("INSERT INTO stops VALUES (?, 1) ON CONFLICT(row) DO UPDATE SET runs = runs + 1")
      .run(row);
  }

  commit(progress: CurateProgress): void {
    this.#db
      .prepare(
        "UPDATE run SET next_index = ?, kept_bytes = ?, rejected_bytes = ?, kept = ?, rejected = ?, done = ? WHERE id = 1",
      )
      .run(
        progress.nextIndex,
        progress.keptBytes,
        progress.rejectedBytes,
        progress.kept,
        progress.rejected,
        progress.done ? 1 : 0,
      );
  }

  close(): void {
    this.#db.close();
  }
}

/** Opens the database and takes its exclusive lock for the connection's lifetime; busy means another run holds it. */
function lockedDatabase(path: string): Database.Database {
  const db = new Database(path, { timeout: 0 });
  try {
    // Exclusive mode must be set before WAL is first used, so no shared-memory index lets other processes in.
    db.pragma("locking_mode = EXCLUSIVE");
    db.pragma("journal_mode = WAL");
    db.pragma("synchronous = FULL");
    db.exec("BEGIN EXCLUSIVE; COMMIT");
    return db;
  } catch (error) {
    db.close();
    if (/^SQLITE_(BUSY|LOCKED)/.test((error as { code?: string }).code ?? ""))
      throw new ConfigError(
        "state",
        `another curate run is using ${path} (its state is locked); wait for it to finish or stop it, or give this run another OUT or --state`,
      );
    throw error;
  }
}

function parseFingerprint(text: string): Record<string, unknown> | null {
  try {
    const value: unknown = JSON.parse(text);
    return value && typeof value === "object" && !Array.isArray(value)
      ? (value as Record<string, unknown>)
      : null;
  } catch {
    return null;
  }
}

/**
 * Whether a stored fingerprint is this run's: equal, or written by an older version that recorded fewer settings
 * (every one it has is equal to now's).
 */
function sameRun(stored: string, now: string): boolean {
  if (stored === now) return true;
  const [a, b] = [parseFingerprint(stored), parseFingerprint(now)];
  if (!a || !b) return false;
  return Object.keys(a).every((k) => k in b && JSON.stringify(a[k]) === JSON.stringify(b[k]));
}

/** What differs between two fingerprints: the changed keys when both are JSON objects, else both whole. */
function settingsChange(before: string, now: string): string {
  const [a, b] = [parseFingerprint(before), parseFingerprint(now)];
  if (!a || !b) return `${before} then, ${now} now`;
  const keys = [...new Set([...Object.keys(a), ...Object.keys(b)])];
  return keys
    .filter((k) => JSON.stringify(a[k]) !== JSON.stringify(b[k]))
    .map((k) => `${k}: ${JSON.stringify(a[k])} then, ${JSON.stringify(b[k])} now`)
    .join("; ");
}
