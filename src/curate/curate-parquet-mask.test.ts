import { existsSync } from "node:fs";
import { mkdir, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { tableFromIPC } from "apache-arrow";
import { parquetMetadata, parquetReadObjects, parquetSchema } from "hyparquet";
import { readParquet } from "parquet-wasm/node";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ChecksJudge } from "../judges/checks/checks-judge.js";
import { writeMaskDatasets } from "../test-helpers/mask-datasets.js";
import { runCurate } from "./run-curate.js";

const PHOTO = fileURLToPath(new URL("../../../shared/photos/kodim05.png", import.meta.url));
const HAVE_PHOTO = existsSync(PHOTO);
if (!HAVE_PHOTO) console.warn(`curate Parquet mask tests skipped: ${PHOTO} is missing (../shared/photos)`);

type Row = Record<string, unknown>;
interface Struct {
  bytes: Uint8Array | null;
  path: string | null;
}

const KINDS = ["JSONL", "Parquet"] as const;
let dir = "";
let files: Awaited<ReturnType<typeof writeMaskDatasets>>;
const judge = new ChecksJudge();
const curate = (input: string, output: string) => runCurate({ input, output, judge, minReward: 0.5 });
/** Each input's Parquet OUT. */
const out = (kind: (typeof KINDS)[number]) => join(dir, `kept-${kind}.parquet`);
const inputOf = (kind: (typeof KINDS)[number]) =>
  kind === "JSONL" ? files.curateJsonl : files.curateParquet;

beforeAll(async () => {
  if (!HAVE_PHOTO) return;
  dir = await mkdtemp(join(tmpdir(), "ej-curate-pq-mask-"));
  files = await writeMaskDatasets(dir, PHOTO);
  for (const kind of KINDS) await curate(inputOf(kind), out(kind));
}, 120_000);
afterAll(async () => {
  await judge.close();
  if (dir) await rm(dir, { recursive: true, force: true });
});

const file = async (path: string) => {
  const buffer = await readFile(path);
  return buffer.buffer.slice(buffer.byteOffset, buffer.byteOffset + buffer.byteLength);
};
/** A Parquet file's rows, read with hyparquet as curate reads them. */
const readRows = async (path: string) =>
  (await parquetReadObjects({ file: await file(path), utf8: false })) as Row[];
const png = (name: string) => readFile(join(dir, name));
const same = (a: Uint8Array | null | undefined, b: Uint8Array) => a != null && Buffer.from(a).equals(b);
/** The decision, without the part of an error message that names where an image came from. */
const verdict = (r: Row) => [r.id, r.reward, String(r.reason ?? "kept").replace(/:.*$/, "")];

describe.skipIf(!HAVE_PHOTO)("curate writes a mask as a Hugging Face image in Parquet output", () => {
  for (const kind of KINDS) {
    it(`${kind} in: mask is an {bytes, path} image column of kept rows and rejects, declared Image`, async () => {
      const kept = await readRows(out(kind));
      const rejected = await readRows(`${out(kind)}.rejects.parquet`);
      expect(kept.map((r) => r.id)).toEqual(["inpainted"]);
      expect(rejected.map((r) => r.id)).toEqual(["spilled", "wrong-mask"]);
      expect(rejected[0]?.reason).toMatch(/^reward 0\.\d+ < min-reward 0\.5/);
      expect(rejected[1]?.reason).toMatch(/^error mask_size_mismatch: /);
      const masks = [...kept, ...rejected].map((r) => r.mask as Struct);
      expect(masks.map((m) => m.path)).toEqual(["mask.png", "mask.png", "square.png"]);
      expect(same(masks[0]?.bytes, await png("mask.png"))).toBe(true);
      expect(same(masks[2]?.bytes, await png("square.png"))).toBe(true);
      for (const path of [out(kind), `${out(kind)}.rejects.parquet`]) {
        const metadata = parquetMetadata(await file(path));
        const columns = parquetSchema(metadata).children;
        // After the images, never among the carried fields.
        expect(columns.map((c) => c.element.name).slice(0, 5)).toEqual([
          "source",
          "instruction",
          "edited",
          "mask",
          "id",
        ]);
        expect(columns.filter((c) => c.element.name === "mask").length).toBe(1);
        expect(columns[3]?.children.map((c) => c.element.name)).toEqual(["bytes", "path"]);
        const hf = metadata.key_value_metadata?.find((kv) => kv.key === "huggingface")?.value ?? "{}";
        expect(JSON.parse(hf).info.features.mask).toEqual({ _type: "Image" });
      }
    });

    it(`${kind} in: the same verdicts as JSONL output, which keeps the mask as the input had it`, async () => {
      const jsonl = join(dir, `kept-${kind}.jsonl`);
      await curate(inputOf(kind), jsonl);
      const lines = async (path: string) =>
        (await readFile(path, "utf8"))
          .trim()
          .split("\n")
          .map((l) => JSON.parse(l) as Row);
      const fromJsonl = [...(await lines(jsonl)), ...(await lines(`${jsonl}.rejects.jsonl`))];
      const fromParquet = [
        ...(await readRows(out(kind))),
        ...(await readRows(`${out(kind)}.rejects.parquet`)),
      ];
      expect(fromParquet.map((r) => [...verdict(r), Number(r.row)])).toEqual(
        fromJsonl.map((r) => [...verdict(r), r.row]),
      );
      const mask = fromJsonl[0]?.mask;
      if (kind === "JSONL") expect(mask).toBe("mask.png");
      else
        expect(mask).toEqual({
          bytes: `data:image/png;base64,${(await png("mask.png")).toString("base64")}`,
          path: "mask.png",
        });
    });

    it(`${kind} in: curating the Parquet outputs again keeps the masks and the verdicts`, async () => {
      for (const [first, again] of [
        [out(kind), join(dir, `again-${kind}.parquet`)],
        [`${out(kind)}.rejects.parquet`, join(dir, `again-rejects-${kind}.parquet`)],
      ] as const) {
        await curate(first, again);
        const before = await readRows(first);
        const after = [...(await readRows(again)), ...(await readRows(`${again}.rejects.parquet`))];
        // The same judge decides the same with the mask read back from the output (the wrong-shaped one included).
        expect(after.map(verdict)).toEqual(before.map(verdict));
        expect(after.map((r) => (r.mask as Struct).path)).toEqual(before.map((r) => (r.mask as Struct).path));
        expect(after.map((r) => Buffer.from((r.mask as Struct).bytes ?? []).toString("hex"))).toEqual(
          before.map((r) => Buffer.from((r.mask as Struct).bytes ?? []).toString("hex")),
        );
      }
    });

    it(`${kind} in: Apache Arrow's Parquet reader (parquet-wasm) reads the mask as an Image struct`, async () => {
      for (const path of [out(kind), `${out(kind)}.rejects.parquet`]) {
        const table = tableFromIPC(readParquet(new Uint8Array(await readFile(path))).intoIPCStream());
        expect(table.schema.fields.slice(0, 5).map((f) => `${f.name}:${f.type}`)).toEqual([
          "source:Struct<{bytes:Binary, path:Utf8}>",
          "instruction:Utf8",
          "edited:Struct<{bytes:Binary, path:Utf8}>",
          "mask:Struct<{bytes:Binary, path:Utf8}>",
          "id:Utf8",
        ]);
        expect(JSON.parse(table.schema.metadata.get("huggingface") ?? "{}").info.features.mask).toEqual({
          _type: "Image",
        });
        const mask = table.getChild("mask")?.get(0) as Struct;
        expect(mask.path).toBe("mask.png");
        expect(same(mask.bytes, await png("mask.png"))).toBe(true);
      }
    });
  }

  it("a row without a mask has a null mask; JSONL output of a Parquet input is curated to Parquet from its data URLs", async () => {
    // The Parquet input's JSONL output, where its paths do not resolve: the images come from the data URLs.
    const elsewhere = join(dir, "elsewhere");
    await mkdir(elsewhere);
    const jsonl = join(dir, "kept-Parquet.jsonl");
    if (!existsSync(jsonl)) await curate(files.curateParquet, jsonl);
    const rows = [
      ...(await readFile(jsonl, "utf8")).trim().split("\n"),
      ...(await readFile(`${jsonl}.rejects.jsonl`, "utf8")).trim().split("\n"),
    ].map((l) => JSON.parse(l) as Row);
    const { mask: _mask, ...unmasked } = rows[0] as Row;
    const input = join(elsewhere, "mixed.jsonl");
    await writeFile(
      input,
      [...rows, { ...unmasked, id: "unmasked" }].map((r) => JSON.stringify(r)).join("\n"),
    );
    const output = join(elsewhere, "kept.parquet");
    await curate(input, output);
    const written = [...(await readRows(output)), ...(await readRows(`${output}.rejects.parquet`))];
    const byId = new Map(written.map((r) => [r.id, r]));
    expect((byId.get("unmasked") as Row).mask).toBeNull();
    const mask = (byId.get("inpainted") as Row).mask as Struct;
    expect(same(mask.bytes, await png("mask.png"))).toBe(true);
    expect(mask.path).toBe("mask.png");
    expect(verdict(byId.get("spilled") as Row)[2]).toMatch(/^reward 0\.\d+ < min-reward 0\.5$/);
    expect(verdict(byId.get("wrong-mask") as Row)[2]).toBe("error mask_size_mismatch");
  });
});
