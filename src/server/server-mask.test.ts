import { existsSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { beforeAll, describe, expect, it } from "vitest";
import type { JudgeResult } from "../contract/result.js";
import { type MaskCaseImages, maskCaseImages } from "../judges/checks/test-helpers/mask-cases.js";
import { postJson, testServers } from "./test-helpers/test-servers.js";

const PHOTO = fileURLToPath(new URL("../../../shared/photos/kodim05.png", import.meta.url));
const HAVE_PHOTO = existsSync(PHOTO);
if (!HAVE_PHOTO) console.warn(`server mask tests skipped: ${PHOTO} is missing (../shared/photos)`);

const start = testServers();
let img: MaskCaseImages;
const b64 = (bytes: Uint8Array) => Buffer.from(bytes).toString("base64");
const instruction = "remove the object and fill in the background";

beforeAll(async () => {
  if (HAVE_PHOTO) img = await maskCaseImages(PHOTO);
}, 60_000);

describe.skipIf(!HAVE_PHOTO)("reward server with a mask", () => {
  it("/v1/score passes the mask to the checks judge: a spill outside it fails keep, with where", async () => {
    const server = await start({ judgeIds: ["checks"] });
    const res = await postJson(`${server.url}/v1/score`, {
      source: b64(img.source),
      mask: `data:image/png;base64,${b64(img.mask)}`,
      instruction,
      candidates: [b64(img.candidates.inpainted), { base64: b64(img.candidates.spilled) }],
    });
    expect(res.status).toBe(200);
    const body = (await res.json()) as JudgeResult;
    const keep = (i: number) => body.candidates[i]?.verdicts.find((v) => v.principleId === "keep-1");
    expect(keep(0)?.status).toBe("pass");
    expect(keep(1)?.status).toBe("fail");
    expect(keep(1)?.evidence.measurements.spillPlace).toBe("top-left");
    expect(body.candidates[0]?.reward as number).toBeGreaterThan(body.candidates[1]?.reward as number);
  });

  it("/v1/rewards uses each group's mask, and a mask of another shape fails only its group", async () => {
    const server = await start({ judgeIds: ["checks"] });
    const group = {
      source: b64(img.source),
      instruction,
      candidates: [b64(img.candidates.inpainted), b64(img.candidates.spilled)],
    };
    const res = await postJson(`${server.url}/v1/rewards`, {
      groups: [
        { id: "masked", ...group, mask: b64(img.mask) },
        { id: "wrong-mask", ...group, mask: b64(img.squareMask) },
      ],
    });
    expect(res.status).toBe(200);
    const body = (await res.json()) as {
      groups: Array<{
        id: string;
        candidates: Array<{ reward: number | null }>;
        error?: { code: string; message: string };
      }>;
    };
    const [masked, wrong] = body.groups;
    const [good, spilled] = masked?.candidates.map((c) => c.reward as number) ?? [];
    expect(good).toBeGreaterThan(spilled as number);
    expect(spilled).toBeLessThan(0.5);
    expect(wrong?.error?.code).toBe("mask_size_mismatch");
    expect(wrong?.error?.message).toMatch(/^mask is 256×256 but the source is 384×256/);
  });
});
