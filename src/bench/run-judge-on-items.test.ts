import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { PreparedCase } from "../contract/edit-case.js";
import type { Judge } from "../contract/judge.js";
import type { JudgeResult } from "../contract/result.js";
import type { BenchItem } from "./bench-item.js";
import { readItemsJson } from "./formats/items-json.js";
import { JudgmentStore } from "./judgment-store.js";
import { runJudgeOnItems } from "./run-judge-on-items.js";
import { writeItemsJsonl } from "./test-helpers/bench-fixtures.js";

/** A judge that scores candidates by mean brightness and counts its calls. */
function brightnessJudge(version = "1"): Judge & { calls: string[] } {
  const calls: string[] = [];
  const mean = (rgb: Uint8Array) => rgb.reduce((a, b) => a + b, 0) / rgb.length / 255;
  return {
    id: "fake-brightness",
    version,
    calls,
    async judge(edit: PreparedCase): Promise<JudgeResult> {
      calls.push(edit.instruction);
      const rewards = edit.candidates.map((c) =>
        edit.instruction.includes("darker") ? 1 - mean(c.rgb) : mean(c.rgb),
      );
      return {
        contractVersion: "1",
        judge: { id: "fake-brightness", version },
        instruction: edit.instruction,
        principles: [],
        candidates: rewards.map((reward, index) => ({
          index,
          name: `c${index}`,
          reward,
          dimensions: { instructionFollowing: reward, preservation: null, quality: null },
          verdicts: [],
        })),
        ranking: [],
        notes: [],
      };
    },
  };
}

let dir: string;
let items: BenchItem[];
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), "editjudge-store-"));
  items = (await readItemsJson([await writeItemsJsonl(dir, 5)])).items;
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe("judgment store: an interrupted run resumes", () => {
  it("stops on abort, then judges only the remaining items", async () => {
    const store = new JudgmentStore(join(dir, "store", "judgments.sqlite"));
    const controller = new AbortController();
    const first = brightnessJudge();
    await expect(
      runJudgeOnItems(items, {
        judge: first,
        store,
        signal: controller.signal,
        onProgress: (done) => {
          if (done === 2) controller.abort(new Error("interrupted"));
        },
      }),
    ).rejects.toThrow("interrupted");
    expect(first.calls).toHaveLength(2);
    expect(store.count()).toBe(2);

    const second = brightnessJudge();
    const progress: number[] = [];
    const out = await runJudgeOnItems(items, {
      judge: second,
      store,
      onProgress: (_d, _t, cached) => progress.push(cached),
    });
    expect(second.calls).toHaveLength(3);
    expect(progress.at(-1)).toBe(2);
    expect(out.size).toBe(5);
    const p0 = out.get("p0");
    expect(p0?.kind === "scores" && (p0.scores[0] ?? 0) > (p0.scores[1] ?? 1)).toBe(true);

    // A new judge version or different settings is judged again.
    const third = brightnessJudge("2");
    await runJudgeOnItems(items, { judge: third, store });
    expect(third.calls).toHaveLength(5);
    const fourth = brightnessJudge("2");
    await runJudgeOnItems(items, { judge: fourth, store, settings: { passes: 3 } });
    expect(fourth.calls).toHaveLength(5);
    store.close();
  });

  it("gives the same judgments with several items at once", async () => {
    const one = await runJudgeOnItems(items, { judge: brightnessJudge() });
    const judge = brightnessJudge();
    const three = await runJudgeOnItems(items, { judge, concurrency: 3 });
    expect([...three.keys()]).toEqual(items.map((i) => i.id));
    expect([...three.values()]).toEqual([...one.values()]);
    expect(judge.calls).toHaveLength(5);
  });

  it("turns an unreadable item into an abstention with an error, and does not store it", async () => {
    const store = new JudgmentStore(":memory:");
    const broken: BenchItem = {
      ...(items[0] as BenchItem),
      id: "broken",
      candidates: [
        { kind: "path", path: join(dir, "missing.png") },
        { kind: "path", path: join(dir, "dark.png") },
      ],
    };
    const out = await runJudgeOnItems([broken], { judge: brightnessJudge(), store });
    const p = out.get("broken");
    expect(p?.kind === "scores" && p.scores).toEqual([null, null]);
    expect(p?.kind === "scores" && p.error).toMatch(/missing\.png/);
    expect(store.count()).toBe(0);
    store.close();
  });
});

describe("items judged by a dimension (EditScore's benchmark)", () => {
  it("scores a prompt_following item by instructionFollowing, and falls back to the reward when it is null", async () => {
    const judge: Judge = {
      id: "dims",
      version: "1",
      async judge(edit: PreparedCase): Promise<JudgeResult> {
        return {
          contractVersion: "1",
          judge: { id: "dims", version: "1" },
          instruction: edit.instruction,
          principles: [],
          candidates: edit.candidates.map((_, index) => ({
            index,
            name: `c${index}`,
            reward: 0.5 + index / 10,
            dimensions: { instructionFollowing: 0.9 - index / 10, preservation: null, quality: null },
            verdicts: [],
          })),
          ranking: [],
          notes: [],
        };
      },
    };
    const base = items[0] as BenchItem;
    const out = await runJudgeOnItems(
      [
        { ...base, id: "pf", scoreBy: "instructionFollowing" },
        { ...base, id: "cons", scoreBy: "preservation" },
        { ...base, id: "overall" },
      ],
      { judge },
    );
    const scores = (id: string) => {
      const p = out.get(id);
      return p?.kind === "scores" ? p.scores : null;
    };
    expect(scores("pf")).toEqual([0.9, 0.8]);
    expect(scores("cons")).toEqual([0.5, 0.6]);
    expect(scores("overall")).toEqual([0.5, 0.6]);
  });
});

describe("encoded bytes follow the judge's needs", () => {
  it("drops each image's encoded file for a judge that reads only pixels, and keeps it otherwise", async () => {
    const seen = async (usesEncodedImages: boolean | undefined) => {
      const base = brightnessJudge();
      const lengths: number[] = [];
      const judge: Judge = {
        ...base,
        ...(usesEncodedImages === undefined ? {} : { usesEncodedImages }),
        judge: (edit) => {
          lengths.push(edit.source.encoded.length, ...edit.candidates.map((c) => c.encoded.length));
          return base.judge(edit);
        },
      };
      const out = await runJudgeOnItems(items.slice(0, 1), { judge });
      return { lengths, scores: [...out.values()] };
    };
    const pixelsOnly = await seen(false);
    const kept = await seen(undefined);
    expect(pixelsOnly.lengths.every((n) => n === 0)).toBe(true);
    expect(kept.lengths.every((n) => n > 0)).toBe(true);
    expect(pixelsOnly.scores).toHaveLength(1);
    expect(pixelsOnly.scores).toEqual(kept.scores);
  });
});
