/**
 * Generates the content families of the development benchmark (text, object, identity) from
 * ../shared/photos into .devbench-content/pairs.jsonl, in EditJudge's pairwise JSONL.
 *   npx tsx scripts/gen-dev-bench-content.ts [outDir]
 */
import { rm } from "node:fs/promises";
import { loadHuman } from "../src/content/load-human.js";
import { faceSources, identityFamily } from "./lib-content/identity-family.js";
import { findCrops } from "./lib-content/object-crops.js";
import { objectFamily } from "./lib-content/object-family.js";
import { PairWriter } from "./lib-content/pair-writer.js";
import { makeRng } from "./lib-content/rng.js";
import { stopSign } from "./lib-content/stop-sign.js";
import { textFamily } from "./lib-content/text-family.js";

const TEXT_PHOTOS = [
  "kodim01.png",
  "kodim02.png",
  "kodim03.png",
  "kodim05.png",
  "kodim06.png",
  "kodim07.png",
  "kodim08.png",
  "kodim09.png",
  "kodim10.png",
  "kodim11.png",
  "chelsea.png",
  "coffee.png",
];
const BACKGROUNDS = [
  "kodim01.png",
  "kodim02.png",
  "kodim03.png",
  "kodim05.png",
  "kodim07.png",
  "kodim08.png",
  "kodim09.png",
  "kodim11.png",
];

const dir = process.argv[2] ?? ".devbench-content";
await rm(dir, { recursive: true, force: true });
const out = new PairWriter(dir);
const rng = makeRng(20261126);
const vision = await loadHuman();
const person = await findCrops(vision, "kodim12.png", "person", 0.5);
const sign = await stopSign();
if (person.length === 0) throw new Error("the detector found no person crops to paste in kodim12.png");
const families = (process.env.FAMILIES ?? "text,object,identity").split(",");
if (families.includes("text")) await textFamily(out, TEXT_PHOTOS, rng);
if (families.includes("object")) await objectFamily(out, BACKGROUNDS, { person, sign }, rng);
if (families.includes("identity")) await identityFamily(out, await faceSources(vision), sign, rng);
const path = await out.finish();
const count = (c: string) => out.rows.filter((r) => r.category === c).length;
console.log(
  `${path}: ${out.rows.length} pairs (text ${count("text")}, object ${count("object")}, identity ${count("identity")})`,
);
