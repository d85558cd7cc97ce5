import { existsSync } from "node:fs";
import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { basename, join } from "node:path";
import { parquetWriteBuffer } from "hyparquet-writer";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { fakeJudge } from "../server/test-fixtures.js";
import { writeDataset } from "./curate-fixtures.js";
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
  });

  it("refuses outputs that are the input, share a file, or are named .parquet", async () => {
    const refused = (options: { output: string; rejects?: string; statePath?: string }) =>
      runCurate({ input: data, judge, minReward: 0.5, overwrite: true, ...options });
    const before = await readFile(data, "utf8");
    await expect(refused({ output: data })).rejects.toThrow(/OUT .*data\.jsonl is the input dataset/);
    await expect(
      refused({ output: join(dir, "out.jsonl"), rejects: join(dir, "..", basename(dir), "data.jsonl") }),
    ).rejects.toThrow(/--rejects .* is the input dataset/);
    await expect(refused({ output: join(dir, "kept.parquet") })).rejects.toThrow(
      /curate writes JSONL .*name it \.jsonl, e\.g\. .*kept\.jsonl/,
    );
    const out = join(dir, "out.jsonl");
    await expect(refused({ output: out, rejects: out })).rejects.toThrow(
      /OUT and --rejects are the same file/,
    );
    expect(await readFile(data, "utf8")).toBe(before);
    expect(existsSync(out)).toBe(false);
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
    await writeFile(
      bytesParquet,
      Buffer.from(
        parquetWriteBuffer({
          columnData: [
            { name: "source", data: [img], type: "BYTE_ARRAY" },
            { name: "instruction", data: ["make it brighter"], type: "STRING" },
            { name: "edited", data: [img], type: "BYTE_ARRAY" },
          ],
        }),
      ),
    );
    const out2 = join(dir, "bytes.jsonl");
    expect((await runCurate({ input: bytesParquet, output: out2, judge, minReward: 0.5 })).kept).toBe(1);
    expect((await lines(out2))[0]).toMatch(/"source":"data:image\/png;base64,/);
  });
});
