import { type ChildProcess, spawn } from "node:child_process";
import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { parquetReadObjects } from "hyparquet";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { writeDataset } from "./curate-fixtures.js";

/**
 * Crash safety of the real CLI: the process is killed with SIGKILL mid-run, rerun, and its outputs compared with
 * an uninterrupted run. Uses the default `checks` judge; its abstentions are deterministic rejections.
 */
const REPO = resolve(import.meta.dirname, "../..");
const ENTRY =
  'import("./src/cli/main.ts").then(async (m) => { process.exitCode = await m.main(process.argv); })';

let dir = "";
let data = "";
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), "ej-crash-"));
  data = await writeDataset(dir, 24);
});
afterAll(() => rm(dir, { recursive: true, force: true }));

interface Exit {
  code: number | null;
  signal: NodeJS.Signals | null;
  stderr: string;
}

/** Runs `editjudge curate`; `killAfterCommits` sends SIGKILL once that many batches are reported on stderr. */
function curate(
  out: string,
  options: { env?: Record<string, string>; killAfterCommits?: number } = {},
): Promise<Exit> {
  const args = [
    "--import",
    "tsx",
    "-e",
    ENTRY,
    "--",
    "editjudge",
    "curate",
    data,
    out,
    // Rows the checks judge gives more than 0.01 are kept: both outputs get rows.
    "--min-reward",
    "0.01",
  ];
  const child: ChildProcess = spawn(process.execPath, [...args, "--batch-size", "2", "--concurrency", "2"], {
    cwd: REPO,
    env: { ...process.env, ...options.env },
    stdio: ["ignore", "ignore", "pipe"],
  });
  let stderr = "";
  child.stderr?.on("data", (chunk: Buffer) => {
    stderr += chunk.toString();
    const commits = stderr.match(/^curate: committed/gm)?.length ?? 0;
    if (options.killAfterCommits !== undefined && commits >= options.killAfterCommits) child.kill("SIGKILL");
  });
  return new Promise((done) => child.on("exit", (code, signal) => done({ code, signal, stderr })));
}

async function rows(out: string): Promise<string[]> {
  if (out.endsWith(".parquet"))
    return [...(await parquetRows(out)), ...(await parquetRows(`${out}.rejects.parquet`))];
  const text = `${await readFile(out, "utf8")}${await readFile(`${out}.rejects.jsonl`, "utf8")}`;
  return text.split("\n").filter((l) => l.length > 0);
}

/** A Parquet output's rows as JSON lines (bigints as numbers, image bytes as hex), as curate reads them back. */
async function parquetRows(path: string): Promise<string[]> {
  const buffer = await readFile(path);
  const file = buffer.buffer.slice(buffer.byteOffset, buffer.byteOffset + buffer.byteLength);
  const read = await parquetReadObjects({ file, utf8: false });
  return read.map((row) =>
    JSON.stringify(row, (_key, v: unknown) =>
      typeof v === "bigint" ? Number(v) : v instanceof Uint8Array ? Buffer.from(v).toString("hex") : v,
    ),
  );
}

function expectSameRows(got: string[], want: string[]): void {
  const ids = got.map((l) => (JSON.parse(l) as { row: number }).row);
  expect(new Set(ids).size).toBe(ids.length);
  expect([...got].sort()).toEqual([...want].sort());
}

// Parquet buffers a batch's rows until its row group is written, so its kill points are between the two files'
// row groups and after a commit.
describe.each([
  [".jsonl", ["mid-write:1", "after-commit:2"]],
  [".parquet", ["between-files:1", "after-commit:2"]],
])("editjudge curate survives SIGKILL (OUT%s)", (ext, faults) => {
  let reference: string[] = [];

  beforeAll(async () => {
    const out = join(dir, `reference${ext}`);
    const run = await curate(out);
    expect(run.code, run.stderr).toBe(0);
    reference = await rows(out);
    expect(reference.length).toBe(24);
  }, 120_000);

  it.each(faults)(
    "killed by SIGKILL at %s, then rerun",
    async (fault) => {
      const out = join(dir, `fault-${fault.replace(":", "-")}${ext}`);
      const crashed = await curate(out, { env: { EDITJUDGE_CURATE_FAULT: fault } });
      expect(crashed.signal).toBe("SIGKILL");
      const resumed = await curate(out);
      expect(resumed.code, resumed.stderr).toBe(0);
      expectSameRows(await rows(out), reference);
    },
    120_000,
  );

  it("killed from outside after two committed batches, then rerun", async () => {
    const out = join(dir, `external${ext}`);
    const crashed = await curate(out, { killAfterCommits: 2 });
    expect(crashed.signal).toBe("SIGKILL");
    expect((await rows(out).catch(() => [])).length).toBeLessThan(24);
    const resumed = await curate(out);
    expect(resumed.code, resumed.stderr).toBe(0);
    expectSameRows(await rows(out), reference);
  }, 120_000);
});
