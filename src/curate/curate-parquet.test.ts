import { spawnSync } from "node:child_process";
import { appendFile, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { tableFromIPC } from "apache-arrow";
import { parquetMetadataAsync, parquetReadObjects, parquetSchema } from "hyparquet";
import { readParquet } from "parquet-wasm/node";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { fakeJudge } from "../server/test-fixtures.js";
import { writeDataset } from "./curate-fixtures.js";
import { type FaultPoint, runCurate } from "./run-curate.js";

let dir = "";
let data = "";
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), "ej-curate-pq-"));
  data = await writeDataset(dir, 40);
});
afterEach(() => rm(dir, { recursive: true, force: true }));

const judge = fakeJudge();
const run = (output: string, more: Partial<Parameters<typeof runCurate>[0]> = {}) =>
  runCurate({ input: data, output, judge, minReward: 0.5, batchSize: 6, ...more });

/** A Parquet file's rows, read with hyparquet as `curate` and `bench` read it. */
async function readRows(path: string): Promise<Array<Record<string, unknown>>> {
  const buffer = await readFile(path);
  const file = buffer.buffer.slice(buffer.byteOffset, buffer.byteOffset + buffer.byteLength);
  return (await parquetReadObjects({ file, utf8: false })) as Array<Record<string, unknown>>;
}

/** The rows of OUT and its rejects, without image bytes, in row order. */
async function outputs(out: string): Promise<{ kept: unknown[]; rejected: unknown[] }> {
  const plain = (rows: Array<Record<string, unknown>>) =>
    rows.map(({ source, edited, ...rest }) => ({
      ...rest,
      source: imagePath(source),
      edited: imagePath(edited),
    }));
  return {
    kept: plain(await readRows(out)),
    rejected: plain(await readRows(`${out}.rejects.parquet`)),
  };
}

const imagePath = (v: unknown) => (v as { path?: unknown } | null)?.path ?? null;

describe("curate to Parquet", () => {
  it("writes kept rows and rejects as Parquet, images as {bytes, path}, the other fields typed", async () => {
    const out = join(dir, "kept.parquet");
    const summary = await run(out);
    expect(summary.rejects).toBe(`${out}.rejects.parquet`);
    const jsonl = join(dir, "kept.jsonl");
    await run(jsonl);
    const kept = await readRows(out);
    const rejected = await readRows(summary.rejects);
    expect(kept.length).toBe(summary.kept);
    expect(rejected.length).toBe(summary.rejected);
    const rows = [...kept, ...rejected].map((r) => Number(r.row)).sort((a, b) => a - b);
    expect(rows).toEqual([...Array(40).keys()]);
    // The same decisions as JSONL output, row by row.
    const fromJsonl = (await readFile(jsonl, "utf8"))
      .split("\n")
      .filter(Boolean)
      .map((l) => JSON.parse(l) as { row: number; reward: number; id: number; dimensions: unknown });
    expect(kept.map((r) => [Number(r.row), r.reward, Number(r.id), r.dimensions])).toEqual(
      fromJsonl.map((r) => [r.row, r.reward, r.id, r.dimensions]),
    );
    const first = kept[0] as { source: { bytes: Uint8Array; path: string }; instruction: string };
    expect(first.source.path).toBe("img-100.png");
    expect(Buffer.from(first.source.bytes).equals(await readFile(join(dir, "img-100.png")))).toBe(true);
    expect(first.instruction).toBe("make it brighter");
    const reasons = rejected.map((r) => r.reason).join("\n");
    expect(reasons).toMatch(/judge abstained: fake judge abstains/);
    expect(reasons).toMatch(/error invalid_row: line is not a JSON object/);
    // A missing image keeps its path, without bytes.
    expect(
      rejected.some((r) => (r.edited as { bytes: unknown; path: string } | null)?.path === "missing.png"),
    ).toBe(true);
    const buffer = await readFile(out);
    const metadata = await parquetMetadataAsync(buffer.buffer.slice(buffer.byteOffset));
    const columns = parquetSchema(metadata).children.map((c) => c.element.name);
    expect(columns).toEqual(["source", "instruction", "edited", "id", "row", "reward", "dimensions"]);
    expect(parquetSchema(metadata).children[3]?.element.type).toBe("INT64");
    expect(metadata.row_groups.length).toBeGreaterThan(1);
    const features = JSON.parse(
      metadata.key_value_metadata?.find((kv) => kv.key === "huggingface")?.value ?? "{}",
    );
    expect(features.info.features.source).toEqual({ _type: "Image" });
  });

  it("round trip: its Parquet output is curated again, with every kept row kept", async () => {
    const out = join(dir, "kept.parquet");
    const first = await run(out);
    const again = join(dir, "again.parquet");
    const second = await runCurate({ input: out, output: again, judge, minReward: 0.5 });
    expect([second.kept, second.rejected]).toEqual([first.kept, 0]);
    const before = await readRows(out);
    const after = await readRows(again);
    // Rows are renumbered (positions in the new input); the images, rewards and carried fields are the same.
    expect(after.map((r) => [r.id, r.reward, r.dimensions, r.instruction])).toEqual(
      before.map((r) => [r.id, r.reward, r.dimensions, r.instruction]),
    );
    expect(after.map((r) => Buffer.from((r.edited as { bytes: Uint8Array }).bytes).toString("hex"))).toEqual(
      before.map((r) => Buffer.from((r.edited as { bytes: Uint8Array }).bytes).toString("hex")),
    );
  });

  it.each<[FaultPoint, number]>([
    ["mid-write", 0],
    ["between-files", 1],
    ["between-files", 6],
    ["after-write", 2],
    ["after-commit", 0],
    ["after-commit", 4],
    ["before-end", 7],
  ])("after a crash at %s of batch %i, a rerun writes every row exactly once", async (point, batch) => {
    const reference = join(dir, "ref.parquet");
    await run(reference);
    const out = join(dir, "out.parquet");
    const crash = (p: FaultPoint, b: number) => {
      if (p === point && b === batch) throw new Error("simulated crash");
    };
    await expect(run(out, { onFault: crash })).rejects.toThrow("simulated crash");
    const resumed = await run(out);
    expect(resumed.resumed).toBe(true);
    expect(await outputs(out)).toEqual(await outputs(reference));
  });

  it("cuts a half-written row group left after the last commit", async () => {
    const reference = join(dir, "ref.parquet");
    await run(reference);
    const out = join(dir, "out.parquet");
    const crash = (p: FaultPoint, b: number) => {
      if (p === "after-commit" && b === 2) throw new Error("simulated crash");
    };
    await expect(run(out, { onFault: crash })).rejects.toThrow("simulated crash");
    await appendFile(out, Buffer.alloc(5000, 7));
    await appendFile(`${out}.rejects.parquet`, "PAR1 half a row group");
    await run(out);
    expect(await outputs(out)).toEqual(await outputs(reference));
  });

  it("refuses a state whose committed rows the Parquet output does not hold", async () => {
    const out = join(dir, "out.parquet");
    const crash = (p: FaultPoint, b: number) => {
      if (p === "after-commit" && b === 2) throw new Error("simulated crash");
    };
    await expect(run(out, { onFault: crash })).rejects.toThrow("simulated crash");
    const bytes = await readFile(out);
    // Fewer bytes than committed (truncated by hand), then a file of the right size that is no curate output.
    await writeFile(out, bytes.subarray(0, bytes.length - 10));
    await expect(run(out)).rejects.toThrow(
      /OUT .*out\.parquet does not match its resume state .*out\.parquet\.state\.sqlite \(the file is \d+ bytes but the state says \d+ were written\); resuming would lose or repeat rows/,
    );
    await writeFile(out, Buffer.alloc(bytes.length, 1));
    await expect(run(out)).rejects.toThrow(/does not match its resume state .*it does not start with PAR1/);
    // A finished output whose footer is gone.
    const done = join(dir, "done.parquet");
    await run(done);
    const whole = await readFile(done);
    await writeFile(done, Buffer.concat([whole.subarray(0, whole.length - 8), Buffer.from("XXXXXXXX")]));
    await expect(run(done)).rejects.toThrow(
      /the state says the run ended with \d+ rows, but the file has no Parquet footer/,
    );
  });

  it("is read by Apache Arrow's own Parquet reader (arrow-rs, in parquet-wasm) with the Hugging Face Image type", async () => {
    const out = join(dir, "kept.parquet");
    const summary = await run(out);
    for (const [file, rows, last] of [
      [out, summary.kept, "dimensions:Utf8"],
      [summary.rejects, summary.rejected, "reason:Utf8"],
    ] as const) {
      const table = tableFromIPC(readParquet(new Uint8Array(await readFile(file))).intoIPCStream());
      expect(table.numRows).toBe(rows);
      // `datasets` stores an Image feature as exactly this struct.
      expect(table.schema.fields.map((f) => `${f.name}:${f.type}`)).toEqual([
        "source:Struct<{bytes:Binary, path:Utf8}>",
        "instruction:Utf8",
        "edited:Struct<{bytes:Binary, path:Utf8}>",
        "id:Int64",
        "row:Int64",
        "reward:Float64",
        last,
      ]);
      expect(JSON.parse(table.schema.metadata.get("huggingface") ?? "{}").info.features.edited).toEqual({
        _type: "Image",
      });
    }
    const table = tableFromIPC(readParquet(new Uint8Array(await readFile(out))).intoIPCStream());
    const source = table.getChild("source")?.get(0) as { bytes: Uint8Array; path: string };
    expect(source.path).toBe("img-100.png");
    expect(Buffer.from(source.bytes).equals(await readFile(join(dir, "img-100.png")))).toBe(true);
  });

  it("is read by pyarrow, with images as structs of bytes and path", async (context) => {
    const probe = spawnSync("python3", ["-c", "import pyarrow.parquet"], { encoding: "utf8" });
    if (probe.status !== 0) {
      console.log("skipped: python3 has no pyarrow (apt-get install python3-pyarrow where Debian has it)");
      context.skip();
    }
    const out = join(dir, "kept.parquet");
    const summary = await run(out);
    const script = [
      "import json, sys, pyarrow.parquet as pq",
      "t = pq.read_table(sys.argv[1])",
      "src = t.column('source')[0].as_py()",
      "print(json.dumps({'rows': t.num_rows, 'names': t.column_names, 'bytes': len(src['bytes']), 'path': src['path']}))",
    ].join("\n");
    const read = spawnSync("python3", ["-c", script, out], { encoding: "utf8" });
    expect(read.status, read.stderr).toBe(0);
    const got = JSON.parse(read.stdout) as { rows: number; names: string[]; bytes: number; path: string };
    expect(got.rows).toBe(summary.kept);
    expect(got.names).toContain("reward");
    expect(got.path).toBe("img-100.png");
    expect(got.bytes).toBe((await readFile(join(dir, "img-100.png"))).length);
  });
});
