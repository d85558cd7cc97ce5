import { mkdir, writeFile } from "node:fs/promises";
import { join } from "node:path";
import type { Img } from "./image-ops.js";

export interface PairRow {
  id: string;
  source: string;
  instruction: string;
  candidates: [string, string];
  preferred: 0 | 1;
  category: "text" | "object" | "identity";
  /** What the rejected candidate does wrong, for reading the results. */
  distractor: string;
}

/** Writes images under `dir/img/` and collects pairwise rows, with the preferred side set by `flip`. */
export class PairWriter {
  readonly rows: PairRow[] = [];
  readonly #dir: string;
  readonly #written = new Set<string>();

  constructor(dir: string) {
    this.#dir = dir;
  }

  async image(name: string, img: Img): Promise<string> {
    await mkdir(join(this.#dir, "img"), { recursive: true });
    await writeFile(join(this.#dir, "img", `${name}.png`), img.png);
    return `img/${name}.png`;
  }

  async pair(
    fields: { id: string; category: PairRow["category"]; instruction: string; distractor: string },
    source: { key: string; img: Img },
    good: Img,
    bad: Img,
    flip: boolean,
  ): Promise<void> {
    if (!this.#written.has(source.key)) await this.image(source.key, source.img);
    this.#written.add(source.key);
    const src = `img/${source.key}.png`;
    const g = await this.image(`${fields.id}-good`, good);
    const b = await this.image(`${fields.id}-bad`, bad);
    this.rows.push({ ...fields, source: src, candidates: flip ? [b, g] : [g, b], preferred: flip ? 1 : 0 });
  }

  async finish(): Promise<string> {
    const path = join(this.#dir, "pairs.jsonl");
    await writeFile(path, `${this.rows.map((r) => JSON.stringify(r)).join("\n")}\n`);
    return path;
  }
}
