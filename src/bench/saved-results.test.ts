import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { tableFromIPC } from "apache-arrow";
import { parquetMetadataAsync, parquetSchema } from "hyparquet";
import { readParquet } from "parquet-wasm/node";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { readStoredOutputs } from "./formats/stored-outputs.js";
import { type SavedResult, writeSavedResults } from "./saved-results.js";

let dir = "";
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), "ej-saved-"));
});
afterEach(() => rm(dir, { recursive: true, force: true }));

const results: SavedResult[] = [
  { id: "a", judge: "checks", rewards: [0.25, 0.75] },
  { id: "b", judge: "checks", rewards: [null, 0.5], error: "candidate 0: image_unreadable" },
  { id: "c", judge: "checks", rewards: [1] },
];

describe("bench --save-results", () => {
  it.each(["results.jsonl", "results.parquet"])("writes %s that --stored reads back", async (name) => {
    const path = join(dir, name);
    await writeSavedResults(path, results);
    const { judge, predictions } = await readStoredOutputs(path);
    expect(judge).toBe("checks");
    expect([...predictions.entries()]).toEqual([
      ["a", { kind: "scores", scores: [0.25, 0.75] }],
      ["b", { kind: "scores", scores: [null, 0.5], error: "candidate 0: image_unreadable" }],
      ["c", { kind: "scores", scores: [1] }],
    ]);
  });

  it("as Parquet, rewards are a list of doubles", async () => {
    const path = join(dir, "results.parquet");
    await writeSavedResults(path, results);
    const bytes = await readFile(path);
    const metadata = await parquetMetadataAsync(bytes.buffer.slice(bytes.byteOffset));
    const rewards = parquetSchema(metadata).children.find((c) => c.element.name === "rewards");
    expect(rewards?.element.converted_type).toBe("LIST");
    expect(rewards?.children[0]?.children[0]?.element.type).toBe("DOUBLE");
    // Apache Arrow's reader (arrow-rs, in parquet-wasm) sees a list of doubles too.
    const table = tableFromIPC(readParquet(new Uint8Array(bytes)).intoIPCStream());
    expect(String(table.schema.fields.find((f) => f.name === "rewards")?.type)).toMatch(/^List<Float64>$/);
    expect([...(table.getChild("rewards")?.get(1) ?? [])]).toEqual([null, 0.5]);
  });
});
