import { writeFile } from "node:fs/promises";
import { join } from "node:path";
import { parquetWriteBuffer } from "hyparquet-writer";
import { maskCaseImages } from "../judges/checks/test-helpers/mask-cases.js";

const text = (name: string) => ({
  name,
  type: "BYTE_ARRAY" as const,
  converted_type: "UTF8" as const,
  repetition_type: "OPTIONAL" as const,
});
/** A Hugging Face `Image` column: struct {bytes, path}. */
const imageColumn = (name: string) => [
  { name, repetition_type: "OPTIONAL" as const, num_children: 2 },
  { name: "bytes", type: "BYTE_ARRAY" as const, repetition_type: "OPTIONAL" as const },
  text("path"),
];

async function writeParquet(
  path: string,
  schema: object[],
  columns: Array<{ name: string; data: unknown[] }>,
) {
  const buffer = parquetWriteBuffer({
    schema: [{ name: "root", num_children: columns.length }, ...schema] as never,
    columnData: columns as never,
  });
  await writeFile(path, new Uint8Array(buffer));
  return path;
}

export const MASK_INSTRUCTION = "remove the object and fill in the background";

/**
 * Mask datasets in `dir`, from the mask test images of a photo: the PNGs, then
 * - curate JSONL and Parquet rows `{source, instruction, edited, mask}`: inpainted (keep), spilled (reject),
 *   inpainted with a mask of another shape (reject with the size error);
 * - a bench pairwise JSONL and an HF Parquet with a `mask` image column: inpainted preferred over spilled.
 */
export async function writeMaskDatasets(dir: string, photo: string) {
  const img = await maskCaseImages(photo);
  const png: Record<string, Uint8Array> = {
    source: img.source,
    mask: img.mask,
    square: img.squareMask,
    inpainted: img.candidates.inpainted,
    spilled: img.candidates.spilled,
  };
  for (const [name, bytes] of Object.entries(png)) await writeFile(join(dir, `${name}.png`), bytes);
  const rows = [
    { id: "inpainted", edited: "inpainted.png", mask: "mask.png" },
    { id: "spilled", edited: "spilled.png", mask: "mask.png" },
    { id: "wrong-mask", edited: "inpainted.png", mask: "square.png" },
  ];
  const curateJsonl = join(dir, "curate.jsonl");
  await writeFile(
    curateJsonl,
    `${rows.map((r) => JSON.stringify({ ...r, source: "source.png", instruction: MASK_INSTRUCTION })).join("\n")}\n`,
  );
  const struct = (name: string) => ({ bytes: png[name.replace(".png", "")], path: name });
  const curateParquet = await writeParquet(
    join(dir, "curate.parquet"),
    [
      text("id"),
      text("instruction"),
      ...imageColumn("source"),
      ...imageColumn("edited"),
      ...imageColumn("mask"),
    ],
    [
      { name: "id", data: rows.map((r) => r.id) },
      { name: "instruction", data: rows.map(() => MASK_INSTRUCTION) },
      { name: "source", data: rows.map(() => struct("source.png")) },
      { name: "edited", data: rows.map((r) => struct(r.edited)) },
      { name: "mask", data: rows.map((r) => struct(r.mask)) },
    ],
  );
  const benchJsonl = join(dir, "pairs.jsonl");
  await writeFile(
    benchJsonl,
    `${JSON.stringify({
      id: "masked",
      source: "source.png",
      mask: "mask.png",
      instruction: MASK_INSTRUCTION,
      candidates: ["spilled.png", "inpainted.png"],
      preferred: 1,
      category: "inpainting",
    })}\n`,
  );
  const benchParquet = await writeParquet(
    join(dir, "pairs.parquet"),
    [
      text("instruction"),
      text("ranking"),
      ...imageColumn("source_image"),
      ...imageColumn("left_output_image"),
      ...imageColumn("right_output_image"),
      ...imageColumn("mask"),
    ],
    [
      { name: "instruction", data: [MASK_INSTRUCTION] },
      { name: "ranking", data: ["B>A"] },
      { name: "source_image", data: [struct("source.png")] },
      { name: "left_output_image", data: [struct("spilled.png")] },
      { name: "right_output_image", data: [struct("inpainted.png")] },
      { name: "mask", data: [struct("mask.png")] },
    ],
  );
  return { curateJsonl, curateParquet, benchJsonl, benchParquet };
}
