import { execFileSync } from "node:child_process";
import { existsSync, mkdtempSync } from "node:fs";
import { writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import sharp from "sharp";
import { afterEach, describe, expect, it } from "vitest";
import { OpenAiChatClient } from "../../backends/openai-chat-client.js";
import {
  type FakeCall,
  type FakeReply,
  type FakeServer,
  startFakeOpenAiServer,
} from "../../backends/test-helpers/fake-openai-server.js";
import { completion, isProbe, probeReply } from "../../backends/test-helpers/fake-replies.js";
import { resolveConfig } from "../../config/resolve-config.js";
import type { CaseMetadata, PreparedCase } from "../../contract/edit-case.js";
import { prepareCase } from "../../image/prepare-case.js";
import { ReferenceFiles } from "../../reference/reference-files.js";
import { EditScoreJudge } from "./editscore-judge.js";
import { FirmJudge, firmReward } from "./firm-judge.js";
import { LogitJudge } from "./logit-judge.js";
import {
  editscorePrompts,
  fillInstruction,
  firmPrompts,
  logitPrompt,
  pairwiseSlots,
  viescorePrompts,
} from "./original-prompts.js";
import { PairwiseJudge, parseGenaiVerdict } from "./pairwise-judge.js";
import { VieScoreJudge } from "./viescore-judge.js";
import { VLM_JUDGE_ENTRIES } from "./vlm-judge-entries.js";
import { VlmRuntime } from "./vlm-runtime.js";

// The original prompt text is read from ../shared/reference at test time; no prompt text is in this file.
const REFERENCE = resolve(import.meta.dirname, "../../../../shared/reference");
const absent = !existsSync(REFERENCE);
if (absent) console.log("skipping original-form judge tests: ../shared/reference is absent");
const python = (() => {
  try {
    execFileSync("python3", ["--version"], { stdio: "ignore" });
    return true;
  } catch {
    return false;
  }
})();
const ref = new ReferenceFiles({ dirs: [REFERENCE], cacheDir: "/nonexistent" });
const INSTRUCTION = "add 10 red balloons";

const servers: FakeServer[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => s.close()));
});

type Part = FakeCall["body"]["messages"][number]["content"][number];
const parts = (call: FakeCall): Part[] => call.body.messages.flatMap((m) => m.content);
const texts = (call: FakeCall) => parts(call).flatMap((p) => (p.text !== undefined ? [p.text] : []));
const lastText = (call: FakeCall) => texts(call).at(-1) ?? "";
const layout = (call: FakeCall) =>
  parts(call).map((p) => (p.type === "text" ? (p.text && p.text.length < 12 ? p.text : "text") : "image"));
const urls = (call: FakeCall) => parts(call).flatMap((p) => (p.image_url ? [p.image_url.url] : []));
const judged = (s: FakeServer) => s.calls.filter((c) => !isProbe(c));

async function runtime(handler: (call: FakeCall) => FakeReply, settings: Record<string, unknown> = {}) {
  const server = await startFakeOpenAiServer((call) =>
    isProbe(call) ? probeReply(call, { logprobs: true, jsonSchema: true }) : handler(call),
  );
  servers.push(server);
  const client = new OpenAiChatClient({ baseUrls: [server.url], model: "fake-vlm", sleep: async () => {} });
  const config = resolveConfig({ explicit: { cache: false, referenceDirs: [REFERENCE], ...settings } });
  return { rt: new VlmRuntime(client, config), server };
}

/** A 16×12 source and candidates of other sizes (EditScore resizes them to the source's). */
async function editCase(n: number, metadata?: CaseMetadata): Promise<PreparedCase> {
  const dir = mkdtempSync(join(tmpdir(), "ej-orig-"));
  const png = (w: number, h: number, r: number) =>
    sharp({ create: { width: w, height: h, channels: 3, background: { r, g: 20, b: 30 } } })
      .png()
      .toBuffer();
  await writeFile(join(dir, "s.png"), await png(16, 12, 10));
  for (let i = 0; i < n; i++) await writeFile(join(dir, `c${i}.png`), await png(20 + i, 10, 60 + 40 * i));
  return prepareCase({
    source: { kind: "path", path: join(dir, "s.png") },
    instruction: INSTRUCTION,
    candidates: Array.from({ length: n }, (_, i) => ({
      kind: "path" as const,
      path: join(dir, `c${i}.png`),
    })),
    ...(metadata ? { metadata } : {}),
  });
}

async function imageSize(dataUrl: string): Promise<[number, number]> {
  const meta = await sharp(Buffer.from(dataUrl.slice(dataUrl.indexOf(",") + 1), "base64")).metadata();
  return [meta.width ?? 0, meta.height ?? 0];
}

describe.skipIf(absent)("judges in their original form (fake server)", () => {
  it("viescore: SC text first then [source, edited], PQ text then [edited]; O = sqrt(min SC · min PQ)", async () => {
    const p = viescorePrompts(ref);
    const { rt, server } = await runtime((call) => {
      const sc = lastText(call) !== p.pq.text && texts(call)[0] === fillInstruction(p.sc.text, INSTRUCTION);
      if (!sc && texts(call)[0] !== p.pq.text)
        return { status: 400, json: { error: { message: "unexpected" } } };
      return completion(JSON.stringify({ score: sc ? [8, 6] : [9, 4], reasoning: "r" }));
    });
    const edit = await editCase(1);
    const r = await new VieScoreJudge(rt).judge(edit);
    expect(r.candidates[0]?.reward).toBeCloseTo(Math.sqrt(6 * 4) / 10, 6);
    expect(r.extra?.promptVariant).toBe("original");
    const [sc, pq] = [...judged(server)].sort((a, b) => urls(b).length - urls(a).length);
    expect(layout(sc as FakeCall)).toEqual(["text", "image", "image"]);
    expect(layout(pq as FakeCall)).toEqual(["text", "image"]);
    expect(urls(pq as FakeCall)[0]).toBe(urls(sc as FakeCall)[1]);
    for (const c of [sc, pq] as FakeCall[]) {
      expect(c.body.temperature).toBe(0);
      expect(c.body).not.toHaveProperty("top_p");
      expect(c.body).not.toHaveProperty("top_k");
      expect(c.body).not.toHaveProperty("seed");
    }
  });

  it("editscore: <img1>/<img2> labels, images first, EditScore's sampling with seed 42 even for one pass, edited resized", async () => {
    const p = editscorePrompts(ref);
    const { rt, server } = await runtime((call) => {
      const sc = lastText(call) === fillInstruction(p.sc.text, INSTRUCTION);
      if (!sc && lastText(call) !== p.pq.text)
        return { status: 400, json: { error: { message: "unexpected" } } };
      return completion(JSON.stringify({ reasoning: "r", score: sc ? [20, 25] : [25, 15] }));
    });
    const r = await new EditScoreJudge(rt).judge(await editCase(1));
    // Per pass on 0–10: SC = [8, 10], PQ min = 6, O = sqrt(8·6).
    expect(r.candidates[0]?.reward).toBeCloseTo(Math.sqrt(8 * 6) / 10, 6);
    expect(r.candidates[0]?.dimensions).toEqual({ instructionFollowing: 0.8, preservation: 1, quality: 0.6 });
    const calls = judged(server);
    expect(calls).toHaveLength(2);
    const sc = calls.find((c) => urls(c).length === 2) as FakeCall;
    const pq = calls.find((c) => urls(c).length === 1) as FakeCall;
    expect(layout(sc)).toEqual(["<img1>: ", "image", "<img2>: ", "image", "text"]);
    expect(layout(pq)).toEqual(["<img1>: ", "image", "text"]);
    for (const c of calls) {
      expect(c.body).toMatchObject({ temperature: 0.7, top_p: 0.9, top_k: 20, max_tokens: 512, seed: 42 });
      expect(c.body).not.toHaveProperty("n");
    }
    expect(await imageSize(urls(sc)[1] as string)).toEqual([16, 12]);
    expect(urls(pq)[0]).toBe(urls(sc)[1]);
  });

  it("editscore --passes 2: seeds 42 and 43, one call each; dimensions are means of per-pass values", async () => {
    const p = editscorePrompts(ref);
    const { rt, server } = await runtime(
      (call) => {
        const sc = lastText(call) === fillInstruction(p.sc.text, INSTRUCTION);
        const seed = call.body.seed as number;
        const pq = seed === 42 ? [25, 5] : [5, 25];
        return completion(JSON.stringify({ reasoning: "r", score: sc ? [25, 25] : pq }));
      },
      { passes: 2 },
    );
    const r = await new EditScoreJudge(rt).judge(await editCase(1));
    expect(
      judged(server)
        .map((c) => c.body.seed)
        .sort(),
    ).toEqual([42, 42, 43, 43]);
    // min PQ per pass is 5 (→ 2 on 0–10) both times; the min of the averaged PQ would be 6.
    expect(r.candidates[0]?.dimensions.quality).toBeCloseTo(0.2, 6);
    expect(r.candidates[0]?.reward).toBeCloseTo(Math.sqrt(10 * 2) / 10, 6);
    expect(r.candidates[0]?.passes).toHaveLength(2);
  });

  it("editscore RL-server form: PQ sees [source, edited] with both labels, images as they are", async () => {
    const p = editscorePrompts(ref);
    const { rt, server } = await runtime(
      (call) =>
        completion(
          JSON.stringify({ reasoning: "r", score: lastText(call) === p.pq.text ? [20, 20] : [20, 20] }),
        ),
      { editscorePqImages: "source-and-edited" },
    );
    await new EditScoreJudge(rt).judge(await editCase(1));
    const pq = judged(server).find((c) => lastText(c) === p.pq.text) as FakeCall;
    expect(layout(pq)).toEqual(["<img1>: ", "image", "<img2>: ", "image", "text"]);
    expect(await imageSize(urls(pq)[1] as string)).toEqual([20, 10]);
  });

  it("logit: images first, then the prompt with Requirements filled from case.metadata.requirement", async () => {
    const { rt, server } = await runtime(() =>
      completion("5", [
        [
          ["5", 0.9],
          ["4", 0.1],
        ],
      ]),
    );
    await new LogitJudge(rt).judge(await editCase(1, { requirement: "keep the sky" }));
    const [call] = judged(server);
    expect(layout(call as FakeCall)).toEqual(["image", "image", "text"]);
    expect(lastText(call as FakeCall)).toBe(logitPrompt(ref, INSTRUCTION, "keep the sky").text);
    expect(lastText(call as FakeCall)).not.toBe(logitPrompt(ref, INSTRUCTION, "").text);
  });

  it("firm: two calls (execution, consistency), [source, edited] then text, greedy 256 tokens; (s−1)/4", async () => {
    const p = firmPrompts(ref, INSTRUCTION, "");
    const { rt, server } = await runtime((call) => {
      const execution = lastText(call) === p.execution.text;
      if (!execution && lastText(call) !== p.consistency.text)
        return { status: 400, json: { error: { message: "unexpected" } } };
      return completion(JSON.stringify({ reasoning: "r", score: [execution ? 4 : 2] }));
    });
    const r = await new FirmJudge(rt).judge(await editCase(1));
    expect(r.candidates[0]?.reward).toBeCloseTo((3 / 4) * (0.6 + 0.4 * (1 / 4)), 6);
    expect(r.candidates[0]?.dimensions).toMatchObject({ instructionFollowing: 0.75, preservation: 0.25 });
    const calls = judged(server);
    expect(calls).toHaveLength(2);
    for (const c of calls) {
      expect(layout(c)).toEqual(["image", "image", "text"]);
      expect(c.body).toMatchObject({ temperature: 0, max_tokens: 256 });
    }
  });

  it("firm formula: a non-executed edit scores 0 whatever its consistency; 5/5 scores 1", () => {
    expect(firmReward(1, 5, 0.6, 0.4)).toBe(0);
    expect(firmReward(5, 5, 0.6, 0.4)).toBe(1);
    expect(firmReward(5, 1, 0.6, 0.4)).toBeCloseTo(0.6, 9);
    expect(firmReward(3, 3, 0.6, 0.4)).toBeCloseTo(0.5 * (0.6 + 0.4 * 0.5), 9);
  });

  it("pairwise: GenAI-Bench's interleaved layout with captions, one call in the given order", async () => {
    const { rt, server } = await runtime(() => completion("Model B is sharper.\n[[B>A]]"));
    const meta = { source_prompt: "a park", target_prompt: "a park with balloons" };
    const r = await new PairwiseJudge(rt).judge(await editCase(2, meta));
    expect(r.candidates.map((c) => c.reward)).toEqual([0, 1]);
    const calls = judged(server);
    expect(calls).toHaveLength(1);
    const call = calls[0] as FakeCall;
    expect(layout(call)).toEqual(["text", "image", "text", "image", "text", "image", "text"]);
    const expected = pairwiseSlots(ref, { ...meta, instruct_prompt: INSTRUCTION }).slots.flatMap((s) =>
      "text" in s ? [s.text] : [],
    );
    expect(texts(call)).toEqual(expected);
    expect(call.body).not.toHaveProperty("response_format");
    expect(r.extra).toMatchObject({ orders: "given", captions: "from metadata" });
  });

  it("pairwise: the message list equals what GenAI-Bench's run_pairwise_example builds (run with python3)", async (ctx) => {
    if (!python) {
      console.log("skipping the Python comparison of the pairwise message: python3 is absent");
      ctx.skip();
    }
    // GenAI-Bench's own function, lifted out of inference.py with ast and run with a model that returns its inputs.
    // The input keys are the template's placeholders (its inference config is not in the repository): the three
    // captions as text, the source and the left/right outputs as images.
    const script = `
import ast, json, sys
src = open(sys.argv[1] + "/GenAI-Bench/inference.py").read()
fn = next(n for n in ast.parse(src).body if isinstance(n, ast.FunctionDef) and n.name == "run_pairwise_example")
ns = {}
exec(compile(ast.Module(body=[fn], type_ignores=[]), "inference.py", "exec"), ns)
template = open(sys.argv[1] + "/GenAI-Bench/genaibench/templates/image_edition/pairwise.txt").read()
ex = {"source_prompt": "a park", "target_prompt": "a park with balloons", "instruct_prompt": sys.argv[2],
      "source_image": "source", "left_output_image": "A", "right_output_image": "B"}
left = ["source_prompt", "target_prompt", "instruct_prompt", "source_image", "left_output_image"]
right = ["source_prompt", "target_prompt", "instruct_prompt", "source_image", "right_output_image"]
types = ["str", "str", "str", "image", "image"]
print(json.dumps(ns["run_pairwise_example"](lambda inputs: inputs, ex, left, right, types, template, {})))`;
    const original = JSON.parse(
      execFileSync("python3", ["-c", script, REFERENCE, INSTRUCTION], { encoding: "utf8" }),
    ) as Array<{ type: string; content: string }>;
    const { rt, server } = await runtime(() => completion("[[A>B]]"));
    const meta = { source_prompt: "a park", target_prompt: "a park with balloons" };
    await new PairwiseJudge(rt).judge(await editCase(2, meta));
    const call = judged(server)[0] as FakeCall;
    // Which image is which, by size: the source is 16×12, candidate A 20×10, candidate B 21×10.
    const names: Record<string, string> = { "16x12": "source", "20x10": "A", "21x10": "B" };
    const ours: Array<{ type: string; content: string }> = [];
    for (const p of parts(call)) {
      if (p.image_url) {
        const [w, h] = await imageSize(p.image_url.url);
        ours.push({ type: "image", content: names[`${w}x${h}`] ?? `${w}x${h}` });
      } else ours.push({ type: "text", content: p.text ?? "" });
    }
    // An empty text piece (none with this template) is not sent: chat servers refuse empty text parts.
    expect(ours).toEqual(original.filter((x) => x.type !== "text" || x.content !== ""));
    expect(ours.filter((x) => x.type === "image").map((x) => x.content)).toEqual(["source", "A", "B"]);
    expect(call.body).toMatchObject({ temperature: 0 });
  });

  it("logit: reward from the first token's digits only, normalised over their mass (hand-computed)", async () => {
    // First token: "4" 0.6, "5" 0.2, "x" 0.2 → E = (4·0.6 + 5·0.2)/0.8 = 4.25, reward 0.85; the "0" at the second
    // token is not read.
    const { rt, server } = await runtime(() =>
      completion("40", [
        [
          ["4", 0.6],
          ["5", 0.2],
          ["x", 0.2],
        ],
        [["0", 1]],
      ]),
    );
    const r = await new LogitJudge(rt).judge(await editCase(1));
    expect(r.candidates[0]?.reward).toBeCloseTo(0.85, 6);
    expect(r.candidates[0]?.verdicts[0]?.evidence.measurements.digitMass).toBeCloseTo(0.8, 6);
    const call = judged(server)[0] as FakeCall;
    expect(call.body).toMatchObject({ max_tokens: 2, logprobs: true });
  });

  it("pairwise --pairwise-orders both: two calls, swapped order mapped back, position consistency reported", async () => {
    let first = "";
    const { rt, server } = await runtime(
      (call) => {
        const a = urls(call)[1] as string;
        first ||= a;
        return completion(a === first ? "[[A>B]]" : "[[A>B]]");
      },
      { pairwiseOrders: "both" },
    );
    const r = await new PairwiseJudge(rt).judge(await editCase(2));
    expect(judged(server)).toHaveLength(2);
    expect(r.candidates.map((c) => c.reward)).toEqual([0.5, 0.5]);
    expect(r.extra?.positionConsistent).toBe(false);
  });

  it("pairwise: a reply without a readable label is an explicit error, never a verdict", async () => {
    const { rt } = await runtime(() => completion("Both look fine. [[A=B]]"));
    const r = await new PairwiseJudge(rt).judge(await editCase(2));
    for (const c of r.candidates) {
      expect(c.reward).toBeNull();
      expect(c.error?.code).toBe("judge_output_unparseable");
    }
    expect(parseGenaiVerdict("x [[A>>B]] y")).toBe("A>B");
    expect(parseGenaiVerdict("[[A=B=Good]]")).toBe("A=B=Good");
    expect(parseGenaiVerdict("no label")).toBeNull();
  });
});

describe("original form without the reference files", () => {
  it("creating the judge is refused with one line saying what to clone or fetch; the own-worded variant still runs", async () => {
    const entry = VLM_JUDGE_ENTRIES.find((e) => e.id === "editscore");
    const settings = {
      baseUrls: ["http://127.0.0.1:9/v1"],
      model: "m",
      cache: false,
      referenceCacheDir: "/nonexistent",
    };
    expect(() => entry?.create({ settings })).toThrow(/^[^\n]*editjudge prompts fetch editscore[^\n]*$/);
    expect((await entry?.create({ settings: { ...settings, promptVariant: "editjudge" } }))?.id).toBe(
      "editscore",
    );
    expect((await VLM_JUDGE_ENTRIES.find((e) => e.id === "rubric")?.create({ settings }))?.id).toBe("rubric");
  });
});

describe("a judge built directly, without the reference files", () => {
  it("rejects the whole call with the one-line refusal, for every judge with an original form", async () => {
    const edit = await editCase(2);
    for (const Judge of [VieScoreJudge, EditScoreJudge, LogitJudge, FirmJudge, PairwiseJudge]) {
      const { rt, server } = await runtime(() => completion("{}"), {
        referenceDirs: [],
        referenceCacheDir: "/nonexistent",
      });
      await expect(new Judge(rt).judge(edit)).rejects.toThrow(/^[^\n]*editjudge prompts fetch [a-z]+[^\n]*$/);
      expect(judged(server)).toHaveLength(0);
    }
  });
});
