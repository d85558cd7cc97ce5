import { existsSync } from "node:fs";
import { appendFile, mkdir, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { basename, join } from "node:path";
import Database from "better-sqlite3";
import { parquetWriteBuffer } from "hyparquet-writer";
import sharp from "sharp";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { Judge } from "../contract/judge.js";
import { fakeJudge } from "../server/test-fixtures.js";
import { REDS, writeDataset } from "./curate-fixtures.js";
import { type FaultPoint, runCurate } from "./run-curate.js";

let dir = "";
let data = "";
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), "ej-curate-"));
  data = await writeDataset(dir, 40);
});
afterEach(() => rm(dir, { recursive: true, force: true }));

const judge = fakeJudge();
const lines = async (path: string) => (await readFile(path, "utf8")).split("\n").filter((l) => l.length > 0);
const rowsOf = (ls: string[]) => ls.map((l) => (JSON.parse(l) as { row: number }).row);

async function outputs(out: string): Promise<{ kept: string[]; rejected: string[] }> {
  return { kept: await lines(out), rejected: await lines(`${out}.rejects.jsonl`) };
}

/** Writes a Parquet file with these columns. */
async function writeParquet(
  path: string,
  columnData: Parameters<typeof parquetWriteBuffer>[0]["columnData"],
) {
  await writeFile(path, Buffer.from(parquetWriteBuffer({ columnData })));
}

describe("runCurate", () => {
  it("keeps rows at or above min-reward and rejects the rest with reasons", async () => {
    const out = join(dir, "out.jsonl");
    const summary = await runCurate({ input: data, output: out, judge, minReward: 0.5, batchSize: 7 });
    const { kept, rejected } = await outputs(out);
    expect(summary.kept + summary.rejected).toBe(40);
    expect(kept.length).toBe(summary.kept);
    expect(new Set([...rowsOf(kept), ...rowsOf(rejected)]).size).toBe(40);
    for (const k of kept) expect((JSON.parse(k) as { reward: number }).reward).toBeGreaterThanOrEqual(0.5);
    const reasons = rejected.map((l) => (JSON.parse(l) as { reason: string }).reason).join("\n");
    expect(reasons).toMatch(/judge abstained: fake judge abstains/);
    expect(reasons).toMatch(/reward 0\.1961 < min-reward 0\.5/);
    expect(reasons).toMatch(/error invalid_row: line is not a JSON object/);
    expect(reasons).toMatch(/error invalid_row: field "instruction"/);
    expect(reasons).toMatch(/error image_unreadable/);
  });

  it.each<[FaultPoint, number]>([
    ["mid-write", 0],
    ["mid-write", 2],
    ["after-write", 1],
    ["after-write", 5],
    ["after-commit", 0],
    ["after-commit", 3],
  ])("after a crash at %s of batch %i, a rerun writes every row exactly once", async (point, batch) => {
    const reference = join(dir, "ref.jsonl");
    await runCurate({ input: data, output: reference, judge, minReward: 0.5, batchSize: 6 });
    const out = join(dir, "out.jsonl");
    const crash = (p: FaultPoint, b: number) => {
      if (p === point && b === batch) throw new Error("simulated crash");
    };
    await expect(
      runCurate({ input: data, output: out, judge, minReward: 0.5, batchSize: 6, onFault: crash }),
    ).rejects.toThrow("simulated crash");
    const resumed = await runCurate({ input: data, output: out, judge, minReward: 0.5, batchSize: 6 });
    expect(resumed.resumed).toBe(true);
    const got = await outputs(out);
    const want = await outputs(reference);
    expect(got.kept).toEqual(want.kept);
    expect(got.rejected).toEqual(want.rejected);
    const all = [...rowsOf(got.kept), ...rowsOf(got.rejected)];
    expect(new Set(all).size).toBe(all.length);
  });

  it("reports each commit once: no repeated last line when the rows fill the last batch, or on a resume", async () => {
    const out = join(dir, "out.jsonl");
    const seen: number[] = [];
    const onProgress = (p: { nextIndex: number }) => seen.push(p.nextIndex);
    await runCurate({ input: data, output: out, judge, minReward: 0.5, batchSize: 8, onProgress });
    expect(seen).toEqual([8, 16, 24, 32, 40]);
    seen.length = 0;
    // Cut after the first batch: the resume reports the batches it commits, each once.
    const cut = join(dir, "cut.jsonl");
    const crash = (p: FaultPoint, b: number) => {
      if (p === "after-commit" && b === 0) throw new Error("simulated crash");
    };
    await expect(
      runCurate({ input: data, output: cut, judge, minReward: 0.5, batchSize: 20, onFault: crash }),
    ).rejects.toThrow("simulated crash");
    await runCurate({ input: data, output: cut, judge, minReward: 0.5, batchSize: 20, onProgress });
    expect(seen).toEqual([40]);
  });

  it("splits work across shards without overlap", async () => {
    const full = join(dir, "full.jsonl");
    await runCurate({ input: data, output: full, judge, minReward: 0.5 });
    const parts: string[] = [];
    for (let i = 0; i < 3; i++) {
      const out = join(dir, `shard-${i}.jsonl`);
      await runCurate({ input: data, output: out, judge, minReward: 0.5, shard: { index: i, count: 3 } });
      parts.push(...(await lines(out)), ...(await lines(`${out}.rejects.jsonl`)));
    }
    const whole = [...(await lines(full)), ...(await lines(`${full}.rejects.jsonl`))];
    expect([...parts].sort()).toEqual([...whole].sort());
  });

  it("refuses to resume with other settings or to overwrite outputs it did not write", async () => {
    const out = join(dir, "out.jsonl");
    await runCurate({ input: data, output: out, judge, minReward: 0.5 });
    const again = await runCurate({ input: data, output: out, judge, minReward: 0.5 });
    expect(again.resumed && again.done).toBe(true);
    await expect(runCurate({ input: data, output: out, judge, minReward: 0.7 })).rejects.toMatchObject({
      setting: "state",
    });
    const other = join(dir, "other.jsonl");
    await writeFile(other, "precious\n");
    await expect(runCurate({ input: data, output: other, judge, minReward: 0.5 })).rejects.toMatchObject({
      setting: "output",
    });
    expect(existsSync(`${other}.state.sqlite`)).toBe(false);
    // --overwrite starts over even where a state is, and resuming with another rejects file names the change.
    const fresh = await runCurate({ input: data, output: out, judge, minReward: 0.7, overwrite: true });
    expect(fresh.resumed).toBe(false);
    // Rerunning that same command resumes its own state (here: already done) rather than starting over again.
    const rerun = await runCurate({ input: data, output: out, judge, minReward: 0.7, overwrite: true });
    expect(rerun).toMatchObject({ resumed: true, done: true, kept: fresh.kept });
    expect(fresh.kept + fresh.rejected).toBe(40);
    expect((await outputs(out)).kept.length).toBe(fresh.kept);
    await expect(
      runCurate({ input: data, output: out, judge, minReward: 0.7, rejects: join(dir, "elsewhere.jsonl") }),
    ).rejects.toThrow(/rejects: ".*out\.jsonl\.rejects\.jsonl" then, ".*elsewhere\.jsonl" now/);
    expect(existsSync(join(dir, "elsewhere.jsonl"))).toBe(false);
  });

  it("rejects a row whose image is a URL with a reason that says to download it", async () => {
    const urls = join(dir, "urls.jsonl");
    await writeFile(
      urls,
      `${JSON.stringify({ source: "img-100.png", instruction: "x", edited: "https://example.com/a.png" })}\n`,
    );
    const out = join(dir, "out.jsonl");
    expect(await runCurate({ input: urls, output: out, judge, minReward: 0.5 })).toMatchObject({
      rejected: 1,
    });
    expect((await outputs(out)).rejected[0]).toMatch(
      /error invalid_row: field \\"edited\\" is a URL \(https:\/\/example\.com\/a\.png\); curate reads images from files or data URLs/,
    );
  });

  it("reads a JSONL file that starts with a byte-order mark and has CRLF line ends", async () => {
    const windows = join(dir, "windows.jsonl");
    const rows = [0, 1, 2].map((i) =>
      JSON.stringify({
        id: i,
        source: "img-100.png",
        instruction: "make it brighter",
        edited: "img-200.png",
      }),
    );
    await writeFile(windows, `\uFEFF${rows.join("\r\n")}\r\n`);
    const out = join(dir, "out.jsonl");
    const summary = await runCurate({ input: windows, output: out, judge, minReward: 0.5 });
    expect(summary).toMatchObject({ kept: 3, rejected: 0 });
    expect(rowsOf((await outputs(out)).kept)).toEqual([0, 1, 2]);
  });

  it("refuses to resume on an input that has changed since, naming what changed", async () => {
    const out = join(dir, "out.jsonl");
    await runCurate({ input: data, output: out, judge, minReward: 0.5 });
    await appendFile(data, '{"source":"a.png","instruction":"x","edited":"b.png"}\n');
    const refused = runCurate({ input: data, output: out, judge, minReward: 0.5 });
    await expect(refused).rejects.toMatchObject({ setting: "state" });
    await expect(refused).rejects.toThrow(/inputBytes: \d+ then, \d+ now.*same input, unchanged/);
  });

  it("stops the run on a model-server failure the judge reports as transient, and resumes to every row once", async () => {
    const reference = join(dir, "ref.jsonl");
    await runCurate({ input: data, output: reference, judge, minReward: 0.5, batchSize: 6 });
    // The same judge, but its model server is down for the rows with red 250 (the first is row 11, in batch 1).
    let outageOver = false;
    const outage: Judge = {
      ...judge,
      async judge(edit, options) {
        const result = await judge.judge(edit, options);
        if (edit.candidates[0]?.rgb[0] !== REDS[5] || outageOver) return result;
        const error = {
          code: "backend_call_failed",
          message: "HTTP 503 (gave up after 4 tries)",
          transient: true as const,
        };
        return { ...result, candidates: result.candidates.map((c) => ({ ...c, reward: null, error })) };
      },
    };
    const out = join(dir, "out.jsonl");
    const stopped = runCurate({ input: data, output: out, judge: outage, minReward: 0.5, batchSize: 6 });
    await expect(stopped).rejects.toMatchObject({ code: "backend_call_failed" });
    await expect(stopped).rejects.toThrow(
      /row \d+ could not be judged: HTTP 503 .*rerun the same command to resume/,
    );
    const partial = await outputs(out);
    expect(partial.kept.length + partial.rejected.length).toBe(6); // batch 0, committed before the outage
    expect(partial.rejected.join("\n")).not.toMatch(/backend_call_failed/);
    outageOver = true;
    const resumed = await runCurate({
      input: data,
      output: out,
      judge: outage,
      minReward: 0.5,
      batchSize: 6,
    });
    expect(resumed.resumed).toBe(true);
    const [got, want] = [await outputs(out), await outputs(reference)];
    expect(got.kept).toEqual(want.kept);
    expect(got.rejected).toEqual(want.rejected);
  });

  it("rejects a row the model server keeps failing on after it has stopped two runs, so the run can finish", async () => {
    const poisonPng = await sharp({
      create: { width: 16, height: 16, channels: 3, background: { r: 77, g: 1, b: 2 } },
    })
      .png()
      .toBuffer();
    await writeFile(join(dir, "poison.png"), poisonPng);
    const rows = Array.from({ length: 12 }, (_, i) =>
      JSON.stringify({
        source: "img-100.png",
        instruction: "x",
        edited: i === 7 ? "poison.png" : "img-200.png",
      }),
    );
    const input = join(dir, "poison.jsonl");
    await writeFile(input, `${rows.join("\n")}\n`);
    const transient = {
      code: "backend_call_failed",
      message: "HTTP 500 (gave up after 4 tries)",
      transient: true as const,
    };
    const failsOnPoison: Judge = {
      ...judge,
      async judge(edit, options) {
        const result = await judge.judge(edit, options);
        if (edit.candidates[0]?.rgb[0] !== 77) return result;
        return {
          ...result,
          candidates: result.candidates.map((c) => ({ ...c, reward: null, error: transient })),
        };
      },
    };
    const out = join(dir, "out.jsonl");
    const run = () => runCurate({ input, output: out, judge: failsOnPoison, minReward: 0.5, batchSize: 4 });
    for (let i = 0; i < 2; i++) await expect(run()).rejects.toThrow(/row 7 could not be judged/);
    const third = await run();
    expect(third).toMatchObject({ done: true, kept: 11, rejected: 1 });
    expect((await outputs(out)).rejected[0]).toMatch(
      /"row":7,.*error backend_call_failed: HTTP 500 .*this row also stopped the 2 runs before; rejected so the run can go on/,
    );
  });

  it("stops the other rows of the batch when one stops the run, instead of judging on", async () => {
    const input = join(dir, "four.jsonl");
    const row = (edited: string) => JSON.stringify({ source: "img-100.png", instruction: "x", edited });
    await writeFile(input, `${[row("img-250.png"), row("img-200.png"), row("img-150.png")].join("\n")}\n`);
    const transient = { code: "backend_call_failed", message: "HTTP 503", transient: true as const };
    // Red 250 fails at once; the others wait for their abort and would never end without it.
    let stoppedCalls = 0;
    const judgeWithOutage: Judge = {
      ...judge,
      async judge(edit, options) {
        const result = await judge.judge(edit, options);
        if (edit.candidates[0]?.rgb[0] === 250)
          return {
            ...result,
            candidates: result.candidates.map((c) => ({ ...c, reward: null, error: transient })),
          };
        try {
          options?.signal?.throwIfAborted();
          await new Promise((_, reject) =>
            options?.signal?.addEventListener("abort", () => reject(options.signal?.reason), { once: true }),
          );
        } catch (error) {
          stoppedCalls++;
          throw error;
        }
        return result;
      },
    };
    const out = join(dir, "out.jsonl");
    await expect(
      runCurate({ input, output: out, judge: judgeWithOutage, minReward: 0.5, batchSize: 3, concurrency: 3 }),
    ).rejects.toThrow(/row 0 could not be judged: HTTP 503/);
    // By the time the run has stopped, the two other calls were told to stop too.
    expect(stoppedCalls).toBe(2);
  });

  it("decides nothing for a row whose judge call ended because the run was interrupted", async () => {
    const controller = new AbortController();
    const stop = new Error("interrupted by SIGINT");
    // A judge that, like one catching its own errors, returns a failed result once the signal aborts.
    const catching: Judge = {
      ...judge,
      async judge(edit, options) {
        const result = await judge.judge(edit, options);
        controller.abort(stop);
        const error = { code: "judge_failed", message: "aborted" };
        return { ...result, candidates: result.candidates.map((c) => ({ ...c, reward: null, error })) };
      },
    };
    const out = join(dir, "out.jsonl");
    await expect(
      runCurate({ input: data, output: out, judge: catching, minReward: 0.5, signal: controller.signal }),
    ).rejects.toBe(stop);
    expect(await outputs(out)).toEqual({ kept: [], rejected: [] });
  });

  it("resumes a state written by the previous version, which recorded fewer settings", async () => {
    const out = join(dir, "out.jsonl");
    const crash = (p: FaultPoint, b: number) => {
      if (p === "after-commit" && b === 1) throw new Error("simulated crash");
    };
    await expect(
      runCurate({ input: data, output: out, judge, minReward: 0.5, batchSize: 6, onFault: crash }),
    ).rejects.toThrow("simulated crash");
    const db = new Database(`${out}.state.sqlite`);
    const stored = JSON.parse(
      (db.prepare("SELECT fingerprint FROM run").get() as { fingerprint: string }).fingerprint,
    );
    const { input, judge: judgeId, minReward, shard } = stored as Record<string, unknown>;
    db.prepare("UPDATE run SET fingerprint = ?").run(
      JSON.stringify({ input, judge: judgeId, minReward, shard }),
    );
    db.close();
    const resumed = await runCurate({ input: data, output: out, judge, minReward: 0.5, batchSize: 6 });
    expect(resumed).toMatchObject({ resumed: true, done: true });
    const { kept, rejected } = await outputs(out);
    expect(new Set([...rowsOf(kept), ...rowsOf(rejected)]).size).toBe(40);
    expect(kept.length + rejected.length).toBe(40);
  });

  it("refuses outputs that are the input, share a file or have no folder", async () => {
    const refused = (options: { output: string; rejects?: string; statePath?: string }) =>
      runCurate({ input: data, judge, minReward: 0.5, overwrite: true, ...options });
    const before = await readFile(data, "utf8");
    await expect(refused({ output: data })).rejects.toThrow(/OUT .*data\.jsonl is the input dataset/);
    await expect(
      refused({ output: join(dir, "out.jsonl"), rejects: join(dir, "..", basename(dir), "data.jsonl") }),
    ).rejects.toThrow(/--rejects .* is the input dataset/);
    const out = join(dir, "out.jsonl");
    await expect(refused({ output: out, rejects: out })).rejects.toThrow(
      /OUT and --rejects are the same file/,
    );
    await expect(refused({ output: out, rejects: join(dir, "no-such-dir", "r.jsonl") })).rejects.toThrow(
      /--rejects .*r\.jsonl: its folder .*no-such-dir does not exist; create it first/,
    );
    await expect(refused({ output: join(dir, "missing", "o.jsonl") })).rejects.toMatchObject({
      setting: "output",
    });
    expect(await readFile(data, "utf8")).toBe(before);
    expect(existsSync(out)).toBe(false);
  });

  it("checks the input before creating any output or state file", async () => {
    await writeFile(join(dir, "empty.parquet"), "");
    await writeFile(join(dir, "garbage.parquet"), "not parquet at all, just text\n".repeat(10));
    await writeFile(join(dir, "table.csv"), "source,instruction,edited\n");
    await mkdir(join(dir, "folder.jsonl"));
    const cases: Array<[string, RegExp]> = [
      ["missing.jsonl", /IN .*missing\.jsonl does not exist; check the path/],
      ["folder.jsonl", /IN .*folder\.jsonl is a directory/],
      ["empty.parquet", /IN .*empty\.parquet is not a Parquet file: it is empty/],
      ["garbage.parquet", /IN .*garbage\.parquet is not a Parquet file \(no PAR1 footer\)/],
      ["table.csv", /IN .*table\.csv: curate reads \.jsonl .* or \.parquet datasets, not "\.csv"/],
    ];
    const out = join(dir, "out.jsonl");
    for (const [input, message] of cases) {
      const run = runCurate({ input: join(dir, input), output: out, judge, minReward: 0.5 });
      await expect(run).rejects.toThrow(message);
      await expect(run).rejects.toMatchObject({ name: "InputError", input: join(dir, input) });
      for (const file of [out, `${out}.rejects.jsonl`, `${out}.state.sqlite`])
        expect(existsSync(file), `${file} after ${input}`).toBe(false);
    }
  });

  it("refuses numeric settings that would misbehave, before creating any file", async () => {
    const out = join(dir, "out.jsonl");
    const base = { input: data, output: out, judge };
    await expect(runCurate({ ...base, minReward: Number.NaN })).rejects.toMatchObject({
      setting: "min-reward",
    });
    await expect(runCurate({ ...base, minReward: 0.5, concurrency: 0 })).rejects.toMatchObject({
      setting: "concurrency",
    });
    await expect(runCurate({ ...base, minReward: 0.5, batchSize: 1.5 })).rejects.toMatchObject({
      setting: "batch-size",
    });
    await expect(runCurate({ ...base, minReward: 0.5, shard: { index: 3, count: 2 } })).rejects.toThrow(
      /shard 3\/2 must be i\/n with 0 ≤ i < n/,
    );
    expect(existsSync(out) || existsSync(`${out}.state.sqlite`)).toBe(false);
  });

  it("refuses a second run on the same OUT while the first runs, without touching the first run's outputs", async () => {
    const reference = join(dir, "ref.jsonl");
    await runCurate({ input: data, output: reference, judge, minReward: 0.5, batchSize: 6 });
    const out = join(dir, "out.jsonl");
    const options = { input: data, output: out, judge, minReward: 0.5, batchSize: 6 };
    let second: Promise<unknown> | undefined;
    await runCurate({
      ...options,
      onProgress: () => {
        second ??= runCurate(options).then(
          () => "the second run was allowed",
          (error: unknown) => error,
        );
      },
    });
    expect(await second).toMatchObject({
      name: "ConfigError",
      message: expect.stringMatching(/another curate run is using .*out\.jsonl\.state\.sqlite/),
    });
    expect(await outputs(out)).toEqual(await outputs(reference));
  });

  it("releases the state's lock when it refuses an output changed by hand", async () => {
    const out = join(dir, "out.jsonl");
    await runCurate({ input: data, output: out, judge, minReward: 0.5, batchSize: 6 });
    await writeFile(out, "");
    const mismatch =
      /does not match its resume state .*\(the file is 0 bytes but the state says \d+ were written\)/;
    await expect(runCurate({ input: data, output: out, judge, minReward: 0.5 })).rejects.toThrow(mismatch);
    await expect(runCurate({ input: data, output: out, judge, minReward: 0.5 })).rejects.toThrow(mismatch);
  });

  it("reads Parquet with paths or embedded image bytes", async () => {
    const img = await readFile(join(dir, "img-200.png"));
    const buffer = parquetWriteBuffer({
      columnData: [
        { name: "source", data: [join(dir, "img-100.png"), join(dir, "img-100.png")], type: "STRING" },
        { name: "instruction", data: ["make it brighter", "make it brighter"], type: "STRING" },
        { name: "edited", data: [join(dir, "img-250.png"), join(dir, "img-50.png")], type: "STRING" },
      ],
    });
    const parquet = join(dir, "data.parquet");
    await writeFile(parquet, Buffer.from(buffer));
    const out = join(dir, "pq.jsonl");
    const summary = await runCurate({ input: parquet, output: out, judge, minReward: 0.5 });
    expect([summary.kept, summary.rejected]).toEqual([1, 1]);
    const bytesParquet = join(dir, "bytes.parquet");
    await writeParquet(bytesParquet, [
      { name: "source", data: [img], type: "BYTE_ARRAY" },
      { name: "instruction", data: ["make it brighter"], type: "STRING" },
      { name: "edited", data: [img], type: "BYTE_ARRAY" },
    ]);
    const out2 = join(dir, "bytes.jsonl");
    expect((await runCurate({ input: bytesParquet, output: out2, judge, minReward: 0.5 })).kept).toBe(1);
    expect((await lines(out2))[0]).toMatch(/"source":"data:image\/png;base64,/);
    // A Parquet file without one of the three columns is refused before any output exists.
    const noInstruction = join(dir, "no-instruction.parquet");
    await writeParquet(noInstruction, [
      { name: "source", data: ["a.png"], type: "STRING" },
      { name: "prompt", data: ["x"], type: "STRING" },
      { name: "edited", data: ["b.png"], type: "STRING" },
    ]);
    const out3 = join(dir, "none.jsonl");
    await expect(runCurate({ input: noInstruction, output: out3, judge, minReward: 0.5 })).rejects.toThrow(
      /has no "instruction" column \(it has "source", "prompt", "edited"\)/,
    );
    expect(existsSync(out3)).toBe(false);
  });
});
