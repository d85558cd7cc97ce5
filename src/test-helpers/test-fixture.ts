import { resolve } from "node:path";

/** The repository's vendored test fixtures (see test-fixtures/README.md for their sources and licences). */
export const FIXTURES_DIR = resolve(import.meta.dirname, "../../test-fixtures");

/** The GenAI-Bench image-editing vote files (gpt4o, gemini-1.5-pro, blip2), unchanged, MIT. */
export const GENAI_BENCH_DIR = resolve(FIXTURES_DIR, "genai-bench-image-edition");

/** The vendored photos: Kodak kodim01, kodim05 and kodim12 (768×512). */
export type FixturePhoto = "kodim01.png" | "kodim05.png" | "kodim12.png";

/** Absolute path of one vendored photo. */
export function fixturePhoto(name: FixturePhoto): string {
  return resolve(FIXTURES_DIR, "photos", name);
}
