import { readFile, writeFile } from "node:fs/promises";
import sharp from "sharp";
import type { BenchRun } from "../bench/run-bench.js";
import type { ImageInput } from "../contract/image.js";
import { renderHtmlReport } from "./render-html-report.js";

/** A small JPEG data URI of an image, or null when it cannot be read (the report still renders). */
export async function thumbnailDataUri(image: ImageInput, size = 128): Promise<string | null> {
  try {
    const bytes = image.kind === "bytes" ? image.bytes : await readFile(image.path);
    const jpeg = await sharp(bytes, { limitInputPixels: 100_000_000 })
      .rotate()
      .resize(size, size, { fit: "inside" })
      .flatten({ background: "#ffffff" })
      .jpeg({ quality: 70 })
      .toBuffer();
    return `data:image/jpeg;base64,${jpeg.toString("base64")}`;
  } catch {
    return null;
  }
}

/** Writes the self-contained HTML report, inlining thumbnails of the items in the disagreement tables. */
export async function writeBenchReport(run: BenchRun, path: string, now: Date = new Date()): Promise<void> {
  const needed = new Set(
    run.runs.flatMap((r) =>
      r.outcomes
        .filter((o) => o.voteCorrect === false || (o.voteCorrect === null && o.allPairsCorrect === false))
        .slice(0, 25)
        .map((o) => o.id),
    ),
  );
  const thumbs = new Map<string, string[]>();
  for (const item of run.dataset.items) {
    if (!needed.has(item.id) || !item.source || !item.candidates) continue;
    const uris = await Promise.all([item.source, ...item.candidates].map((img) => thumbnailDataUri(img)));
    thumbs.set(
      item.id,
      uris.map((u) => u ?? ""),
    );
  }
  await writeFile(path, renderHtmlReport(run, thumbs, now.toISOString()));
}
