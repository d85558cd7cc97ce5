import { writeFile } from "node:fs/promises";
import { join } from "node:path";
import sharp from "sharp";

/** Reds of the generated images; the fake judge's reward is red/255 and red 0 abstains. */
export const REDS = [0, 50, 100, 150, 200, 250] as const;

/**
 * Writes a small dataset into `dir`: `rows` JSONL rows cycling through the images, plus a few bad rows
 * (invalid JSON, missing instruction, missing file). Returns the JSONL path.
 */
export async function writeDataset(dir: string, rows: number): Promise<string> {
  for (const red of REDS) {
    const png = await sharp({
      create: { width: 16, height: 16, channels: 3, background: { r: red, g: 90, b: 90 } },
    })
      .png()
      .toBuffer();
    await writeFile(join(dir, `img-${red}.png`), png);
  }
  const lines: string[] = [];
  for (let i = 0; i < rows; i++) {
    if (i % 11 === 5) lines.push("{not json");
    else if (i % 13 === 7)
      lines.push(JSON.stringify({ id: i, source: "img-100.png", edited: "img-200.png" }));
    else if (i % 17 === 3)
      lines.push(
        JSON.stringify({ id: i, source: "img-100.png", instruction: "brighter", edited: "missing.png" }),
      );
    else {
      const red = REDS[i % REDS.length];
      lines.push(
        JSON.stringify({
          id: i,
          source: "img-100.png",
          instruction: "make it brighter",
          edited: `img-${red}.png`,
        }),
      );
    }
  }
  const path = join(dir, "data.jsonl");
  await writeFile(path, `${lines.join("\n")}\n`);
  return path;
}
