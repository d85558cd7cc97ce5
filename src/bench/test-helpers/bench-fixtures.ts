import { writeFile } from "node:fs/promises";
import { join } from "node:path";
import { parquetWriteBuffer } from "hyparquet-writer";
import sharp from "sharp";
import { fixturePhoto } from "../../test-helpers/test-fixture.js";

const PHOTO = fixturePhoto("kodim01.png");

/** Small PNGs from a vendored photo: the source and three edits of it. */
export async function makeImages(): Promise<Record<"source" | "bright" | "dark" | "gray", Uint8Array>> {
  const base = sharp(PHOTO).resize(96, 64);
  const source = await base.clone().png().toBuffer();
  return {
    source: new Uint8Array(source),
    bright: new Uint8Array(await sharp(source).modulate({ brightness: 1.5 }).png().toBuffer()),
    dark: new Uint8Array(await sharp(source).modulate({ brightness: 0.5 }).png().toBuffer()),
    gray: new Uint8Array(await sharp(source).grayscale().png().toBuffer()),
  };
}

const text = (name: string, optional = true) => ({
  name,
  type: "BYTE_ARRAY" as const,
  converted_type: "UTF8" as const,
  repetition_type: optional ? ("OPTIONAL" as const) : ("REQUIRED" as const),
});
/** A Hugging Face `Image` column: struct {bytes, path}. */
const imageColumn = (name: string) => [
  { name, repetition_type: "OPTIONAL" as const, num_children: 2 },
  { name: "bytes", type: "BYTE_ARRAY" as const, repetition_type: "OPTIONAL" as const },
  text("path"),
];
const image = (bytes: Uint8Array, path: string) => ({ bytes, path });

async function write(
  path: string,
  schema: object[],
  columnData: Array<{ name: string; data: unknown[] }>,
): Promise<string> {
  const buffer = parquetWriteBuffer({
    schema: [{ name: "root", num_children: columnData.length }, ...schema] as never,
    columnData: columnData as never,
  });
  await writeFile(path, new Uint8Array(buffer));
  return path;
}

/** EditReward-Bench as per-comparison rows (the Hub's 3pair config): one 3-way group in three rows. */
export async function writeEditRewardComparisons(
  dir: string,
  rankings = ["B>A", "C>A", "B>C"],
): Promise<string> {
  const img = await makeImages();
  const byLetter: Record<string, Uint8Array> = { A: img.dark, B: img.bright, C: img.gray };
  const types = ["AvsB", "AvsC", "BvsC"];
  return write(
    join(dir, "editreward-3pair.parquet"),
    [
      text("id", false),
      text("instruction"),
      text("dataset"),
      text("ranking"),
      text("comparison_type"),
      ...imageColumn("source_image"),
      ...["candidate_1", "candidate_2"].flatMap(imageColumn),
    ],
    [
      { name: "id", data: types.map((t) => `g3_${t}`) },
      { name: "instruction", data: types.map(() => "make it brighter") },
      { name: "dataset", data: types.map(() => "3pair") },
      { name: "ranking", data: rankings },
      { name: "comparison_type", data: types },
      { name: "source_image", data: types.map(() => image(img.source, "s.png")) },
      {
        name: "candidate_1",
        data: types.map((t) => image(byLetter[t[0] as string] as Uint8Array, `${t[0]}.png`)),
      },
      {
        name: "candidate_2",
        data: types.map((t) => image(byLetter[t[3] as string] as Uint8Array, `${t[3]}.png`)),
      },
    ],
  );
}

/** EditReward-Bench (TIGER-Lab) layout: one 2pair row and one 3pair row. */
export async function writeEditRewardParquet(dir: string): Promise<string> {
  const img = await makeImages();
  return write(
    join(dir, "editreward.parquet"),
    [
      text("id", false),
      text("instruction"),
      text("dataset"),
      text("ranking"),
      ...imageColumn("source_image"),
      ...["candidate_1", "candidate_2", "candidate_3"].flatMap(imageColumn),
    ],
    [
      { name: "id", data: ["g1", "g2"] },
      { name: "instruction", data: ["make it brighter", "make it brighter"] },
      { name: "dataset", data: ["2pair", "3pair"] },
      { name: "ranking", data: ["A>B", "B>C>A"] },
      { name: "source_image", data: [image(img.source, "s.png"), image(img.source, "s.png")] },
      { name: "candidate_1", data: [image(img.bright, "b.png"), image(img.dark, "d.png")] },
      { name: "candidate_2", data: [image(img.dark, "d.png"), image(img.bright, "b.png")] },
      { name: "candidate_3", data: [null, image(img.gray, "g.png")] },
    ],
  );
}

/** EditScore layout: `output_images` list, preferred first. */
export async function writeEditScoreParquet(dir: string): Promise<string> {
  const img = await makeImages();
  const list = [
    { name: "output_images", repetition_type: "OPTIONAL", converted_type: "LIST", num_children: 1 },
    { name: "list", repetition_type: "REPEATED", num_children: 1 },
    ...imageColumn("element"),
  ];
  return write(
    join(dir, "editscore.parquet"),
    [text("instruction"), text("task_type"), text("dimension"), ...imageColumn("input_image"), ...list],
    [
      { name: "instruction", data: ["make it brighter", "make it darker", "make it black and white"] },
      { name: "task_type", data: ["tone", "tone", "color"] },
      { name: "dimension", data: ["overall", "overall", "overall"] },
      { name: "input_image", data: [img.source, img.source, img.source].map((b) => image(b, "s.png")) },
      {
        name: "output_images",
        data: [
          [image(img.bright, "b.png"), image(img.dark, "d.png")],
          [image(img.dark, "d.png"), image(img.bright, "b.png")],
          [image(img.gray, "g.png"), image(img.bright, "b.png")],
        ],
      },
    ],
  );
}

/** GenAI-Bench-on-the-Hub layout: left/right output images and a `vote_type`, images as raw bytes. */
export async function writeHfParquet(dir: string): Promise<string> {
  const img = await makeImages();
  const bytes = (name: string) => ({ name, type: "BYTE_ARRAY", repetition_type: "OPTIONAL" });
  return write(
    join(dir, "genai-hf.parquet"),
    [
      text("instruct_prompt"),
      text("vote_type"),
      bytes("source_image"),
      bytes("left_output_image"),
      bytes("right_output_image"),
    ],
    [
      { name: "instruct_prompt", data: ["make it brighter", "make it darker", "make it black and white"] },
      { name: "vote_type", data: ["leftvote", "rightvote", "bothbad_vote"] },
      { name: "source_image", data: [img.source, img.source, img.source] },
      { name: "left_output_image", data: [img.bright, img.bright, img.bright] },
      { name: "right_output_image", data: [img.dark, img.dark, img.dark] },
    ],
  );
}

/** EditJudge JSONL with image paths (the original pairwise form), images written beside it. */
export async function writeItemsJsonl(dir: string, count = 4): Promise<string> {
  const img = await makeImages();
  for (const [name, bytes] of Object.entries(img)) await writeFile(join(dir, `${name}.png`), bytes);
  const lines = Array.from({ length: count }, (_, i) =>
    JSON.stringify({
      id: `p${i}`,
      source: "source.png",
      instruction: i % 2 === 0 ? "make it brighter" : "make it darker",
      candidates: i % 2 === 0 ? ["bright.png", "dark.png"] : ["bright.png", "dark.png"],
      preferred: i % 2 === 0 ? 0 : 1,
      category: i % 2 === 0 ? "brighter" : "darker",
    }),
  );
  const path = join(dir, "pairs.jsonl");
  await writeFile(path, `${lines.join("\n")}\n`);
  return path;
}
