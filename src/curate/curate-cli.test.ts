import { type ChildProcess, spawn } from "node:child_process";
import { existsSync } from "node:fs";
import { mkdir, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { writeDataset } from "./curate-fixtures.js";

/**
 * The built CLI (`node bin/editjudge.js curate`, from dist/: run `npm run build` first) on bad arguments, bad
 * input and two runs at once. Each run must end by itself: a startup error that leaves the judge's worker
 * threads running would hang, and the test's timer would kill it.
 */
const REPO = resolve(import.meta.dirname, "../..");
const BIN = join(REPO, "bin/editjudge.js");
const EXIT_WITHIN_MS = 20_000;

let dir = "";
let data = "";
beforeAll(async () => {
  if (!existsSync(join(REPO, "dist/cli/main.js")))
    throw new Error("dist/cli/main.js is missing; run `npm run build` before these tests");
  dir = await mkdtemp(join(tmpdir(), "ej-curate-cli-"));
  data = await writeDataset(dir, 24);
});
afterAll(() => rm(dir, { recursive: true, force: true }));

interface Exit {
  code: number | null;
  signal: NodeJS.Signals | null;
  /** True when the process did not exit by itself within EXIT_WITHIN_MS and was killed. */
  hung: boolean;
  stderr: string;
  stdout: string;
}

interface Run {
  child: ChildProcess;
  exit: Promise<Exit>;
  /** Resolves once `commits` batches are reported on stderr. */
  committed: (commits: number) => Promise<void>;
}

function start(command: string, args: readonly string[], cwd = dir): Run {
  const child = spawn(command, args, { cwd, stdio: ["ignore", "pipe", "pipe"] });
  let stderr = "";
  let stdout = "";
  child.stdout?.on("data", (chunk: Buffer) => {
    stdout += chunk.toString();
  });
  const waiters: Array<{ commits: number; done: () => void }> = [];
  child.stderr?.on("data", (chunk: Buffer) => {
    stderr += chunk.toString();
    const commits = stderr.match(/^curate: committed/gm)?.length ?? 0;
    for (const w of waiters.filter((w) => commits >= w.commits)) w.done();
  });
  let hung = false;
  const timer = setTimeout(() => {
    hung = true;
    child.kill("SIGKILL");
  }, EXIT_WITHIN_MS);
  const exit = new Promise<Exit>((done) =>
    child.on("exit", (code, signal) => {
      clearTimeout(timer);
      done({ code, signal, hung, stderr, stdout });
    }),
  );
  const committed = (commits: number) =>
    new Promise<void>((done, fail) => {
      waiters.push({ commits, done });
      void exit.then((e) => fail(new Error(`curate exited before ${commits} commits: ${e.stderr}`)));
    });
  return { child, exit, committed };
}

const curate = (...args: string[]) => start(process.execPath, [BIN, "curate", ...args]);

async function expectRefused(exit: Exit, message: RegExp): Promise<void> {
  expect(exit.hung, `the process did not exit within ${EXIT_WITHIN_MS} ms: ${exit.stderr}`).toBe(false);
  expect(exit.code, exit.stderr).toBe(2);
  expect(exit.stderr).toMatch(message);
  expect(exit.stderr).not.toMatch(/unexpected error/);
}

/** A 200-row dataset in its own folder of `dir`, and an OUT beside it. */
async function bigRun(folder: string): Promise<{ input: string; out: string }> {
  const big = join(dir, folder);
  await mkdir(big, { recursive: true });
  return { input: await writeDataset(big, 200), out: join(big, "kept.jsonl") };
}

/** OUT and its rejects together hold rows 0 … n−1, each exactly once. */
async function expectEveryRowOnce(out: string, n: number): Promise<void> {
  const lines = `${await readFile(out, "utf8")}${await readFile(`${out}.rejects.jsonl`, "utf8")}`
    .split("\n")
    .filter((l) => l.length > 0);
  const rows = lines.map((l) => (JSON.parse(l) as { row: number }).row);
  expect(rows.length).toBe(n);
  expect(new Set(rows).size).toBe(n);
}

describe("editjudge curate (built CLI)", () => {
  it.each([
    ["3/2", /--shard "3\/2" must be i\/n with 0 ≤ i < n/],
    ["1/0", /--shard "1\/0" must be i\/n/],
  ])(
    "exits with code 2 on --shard %s instead of hanging",
    async (shard, message) => {
      const out = join(dir, `shard-${shard.replace("/", "-")}.jsonl`);
      await expectRefused(await curate(data, out, "--min-reward", "0.5", "--shard", shard).exit, message);
      expect(existsSync(out)).toBe(false);
    },
    30_000,
  );

  it.each([
    ["--min-reward", "", /--min-reward is empty; give a number/],
    ["--min-reward", " ", /--min-reward is empty; give a number/],
    ["--min-reward", "0x1", /--min-reward "0x1" is not a number/],
    ["--min-reward", "2", /--min-reward 2 is outside 0–1, the range of rewards/],
    ["--min-reward", "-0.1", /--min-reward -0.1 is outside 0–1/],
    ["--batch-size", "", /--batch-size is empty/],
    ["--concurrency", " ", /--concurrency is empty/],
  ])(
    "refuses %s %j instead of reading it as a number",
    async (flag, value, message) => {
      const args = ["--min-reward", "0.5", flag, value];
      const exit = await curate(data, join(dir, "numbers.jsonl"), ...args).exit;
      await expectRefused(exit, message);
      expect(existsSync(join(dir, "numbers.jsonl"))).toBe(false);
    },
    30_000,
  );

  it("exits with code 2 on an empty, garbage or directory input and creates no output", async () => {
    const cases: Array<[string, RegExp]> = [
      ["empty.parquet", /IN .*empty\.parquet is not a Parquet file: it is empty/],
      ["garbage.parquet", /IN .*garbage\.parquet is not a Parquet file \(no PAR1 footer\)/],
      ["folder.jsonl", /IN .*folder\.jsonl is a directory/],
      ["missing.jsonl", /IN .*missing\.jsonl does not exist/],
      ["table.csv", /IN .*table\.csv: curate reads \.jsonl .* or \.parquet datasets, not "\.csv"/],
    ];
    await writeFile(join(dir, "empty.parquet"), "");
    await writeFile(join(dir, "garbage.parquet"), "x".repeat(4096));
    await mkdir(join(dir, "folder.jsonl"), { recursive: true });
    await writeFile(join(dir, "table.csv"), "source,instruction,edited\n");
    for (const [input, message] of cases) {
      const out = join(dir, `from-${input}.jsonl`);
      await expectRefused(await curate(join(dir, input), out, "--min-reward", "0.5").exit, message);
      for (const file of [out, `${out}.rejects.jsonl`, `${out}.state.sqlite`])
        expect(existsSync(file), `${file} was created`).toBe(false);
    }
  }, 60_000);

  it("exits with code 2 on a corrupt Parquet input when stderr is a terminal", async () => {
    // `script` (Debian's bsdutils; .ci/run installs it when missing) runs the CLI on a pseudo-terminal, where it
    // counts rows for the progress bar.
    expect(existsSync("/usr/bin/script"), "/usr/bin/script is missing: apt-get install bsdutils").toBe(true);
    await writeFile(join(dir, "tty.parquet"), "x".repeat(4096));
    const command = `${process.execPath} ${BIN} curate tty.parquet tty-out.jsonl --min-reward 0.5`;
    const exit = await start("/usr/bin/script", ["-qec", command, "/dev/null"]).exit;
    expect(exit.hung, "the process did not exit").toBe(false);
    expect(exit.code, exit.stdout).toBe(2);
    expect(exit.stdout).toMatch(/editjudge: IN tty\.parquet is not a Parquet file \(no PAR1 footer\)/);
    expect(existsSync(join(dir, "tty-out.jsonl"))).toBe(false);
  }, 30_000);

  it("stops on SIGINT after the rows in flight with exit code 130 and a note to resume; the rerun completes", async () => {
    const { input, out } = await bigRun("interrupted");
    const run = curate(input, out, "--min-reward", "0.5", "--batch-size", "1", "--concurrency", "1");
    await run.committed(1);
    run.child.kill("SIGINT");
    const stopped = await run.exit;
    expect(stopped.hung, "the process did not exit").toBe(false);
    expect(stopped.code, stopped.stderr).toBe(130);
    expect(stopped.stderr).toMatch(/curate: SIGINT, stopping; the batch in progress is redone on resume/);
    expect(stopped.stderr).toMatch(
      /editjudge: interrupted by SIGINT; the committed rows are kept: rerun the same command to resume/,
    );
    const rerun = await curate(input, out, "--min-reward", "0.5").exit;
    expect(rerun.code, rerun.stderr).toBe(0);
    expect(rerun.stdout).toMatch(/^resumed; /);
    await expectEveryRowOnce(out, 200);
  }, 90_000);

  it("refuses a second run on the same OUT while the first runs; after the first is killed, a rerun resumes", async () => {
    const { input, out } = await bigRun("big");
    const slow = ["--min-reward", "0.5", "--batch-size", "1", "--concurrency", "1"];
    const first = curate(input, out, ...slow);
    await first.committed(1);
    const second = await curate(input, out, ...slow).exit;
    await expectRefused(second, /another curate run is using .*kept\.jsonl\.state\.sqlite/);
    expect(first.child.exitCode, "the first run ended before the second was refused").toBeNull();
    first.child.kill("SIGKILL");
    expect((await first.exit).signal).toBe("SIGKILL");
    const rerun = await curate(input, out, "--min-reward", "0.5").exit;
    expect(rerun.code, rerun.stderr).toBe(0);
    await expectEveryRowOnce(out, 200);
  }, 90_000);
});
