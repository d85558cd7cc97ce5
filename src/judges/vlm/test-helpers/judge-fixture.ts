import { mkdtempSync } from "node:fs";
import { writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import sharp from "sharp";
import { type FakeServer, startFakeOpenAiServer } from "../../../backends/test-helpers/fake-openai-server.js";
import type { PreparedCase } from "../../../contract/edit-case.js";
import { prepareCase } from "../../../image/prepare-case.js";
import { type FakeVlmScript, fakeVlm } from "./fake-vlm.js";

/** Writes tiny solid-colour PNGs (source + n candidates) and returns their paths. */
export async function writeImages(n: number): Promise<{ dir: string; source: string; candidates: string[] }> {
  const dir = mkdtempSync(join(tmpdir(), "ej-vlm-"));
  const png = (r: number, g: number, b: number) =>
    sharp({ create: { width: 16, height: 12, channels: 3, background: { r, g, b } } })
      .png()
      .toBuffer();
  const source = join(dir, "source.png");
  await writeFile(source, await png(10, 20, 30));
  const candidates: string[] = [];
  for (let i = 0; i < n; i++) {
    const path = join(dir, `cand-${i}.png`);
    await writeFile(path, await png(40 + i * 10, 20, 30));
    candidates.push(path);
  }
  return { dir, source, candidates };
}

export async function preparedCase(n: number, principles?: string[]): Promise<PreparedCase> {
  const files = await writeImages(n);
  return prepareCase({
    source: { kind: "path", path: files.source },
    instruction: "make the sky purple",
    candidates: files.candidates.map((path) => ({ kind: "path", path })),
    ...(principles ? { principles } : {}),
  });
}

export function startFakeVlm(script: FakeVlmScript): Promise<FakeServer> {
  return startFakeOpenAiServer(fakeVlm(script));
}
