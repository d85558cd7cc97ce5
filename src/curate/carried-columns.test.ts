import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parquetReadObjects } from "hyparquet";
import { parquetWriteBuffer } from "hyparquet-writer";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { fakeJudge } from "../server/test-fixtures.js";
import { carriedColumns } from "./carried-columns.js";
import { writeDataset } from "./curate-fixtures.js";
import { runCurate } from "./run-curate.js";

let dir = "";
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), "ej-carried-"));
  await writeDataset(dir, 1);
});
afterEach(() => rm(dir, { recursive: true, force: true }));

const image = { source: "img-100.png", instruction: "make it brighter", edited: "img-250.png" };

describe("carried fields in Parquet output", () => {
  it("types JSONL fields by their values, and writes every value back as it was", async () => {
    const rows = [
      { ...image, tag: "a", count: 1, weight: 1, flag: true, meta: { k: [1, 2] }, mixed: "x", reward: 9 },
      { ...image, tag: null, count: 2, weight: 0.5, flag: false, meta: null, mixed: 3 },
      { ...image, extra: "only here" },
    ];
    const input = join(dir, "typed.jsonl");
    await writeFile(input, rows.map((r) => JSON.stringify(r)).join("\n"));
    expect(await carriedColumns(input)).toEqual({
      carried: [
        { name: "tag", type: "STRING" },
        { name: "count", type: "INT64" },
        { name: "weight", type: "DOUBLE" },
        { name: "flag", type: "BOOLEAN" },
        { name: "meta", type: "JSON" },
        { name: "mixed", type: "JSON" },
        { name: "extra", type: "STRING" },
      ],
      mask: false,
    });
    const out = join(dir, "typed.parquet");
    await runCurate({ input, output: out, judge: fakeJudge(), minReward: 0 });
    const buffer = await readFile(out);
    const read = (await parquetReadObjects({ file: buffer.buffer.slice(buffer.byteOffset) })) as Array<
      Record<string, unknown>
    >;
    const carried = read.map(({ tag, count, weight, flag, meta, mixed, extra }) => ({
      tag,
      count: typeof count === "bigint" ? Number(count) : count,
      weight,
      flag,
      meta,
      mixed,
      extra,
    }));
    expect(carried).toEqual([
      { tag: "a", count: 1, weight: 1, flag: true, meta: { k: [1, 2] }, mixed: "x", extra: null },
      { tag: null, count: 2, weight: 0.5, flag: false, meta: null, mixed: 3, extra: null },
      { tag: null, count: null, weight: null, flag: null, meta: null, mixed: null, extra: "only here" },
    ]);
    // The input's own `reward` is replaced by the judge's, as in JSONL output.
    expect(read[0]?.reward).toBe(250 / 255);
  });

  it("types a Parquet input's columns from its schema", async () => {
    const input = join(dir, "typed.parquet");
    const buffer = parquetWriteBuffer({
      columnData: [
        { name: "source", data: ["img-100.png"], type: "STRING" },
        { name: "instruction", data: ["make it brighter"], type: "STRING" },
        { name: "edited", data: ["img-250.png"], type: "STRING" },
        { name: "n32", data: [7], type: "INT32" },
        { name: "when", data: [new Date(0)], type: "TIMESTAMP" },
        { name: "blob", data: [new Uint8Array([1, 2])], type: "BYTE_ARRAY" },
      ],
    });
    await writeFile(input, Buffer.from(buffer));
    expect(await carriedColumns(input)).toEqual({
      carried: [
        { name: "n32", type: "INT64" },
        { name: "when", type: "JSON" },
        { name: "blob", type: "BYTES" },
      ],
      mask: false,
    });
  });
});
