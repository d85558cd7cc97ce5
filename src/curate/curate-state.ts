import { statSync } from "node:fs";
import Database from "better-sqlite3";
import { ConfigError } from "../errors/config-error.js";
import { EditJudgeError } from "../errors/editjudge-error.js";

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
    try {
      return CurateState.#setUp(db, path, fingerprint, startOver);
    } catch (error) {
      db.close();
      throw stateError(path, error);
    }
  }

  static #setUp(
    db: Database.Database,
    path: string,
    fingerprint: string,
    startOver: boolean,
  ): { state: CurateState; progress: CurateProgress; resumed: boolean } {
    db.exec(`CREATE TABLE IF NOT EXISTS run (id INTEGER PRIMARY KEY CHECK (id = 1), fingerprint TEXT NOT NULL,
      next_index INTEGER NOT NULL, kept_bytes INTEGER NOT NULL, rejected_bytes INTEGER NOT NULL,
      kept INTEGER NOT NULL, rejected INTEGER NOT NULL, done INTEGER NOT NULL)`);
    db.exec("CREATE TABLE IF NOT EXISTS stops (row INTEGER PRIMARY KEY, runs INTEGER NOT NULL)");
    // A Parquet output's committed row groups (their footer metadata), one per batch, in order.
    db.exec(`CREATE TABLE IF NOT EXISTS row_groups (file TEXT NOT NULL, n INTEGER NOT NULL, meta TEXT NOT NULL,
      PRIMARY KEY (file, n))`);
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
      db.exec("DELETE FROM stops; DELETE FROM row_groups");
      return { state, progress: { ...FRESH }, resumed: false };
    }
    if (same) db.prepare("UPDATE run SET fingerprint = ? WHERE id = 1").run(fingerprint);
    else
      throw new ConfigError(
        "state",
        `resume state ${path} belongs to a run with other settings (${settingsChange(row.fingerprint, fingerprint)}); rerun with the same input, unchanged, and the same judge, --min-reward and --shard, or pass --overwrite to start over`,
      );
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

  /** The Parquet row groups committed to this output file (`kept` or `rejects`), in order. */
  rowGroups(file: string): string[] {
    const rows = this.#db
      .prepare("SELECT meta FROM row_groups WHERE file = ? ORDER BY n")
      .all(file) as Array<{
      meta: string;
    }>;
    return rows.map((r) => r.meta);
  }

  /** Records the batch: the new position and file sizes, and the row groups it added, in one transaction. */
  commit(progress: CurateProgress, rowGroups: ReadonlyArray<{ file: string; meta: string }> = []): void {
    const update = this.#db.prepare(
      "UPDATE run SET next_index = ?, kept_bytes = ?, rejected_bytes = ?, kept = ?, rejected = ?, done = ? WHERE id = 1",
    );
    const insert = this.#db.prepare(
      "INSERT INTO row_groups VALUES (?, (SELECT COUNT(*) FROM row_groups WHERE file = ?), ?)",
    );
    try {
      this.#db.transaction(() => {
        update.run(
          progress.nextIndex,
          progress.keptBytes,
          progress.rejectedBytes,
          progress.kept,
          progress.rejected,
          progress.done ? 1 : 0,
        );
        for (const group of rowGroups) insert.run(group.file, group.file, group.meta);
      })();
    } catch (error) {
      throw stateError(this.#db.name, error);
    }
  }

  close(): void {
    this.#db.close();
  }
}

/** Opens the database and takes its exclusive lock for the connection's lifetime; busy means another run holds it. */
function lockedDatabase(path: string): Database.Database {
  const kind = fileKind(path);
  if (kind !== null)
    throw new ConfigError(
      "state",
      `resume state ${path} is ${kind}, not a state file; give --state a file path (it is created), or move it away`,
    );
  let db: Database.Database;
  try {
    db = new Database(path, { timeout: 0 });
  } catch (error) {
    throw stateError(path, error);
  }
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
    throw stateError(path, error);
  }
}

/** What a path that cannot hold a state is ("a directory"), or null when it is a file or does not exist. */
function fileKind(path: string): string | null {
  try {
    const stat = statSync(path);
    return stat.isFile() ? null : stat.isDirectory() ? "a directory" : "not a regular file";
  } catch {
    return null;
  }
}

/** One line naming the state file and what to do, for SQLite's failures (not a database, disk full, …). */
function stateError(path: string, error: unknown): EditJudgeError {
  if (error instanceof EditJudgeError) return error;
  const code = (error as { code?: string }).code ?? "";
  const named = `resume state ${path}`;
  if (code === "SQLITE_NOTADB")
    return new ConfigError(
      "state",
      `${named} is not an SQLite database (it is some other file); give --state another path, or move the file away if it is not needed`,
    );
  if (code.startsWith("SQLITE_CORRUPT"))
    return new ConfigError(
      "state",
      `${named} is corrupt (${code}); the committed position is lost: move OUT, its rejects and the state away and rerun to start over`,
    );
  if (code === "SQLITE_FULL" || code.startsWith("SQLITE_IOERR"))
    return new EditJudgeError(
      "disk_full",
      `${named}: cannot write it (${code}: ${(error as Error).message}); the committed rows are kept: free space on its disk (or check the disk) and rerun the same command to resume`,
      { cause: error },
    );
  if (code === "SQLITE_CANTOPEN" || code.startsWith("SQLITE_READONLY") || code === "SQLITE_PERM")
    return new ConfigError(
      "state",
      `${named} cannot be opened for writing (${code}); check the permissions of it and its folder, or give --state another path`,
    );
  return new EditJudgeError("state_failed", `${named}: ${code || "error"}: ${(error as Error).message}`, {
    cause: error,
  });
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
