/**
 * Calibrates the content thresholds on the generated development pairs (never on ../shared/eval):
 * runs the models once per image (cached in .devbench-content/analysis.json), then sweeps the
 * object-score and identity-cosine thresholds and prints the follow/identity pair accuracy for each.
 *   npx tsx scripts/calibrate-content.ts [.devbench-content/pairs.jsonl]
 */
import { existsSync } from "node:fs";
import { readFile, writeFile } from "node:fs/promises";
import { dirname, join } from "node:path";
import { ContentAnalyzer } from "../src/content/content-analyzer.js";
import { ContentModels } from "../src/content/content-models.js";
import { isObjectOp } from "../src/content/content-ops.js";
import type { ImageContent } from "../src/content/content-types.js";
import { loadHuman } from "../src/content/load-human.js";
import { loadOcr } from "../src/content/load-ocr.js";
import { CONTENT_THRESHOLDS } from "../src/content/thresholds.js";
import { verifyIdentity } from "../src/content/verify-identity.js";
import { verifyObjectOp } from "../src/content/verify-objects.js";
import type { Principle } from "../src/contract/principle.js";
import { decodeImage } from "../src/image/decode-image.js";
import { matchContentEdits } from "../src/instruction/match-content-edits.js";

const file = process.argv[2] ?? ".devbench-content/pairs.jsonl";
const cachePath = join(dirname(file), "analysis.json");
interface Pair {
  source: string;
  instruction: string;
  candidates: [string, string];
  preferred: 0 | 1;
  category: string;
}
const at = (p: string) => join(dirname(file), p);
const items = (await readFile(file, "utf8"))
  .split("\n")
  .filter((l) => l.trim())
  .map((l) => JSON.parse(l) as Pair)
  .map((p) => ({
    ...p,
    source: at(p.source),
    candidates: [at(p.candidates[0]), at(p.candidates[1])] as [string, string],
  }))
  .filter((i) => i.category === "object" || i.category === "identity");
const cache: Record<string, ImageContent> = existsSync(cachePath)
  ? JSON.parse(await readFile(cachePath, "utf8"))
  : {};
const analyzer = new ContentAnalyzer(new ContentModels({ ocr: loadOcr, vision: loadHuman }));
for (const item of items) {
  for (const path of [item.source, ...item.candidates]) {
    if (cache[path]) continue;
    const img = await decodeImage({ kind: "path", path });
    cache[path] =
      item.category === "object"
        ? { objects: await analyzer.objects(img) }
        : { faces: await analyzer.faces(img) };
  }
}
await writeFile(cachePath, JSON.stringify(cache));

const P: Principle = { id: "p", kind: "follow", text: "", origin: "parser" };
const accuracy = (scores: Array<[number, number, 0 | 1]>) =>
  scores.filter(([a, b, pref]) => (pref === 0 ? a > b : b > a)).length / scores.length;

console.log("objectMinScore  object-follow-accuracy");
for (let s = 0.1; s <= 0.61; s += 0.05) {
  const thresholds = { ...CONTENT_THRESHOLDS, objectMinScore: s };
  const rows = items
    .filter((i) => i.category === "object")
    .map((i): [number, number, 0 | 1] => {
      const op = matchContentEdits(i.instruction).find(isObjectOp);
      if (!op) return [0, 0, i.preferred];
      const score = (c: string) =>
        verifyObjectOp(P, op, {
          source: cache[i.source]?.objects ?? [],
          candidate: cache[c]?.objects ?? [],
          thresholds,
        }).score ?? -1;
      return [score(i.candidates[0]), score(i.candidates[1]), i.preferred];
    });
  console.log(`${s.toFixed(2).padStart(14)}  ${accuracy(rows).toFixed(3)}`);
}
console.log("identityCosine  identity-keep-accuracy");
for (let c = 0.2; c <= 0.91; c += 0.05) {
  const rows = items
    .filter((i) => i.category === "identity")
    .map((i): [number, number, 0 | 1] => {
      const faces = (p: string) =>
        (cache[p]?.faces ?? []).filter((f) => f.score >= CONTENT_THRESHOLDS.faceMinScore);
      const passes = (p: string) => verifyIdentity(P, faces(i.source), faces(p), c).status === "pass";
      const [a, b] = i.candidates;
      // A pair counts as right when the preferred candidate passes and the other fails.
      const good = i.preferred === 0 ? a : b;
      const bad = i.preferred === 0 ? b : a;
      return passes(good) && !passes(bad) ? [1, 0, 0] : [0, 1, 0];
    });
  console.log(`${c.toFixed(2).padStart(14)}  ${accuracy(rows).toFixed(3)}`);
}
