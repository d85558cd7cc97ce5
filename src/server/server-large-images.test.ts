import sharp from "sharp";
import { beforeAll, describe, expect, it } from "vitest";
import type { CandidateResult } from "../contract/result.js";
import { prepareCase } from "../image/prepare-case.js";
import { ChecksJudge } from "../judges/checks/checks-judge.js";
import { fixturePhoto } from "../test-helpers/test-fixture.js";
import { postJson, testServers } from "./test-helpers/test-servers.js";

const start = testServers();
const b64 = (bytes: Buffer) => bytes.toString("base64");
const png = (s: sharp.Sharp) => s.png().toBuffer();

let large: Buffer;
let blurred: Buffer;
let jpeg: Buffer;
let small: Buffer;

beforeAll(async () => {
  // 2100×1400: working factor 3, so the server keeps these images compacted (reduced, with full-resolution tiles).
  large = await png(sharp(fixturePhoto("kodim05.png")).resize(2100, 1400));
  blurred = await png(sharp(large).blur(3));
  jpeg = await sharp(large).jpeg({ quality: 30 }).toBuffer();
  small = await png(sharp(large).resize(700, 467));
}, 60_000);

/** The case judged in this process from fully decoded images (no compaction): what the server must answer. */
async function expected(
  source: Buffer,
  instruction: string,
  candidates: Buffer[],
): Promise<CandidateResult[]> {
  const edit = await prepareCase({
    source: { kind: "bytes", bytes: new Uint8Array(source), name: "source" },
    instruction,
    candidates: candidates.map((c, i) => ({
      kind: "bytes" as const,
      bytes: new Uint8Array(c),
      name: `candidate-${i}`,
    })),
  });
  return (await new ChecksJudge().judge(edit)).candidates;
}

describe("reward server on large images (checks compacts them as they decode)", () => {
  it("answers as the judge does on fully decoded images, with images shared across groups and roles", async () => {
    // Without content models, so the expected results need no models (checks compacts either way).
    const server = await start({ judgeIds: ["checks"], judgeSettings: { content: "off" } });
    const groups = [
      // the same bytes as the source and as a candidate of the same size: one decode, one compacted form
      { id: "a", source: large, instruction: "blur the whole picture", candidates: [blurred, jpeg, large] },
      // the first group's candidate as this group's source, and its source as a candidate
      { id: "b", source: blurred, instruction: "sharpen the picture", candidates: [large, blurred] },
      // a large image as the candidate of a small source: compacted for another size, so decoded again
      { id: "c", source: small, instruction: "make it brighter", candidates: [large, small] },
    ];
    const res = await postJson(`${server.url}/v1/rewards`, {
      judge: "checks",
      groups: groups.map((g) => ({
        id: g.id,
        source: b64(g.source),
        instruction: g.instruction,
        candidates: g.candidates.map(b64),
      })),
    });
    expect(res.status).toBe(200);
    const body = (await res.json()) as { groups: Array<{ id: string; candidates: CandidateResult[] }> };
    const brief = (c: CandidateResult) => ({ reward: c.reward, dimensions: c.dimensions });
    for (const [i, g] of groups.entries()) {
      expect(body.groups[i]?.id).toBe(g.id);
      const want = await expected(g.source, g.instruction, g.candidates);
      expect(body.groups[i]?.candidates.map(brief)).toEqual(want.map(brief));
    }
    // the full result, verdicts and evidence included
    const [a] = groups;
    if (!a) throw new Error("no group");
    const one = await postJson(`${server.url}/v1/score`, {
      judge: "checks",
      source: b64(a.source),
      instruction: a.instruction,
      candidates: a.candidates.map(b64),
    });
    expect(one.status).toBe(200);
    const full = (await one.json()) as { candidates: CandidateResult[] };
    expect(JSON.stringify(full.candidates)).toBe(
      JSON.stringify(await expected(a.source, a.instruction, a.candidates)),
    );
  }, 120_000);
});
