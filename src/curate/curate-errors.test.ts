import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import { chmod, mkdir, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { writeDataset } from "./curate-fixtures.js";

/**
 * What the built CLI (`node bin/editjudge.js curate`, from dist/: run `npm run build` first) says when a person
 * meets a failure: one line naming the file and the remedy, never "unexpected error". A full disk is made real
 * with a tiny tmpfs in a private mount namespace (`unshare -m`, as root), so nothing outside the test sees it.
 */
const REPO = resolve(import.meta.dirname, "../..");
const BIN = join(REPO, "bin/editjudge.js");

let dir = "";
let data = "";
beforeAll(async () => {
  if (!existsSync(join(REPO, "dist/cli/main.js")))
    throw new Error("dist/cli/main.js is missing; run `npm run build` before these tests");
  dir = await mkdtemp(join(tmpdir(), "ej-curate-errors-"));
  data = await writeDataset(dir, 60);
});
afterAll(() => rm(dir, { recursive: true, force: true }));

interface Exit {
  status: number | null;
  stderr: string;
  stdout: string;
}

function curate(args: readonly string[], options: { uid?: number } = {}): Exit {
  const ran = spawnSync(process.execPath, [BIN, "curate", ...args], {
    cwd: dir,
    encoding: "utf8",
    timeout: 60_000,
    ...(options.uid !== undefined ? { uid: options.uid, gid: options.uid } : {}),
  });
  return { status: ran.status, stderr: ran.stderr, stdout: ran.stdout };
}

/** The run failed with exactly one `editjudge:` line matching `message` (progress lines aside). */
function expectOneLine(exit: Exit, status: number, message: RegExp): void {
  expect(exit.status, exit.stderr).toBe(status);
  const lines = exit.stderr.split("\n").filter((l) => l.length > 0 && !l.startsWith("curate: committed"));
  expect(lines, exit.stderr).toHaveLength(1);
  expect(lines[0]).toMatch(/^editjudge: /);
  expect(lines[0]).toMatch(message);
  expect(exit.stderr).not.toMatch(/unexpected error/);
}

const rowsOf = async (...files: string[]) => {
  const lines: string[] = [];
  for (const file of files) lines.push(...(await readFile(file, "utf8")).split("\n").filter(Boolean));
  return lines.map((l) => (JSON.parse(l) as { row: number }).row).sort((a, b) => a - b);
};

describe("curate failure messages (built CLI)", () => {
  it("a state file that is not a database, or is a directory", async () => {
    await writeFile(join(dir, "notes.txt"), "my notes, not a database\n".repeat(100));
    expectOneLine(
      curate([data, "a.jsonl", "--min-reward", "0.5", "--state", "notes.txt"]),
      2,
      /resume state notes\.txt is not an SQLite database \(it is some other file\); give --state another path/,
    );
    expect(await readFile(join(dir, "notes.txt"), "utf8")).toMatch(/^my notes/);
    await mkdir(join(dir, "b.jsonl.state.sqlite"));
    expectOneLine(
      curate([data, "b.jsonl", "--min-reward", "0.5"]),
      2,
      /resume state b\.jsonl\.state\.sqlite is a directory, not a state file; give --state a file path/,
    );
    expect(existsSync(join(dir, "a.jsonl"))).toBe(false);
  }, 60_000);

  it("an OUT that is a directory", async () => {
    await mkdir(join(dir, "folder.jsonl"));
    expectOneLine(
      curate([data, "folder.jsonl", "--min-reward", "0.5"]),
      2,
      /OUT folder\.jsonl is a directory; give a file name for OUT/,
    );
  }, 60_000);

  it("an unreadable input: no permission, a directory, missing", async () => {
    const locked = join(dir, "locked.jsonl");
    await writeFile(locked, await readFile(data));
    await chmod(locked, 0o000);
    // Root reads any file, so the permission case runs as nobody (with a folder nobody may write to), when
    // nobody can run the CLI from where the repository is.
    const uid = process.getuid?.() === 0 ? 65534 : undefined;
    const probe =
      uid === undefined
        ? null
        : spawnSync(process.execPath, [BIN, "--help"], { cwd: tmpdir(), uid, gid: uid, encoding: "utf8" });
    if (probe && probe.status !== 0)
      console.log(
        `skipped the permission case: user nobody cannot run ${BIN} (${probe.stderr.split("\n")[0]})`,
      );
    else {
      if (uid !== undefined) await chmod(dir, 0o777);
      expectOneLine(
        curate([locked, "c.jsonl", "--min-reward", "0.5"], uid !== undefined ? { uid } : {}),
        2,
        /IN .*locked\.jsonl is not readable \(permission denied\); check its permissions/,
      );
    }
    await mkdir(join(dir, "dir.jsonl"));
    expectOneLine(curate(["dir.jsonl", "c.jsonl", "--min-reward", "0.5"]), 2, /IN dir\.jsonl is a directory/);
    expectOneLine(
      curate(["gone.jsonl", "c.jsonl", "--min-reward", "0.5"]),
      2,
      /IN gone\.jsonl does not exist/,
    );
  }, 60_000);

  it.each([
    ["more", (text: string) => text.replace('"row":1,', '"row":1\n')],
    ["fewer", (text: string) => text.replace("}\n", "} ")],
  ])(
    "a state that says other rows were written than OUT holds (%s lines) is refused",
    async (_how, edit) => {
      const out = join(dir, `edited-${_how}.jsonl`);
      const args = [data, out, "--min-reward", "0", "--batch-size", "10"];
      const crashed = spawnSync(process.execPath, [BIN, "curate", ...args], {
        cwd: dir,
        encoding: "utf8",
        env: { ...process.env, EDITJUDGE_CURATE_FAULT: "after-commit:2" },
      });
      expect(crashed.signal).toBe("SIGKILL");
      const text = await readFile(out, "utf8");
      await writeFile(out, edit(text));
      expect((await readFile(out)).length).toBe(Buffer.byteLength(text));
      expectOneLine(
        curate(args),
        2,
        /OUT .*\.jsonl does not match its resume state .*\.state\.sqlite \(the state says \d+ rows were written, its first \d+ bytes hold \d+ complete lines.*\); resuming would lose or repeat rows/,
      );
    },
    60_000,
  );
});

const unshare = spawnSync("unshare", ["-m", "sh", "-c", "mount -t tmpfs -o size=8k tmpfs /mnt"], {
  encoding: "utf8",
});
const fullDisk = unshare.status === 0 ? null : `unshare -m + mount tmpfs failed (${unshare.stderr.trim()})`;

describe.skipIf(fullDisk !== null)("curate on a full disk", () => {
  it.each([
    ["kept.jsonl", "OUT"],
    ["kept.parquet", "OUT"],
    ["kept.jsonl", "OUT and the state"],
  ])(
    "says to free space and rerun; the rerun recovers every row (%s, %s on the full disk)",
    async (name, full) => {
      const withState = full !== "OUT";
      const folder = join(dir, `full-${name}${withState ? "-state" : ""}`);
      await mkdir(join(folder, "disk"), { recursive: true });
      const rejects = join(folder, `rejects.${name.split(".")[1]}`);
      const state = join(folder, withState ? "disk" : "", "state.sqlite");
      const out = join(folder, "disk", name);
      const command = `"${process.execPath}" "${BIN}" curate "${data}" "${out}" --min-reward 0 --batch-size 4 --rejects "${rejects}" --state "${state}"`;
      // OUT (and the state) on an 8 KiB tmpfs; "freeing space" is growing it, in the same private mount namespace.
      const script = [
        `mount -t tmpfs -o size=8k tmpfs "${folder}/disk"`,
        `${command} 2>"${folder}/first.err" && echo first=0 || echo first=$?`,
        `mount -o remount,size=8m "${folder}/disk"`,
        `${command} 2>"${folder}/second.err" && echo second=0 || echo second=$?`,
        `cp "${out}" "${folder}/out-copy"`,
      ].join("\n");
      const ran = spawnSync("unshare", ["-m", "sh", "-ec", script], { encoding: "utf8", timeout: 120_000 });
      expect(ran.status, ran.stderr).toBe(0);
      const first = {
        status: Number(/first=(\d+)/.exec(ran.stdout)?.[1]),
        stdout: "",
        stderr: await readFile(join(folder, "first.err"), "utf8"),
      };
      const outFull = `OUT .*${name.replace(".", "\\.")}: no space left on the device \\(ENOSPC\\); the committed rows are kept: free space and rerun the same command to resume`;
      const stateFull =
        "resume state .*state\\.sqlite: cannot write it \\(SQLITE_(FULL|IOERR)\\w*: .*\\); the committed rows are kept: free space on its disk \\(or check the disk\\) and rerun the same command to resume";
      expectOneLine(first, 1, new RegExp(withState ? `${outFull}|${stateFull}` : outFull));
      expect(ran.stdout, await readFile(join(folder, "second.err"), "utf8")).toMatch(/second=0/);
      if (name.endsWith(".jsonl"))
        expect(await rowsOf(join(folder, "out-copy"), rejects)).toEqual([...Array(60).keys()]);
      else {
        const { parquetReadObjects } = await import("hyparquet");
        const read = async (file: string) => {
          const b = await readFile(file);
          return (
            await parquetReadObjects({ file: b.buffer.slice(b.byteOffset, b.byteOffset + b.length) })
          ).map((r) => Number((r as { row: bigint }).row));
        };
        const rows = [...(await read(join(folder, "out-copy"))), ...(await read(rejects))].sort(
          (a, b) => a - b,
        );
        expect(rows).toEqual([...Array(60).keys()]);
      }
    },
    180_000,
  );
});

if (fullDisk) console.log(`skipped the full-disk tests: ${fullDisk}`);
