import { execFileSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Judge } from "../../contract/judge.js";
import type { JudgeResult } from "../../contract/result.js";
import { prepareCase } from "../../image/prepare-case.js";
import { VLM_JUDGE_ENTRIES } from "./vlm-judge-entries.js";

/**
 * Every judge in its original form (and the own-worded variant) against a real llama.cpp `llama-server` with a tiny
 * random-weight vision model: the requests must be accepted (images, logprobs, json_schema, top_p/top_k/seed, n)
 * and every candidate must end as a score in [0, 1] or an explicit error/abstention with its reason, never a crash.
 * Uses EDITJUDGE_TEST_LLAMA_URL when set; otherwise starts ../shared/llama-server on a free port and stops it.
 */
const SHARED = resolve(import.meta.dirname, "../../../../shared");
const LLAMA = join(SHARED, "llama-server");
const REFERENCE = join(SHARED, "reference");
const given = process.env.EDITJUDGE_TEST_LLAMA_URL;
const skip = given
  ? ""
  : !existsSync(join(LLAMA, "setup.sh"))
    ? "../shared/llama-server is absent"
    : !existsSync(REFERENCE)
      ? "../shared/reference is absent"
      : "";
if (skip) console.log(`skipping the real llama-server judge tests: ${skip}`);

function freePort(): Promise<number> {
  return new Promise((res, rej) => {
    const s = createServer();
    s.once("error", rej);
    s.listen(0, "127.0.0.1", () => {
      const port = (s.address() as { port: number }).port;
      s.close(() => res(port));
    });
  });
}

let baseUrl = "";
let dir = "";
let pidFile = "";
beforeAll(async () => {
  if (skip) return;
  if (given) {
    baseUrl = given;
    return;
  }
  dir = mkdtempSync(join(tmpdir(), "ej-llama-"));
  execFileSync("sh", [join(LLAMA, "setup.sh"), dir], { stdio: "ignore" });
  const port = await freePort();
  // Two slots of 16k tokens: the byte-level tiny vocabulary makes FIRM's consistency prompt ~3.5k tokens.
  execFileSync("sh", [join(dir, "start.sh"), String(port), "-c", "32768", "-np", "2"], { stdio: "ignore" });
  pidFile = join(dir, `srv-${port}.pid`);
  baseUrl = `http://127.0.0.1:${port}/v1`;
}, 120_000);
afterAll(() => {
  if (pidFile && existsSync(pidFile)) {
    try {
      process.kill(Number(readFileSync(pidFile, "utf8").trim()));
    } catch {
      // already gone
    }
  }
  if (dir) rmSync(dir, { recursive: true, force: true });
});

const FORMS: ReadonlyArray<{ judge: string; settings: Record<string, unknown> }> = [
  { judge: "viescore", settings: {} },
  { judge: "editscore", settings: {} },
  { judge: "editscore", settings: { passes: 2 } },
  { judge: "editscore", settings: { editscorePqImages: "source-and-edited" } },
  { judge: "logit", settings: {} },
  { judge: "firm", settings: {} },
  { judge: "pairwise", settings: {} },
  { judge: "pairwise", settings: { pairwiseOrders: "both" } },
];

function checkOutcome(result: JudgeResult): string[] {
  const problems: string[] = [];
  for (const c of result.candidates) {
    if (c.reward !== null) {
      if (!(c.reward >= 0 && c.reward <= 1)) problems.push(`reward ${c.reward} outside [0, 1]`);
      continue;
    }
    const reason = c.error?.message ?? c.rewardReason ?? "";
    if (reason === "") problems.push("a null reward without a reason");
    // The request itself must be accepted: a 4xx means the server rejected what the judge sent.
    if (/HTTP 4\d\d/.test(reason)) problems.push(`request rejected: ${reason}`);
  }
  return problems;
}

describe.skipIf(skip !== "")("judges on a real llama-server (tiny random model)", () => {
  for (const form of FORMS) {
    const name = `${form.judge} ${JSON.stringify(form.settings)}`;
    it(`${name}: accepted, and a score or an explicit error`, async () => {
      const entry = VLM_JUDGE_ENTRIES.find((e) => e.id === form.judge);
      const judge: Judge = await (entry as NonNullable<typeof entry>).create({
        settings: {
          baseUrls: [baseUrl],
          model: "tiny-llava",
          cache: false,
          referenceDirs: [REFERENCE],
          maxSide: 64,
          maxTokens: 128,
          maxRetries: 0,
          structuredOutput: "on",
          timeoutMs: 60_000,
          ...form.settings,
        },
      });
      const edit = await prepareCase({
        source: { kind: "path", path: join(SHARED, "photos/kodim01.png") },
        instruction: "make the sky purple",
        candidates: [join(SHARED, "photos/kodim02.png"), join(SHARED, "photos/kodim03.png")]
          .slice(0, form.judge === "pairwise" ? 2 : 1)
          .map((path) => ({ kind: "path" as const, path })),
        metadata: {
          requirement: "keep the house",
          source_prompt: "a house",
          target_prompt: "a house, purple sky",
        },
      });
      try {
        const result = await judge.judge(edit);
        expect(result.candidates).toHaveLength(edit.candidates.length);
        expect(checkOutcome(result)).toEqual([]);
      } finally {
        await judge.close?.();
      }
    }, 120_000);
  }
});
