import { describe, expect, it } from "vitest";
import type { OcrLine } from "../../content/content-types.js";
import type { PreparedCase } from "../../contract/edit-case.js";
import type { DecodedImage } from "../../contract/image.js";
import { ModelLoadError } from "../../errors/model-load-error.js";
import { ChecksJudge } from "./checks-judge.js";
import { ModelContentStage } from "./model-content-stage.js";

function image(name: string): DecodedImage {
  const rgb = new Uint8Array(8 * 8 * 3).fill(name.length * 10);
  return { name, width: 8, height: 8, rgb, hadAlpha: false, format: "png", sha256: name, encoded: rgb };
}

const SALE: OcrLine = { text: "SALE", confidence: 0.99, box: [0.3, 0.05, 0.7, 0.2] };

/** Fake engines: candidates named "good…" show SALE at the top, the source shows nothing. */
function countingLoaders() {
  const loads = { ocr: 0, vision: 0 };
  const loaders = {
    ocr: async () => {
      loads.ocr++;
      return { read: async (img: DecodedImage) => (img.name.startsWith("good") ? [SALE] : []) };
    },
    vision: async () => {
      loads.vision++;
      return { objects: async () => [], faces: async () => [] };
    },
  };
  return { loads, loaders };
}

describe("ModelContentStage", () => {
  it("loads each model once for a case with 10 candidates", async () => {
    const { loads, loaders } = countingLoaders();
    const judge = new ChecksJudge({ contentStage: new ModelContentStage({ loaders }) });
    const candidates = Array.from({ length: 10 }, (_, i) => image(i % 2 ? `good${i}` : `bad${i}`));
    const edit: PreparedCase = {
      source: image("src"),
      instruction: "add the text 'SALE' at the top",
      candidates,
    };
    const result = await judge.judge(edit);
    await judge.judge(edit);
    expect(loads).toEqual({ ocr: 1, vision: 1 });
    const follow = result.principles.find((p) => p.op?.op === "text-add");
    expect(follow).toBeDefined();
    const statuses = result.candidates.map(
      (c) => c.verdicts.find((v) => v.principleId === follow?.id)?.status,
    );
    expect(statuses).toEqual(candidates.map((c) => (c.name.startsWith("good") ? "pass" : "fail")));
  });

  it("replaces the generic keep principle with an outside-region one", async () => {
    const { loaders } = countingLoaders();
    const stage = new ModelContentStage({ loaders });
    const edit: PreparedCase = {
      source: image("src"),
      instruction: "add the text 'SALE' at the top",
      candidates: [image("good")],
    };
    const principles = await stage.principlesFor(edit, [
      {
        id: "follow-1",
        kind: "follow",
        text: "x",
        op: { op: "text-add", text: "SALE", position: "top" },
        origin: "parser",
      },
      { id: "keep-1", kind: "keep", text: "content kept", scope: "content", origin: "parser" },
    ]);
    const keep = principles.find((p) => p.id === "keep-1");
    expect(keep?.scope).toBe("outside-region");
    expect(keep?.region).toMatchObject({ x0: 0, y0: 0, x1: 1 });
    expect(await stage.verify(keep as NonNullable<typeof keep>, edit, 0)).toBeNull();
  });

  it("abstains with the load error when a model package is missing", async () => {
    const stage = new ModelContentStage({
      loaders: {
        ocr: async () => {
          throw new ModelLoadError("ocr", "cannot load the OCR package @gutenye/ocr-node; install it");
        },
        vision: async () => {
          throw new ModelLoadError("human", "cannot load @vladmandic/human; install it");
        },
      },
    });
    const judge = new ChecksJudge({ contentStage: stage });
    const result = await judge.judge({
      source: image("src"),
      instruction: "remove the text 'SALE'",
      candidates: [image("good")],
    });
    const verdict = result.candidates[0]?.verdicts.find((v) => v.principleId === "follow-1");
    expect(verdict?.status).toBe("abstain");
    expect(verdict?.reason).toContain("@gutenye/ocr-node");
  });
});

describe("ModelContentStage identity", () => {
  const face = { score: 0.99, box: [0.1, 0.1, 0.9, 0.9] as const, embedding: [1, 0, 0, 0] };
  const loaders = {
    ocr: async () => ({ read: async () => [] }),
    vision: async () => ({
      objects: async () => [],
      faces: async (img: DecodedImage) =>
        img.name === "gone" ? [] : [{ ...face, box: [...face.box] as [number, number, number, number] }],
    }),
  };
  const big = (name: string): DecodedImage => {
    const rgb = new Uint8Array(64 * 64 * 3).fill(name.length * 20);
    return { name, width: 64, height: 64, rgb, hadAlpha: false, format: "png", sha256: name, encoded: rgb };
  };

  async function identityStatuses(instruction: string) {
    const judge = new ChecksJudge({ contentStage: new ModelContentStage({ loaders }) });
    const result = await judge.judge({
      source: big("src"),
      instruction,
      candidates: [big("kept"), big("gone")],
    });
    const p = result.principles.find((x) => x.scope === "identity");
    expect(p).toBeDefined();
    return result.candidates.map((c) => c.verdicts.find((v) => v.principleId === p?.id)?.status);
  }

  it("fails a lost face when the edit is generative", async () => {
    expect(await identityStatuses("add a dog next to her")).toEqual(["pass", "fail"]);
  });

  it("cannot tell, rather than fails, when a crop or filter may hide the face", async () => {
    expect(await identityStatuses("crop to the left half")).toEqual(["pass", "abstain"]);
  });
});
