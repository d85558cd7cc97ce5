import { type ChildProcess, execFile, spawn, spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Judge } from "../../contract/judge.js";
import { BackendCallError } from "../../errors/backend-call-error.js";
import { createJudges, type RunningServer, startServer } from "../start-server.js";

// The trainers' own reward clients, loaded unchanged from ../shared/reference at test time (never copied here), run
// by trainer-clients/trainer_clients.py against the server. They need a python3 with numpy, PIL, requests and
// aiohttp: Debian's has them after `apt-get install python3-numpy python3-pil python3-requests python3-aiohttp`
// (which .ci/run does).
const REPO = resolve(import.meta.dirname, "../../..");
const REFERENCE = resolve(REPO, "../shared/reference");
const PHOTOS = resolve(REPO, "../shared/photos");
const DRIVER = join(import.meta.dirname, "trainer-clients", "trainer_clients.py");
const MODULES = "import numpy, PIL, requests, aiohttp";
const PYTHON = ["python3", "/usr/bin/python3"].find(
  (python) => spawnSync(python, ["-c", MODULES], { encoding: "utf8" }).status === 0,
);
const CLIENT_FILES = [
  "Edit-R1/flow_grpo/rewards.py",
  "FIRM-Reward/editing/flow_grpo/rewards.py",
  "UniRL/unirl/reward/remote.py",
  "Flow-Factory/src/flow_factory/rewards/my_reward_remote.py",
  "verl-omni/verl_omni/utils/reward_score/http_scorer_client.py",
];
const missing = !existsSync(PHOTOS)
  ? `${PHOTOS} is absent`
  : CLIENT_FILES.find((f) => !existsSync(join(REFERENCE, f)))
    ? `a trainer client under ${REFERENCE} is absent`
    : !PYTHON
      ? `no python3 with numpy, PIL, requests and aiohttp (apt-get install python3-numpy python3-pil python3-requests python3-aiohttp)`
      : !existsSync(join(REPO, "dist/cli/main.js"))
        ? "dist/ is not built (npm run build)"
        : null;
if (missing) console.warn(`skipping the trainer-client tests: ${missing}`);

const CLIENTS = ["edit-r1", "firm", "verl-omni", "unirl", "flow-factory"] as const;
type Client = (typeof CLIENTS)[number];
interface DriverResult {
  scores?: number[];
  raised?: string;
  message?: string;
  successes?: boolean[];
  errors?: Array<string | null>;
}

let work = "";
const run = async (client: Client, url: string): Promise<DriverResult> => {
  const { stdout } = await promisify(execFile)(
    PYTHON as string,
    [DRIVER, client, url, REFERENCE, PHOTOS, work],
    { encoding: "utf8", timeout: 120_000 },
  );
  return JSON.parse(stdout.trim().split("\n").at(-1) as string) as DriverResult;
};

/** The brightened candidate of each photo above its darkened one, every reward in [0, 1]. */
function expectBrighterFirst(result: DriverResult): void {
  expect(result.raised, result.message).toBeUndefined();
  const [b1, d1, b2, d2] = result.scores ?? [];
  expect(result.scores).toHaveLength(4);
  for (const s of result.scores ?? []) expect(s).toBeGreaterThanOrEqual(0);
  for (const s of result.scores ?? []) expect(s).toBeLessThanOrEqual(1);
  expect(b1).toBeGreaterThan((d1 as number) + 0.1);
  expect(b2).toBeGreaterThan((d2 as number) + 0.1);
}

/** Requests answered with `status` on the compat routes, from /metrics. */
async function answered(server: RunningServer, status: number): Promise<number> {
  const text = await (await fetch(`${server.url}/metrics`)).text();
  let total = 0;
  for (const line of text.split("\n")) {
    const m = /^editjudge_http_requests_total\{route="([^"]+)",status="(\d+)"\} (\d+)/.exec(line);
    if (m && m[2] === String(status) && m[1] !== "/metrics" && m[1] !== "/health") total += Number(m[3]);
  }
  return total;
}

/** The real checks judge, made to fail its first `transient` calls (model server down), or to abstain always. */
function scripted(inner: Judge, script: { transient?: number; abstain?: boolean }): Judge {
  let calls = 0;
  return {
    id: inner.id,
    version: inner.version,
    async judge(edit, options) {
      calls += 1;
      if (calls <= (script.transient ?? 0))
        throw new BackendCallError("model server unreachable (test)", {
          status: 503,
          isRetryable: true,
          url: "http://backend.test/v1",
        });
      const result = await inner.judge(edit, options);
      if (!script.abstain) return result;
      return {
        ...result,
        candidates: result.candidates.map((c) => ({
          ...c,
          reward: null,
          rewardReason: "the test judge abstains",
        })),
      };
    },
  };
}

describe.skipIf(missing !== null)(
  "trainers' own reward clients against editjudge serve --judge checks",
  () => {
    let cli: ChildProcess;
    let cliUrl = "";
    let checks: Judge;
    const servers: RunningServer[] = [];
    const serve = async (judge: Judge, token: string | null = null) => {
      const server = await startServer({
        port: 0,
        judges: new Map([["checks", judge]]),
        token,
        images: { allowUrls: false, pathRoots: [work], fetchTimeoutMs: 5000 },
      });
      servers.push(server);
      return server;
    };

    beforeAll(async () => {
      work = mkdtempSync(join(tmpdir(), "ej-trainers-"));
      checks = (await createJudges(["checks"], {})).get("checks") as Judge;
      cli = spawn(
        process.execPath,
        [join(REPO, "bin/editjudge.js"), "serve", "--port", "0", "--judge", "checks", "--image-root", work],
        { stdio: ["ignore", "ignore", "pipe"] },
      );
      cliUrl = await new Promise<string>((ok, fail) => {
        let text = "";
        cli.stderr?.on("data", (chunk: Buffer) => {
          text += chunk.toString();
          const m = /listening on (http:\/\/\S+)/.exec(text);
          if (m?.[1]) ok(m[1]);
        });
        cli.once("exit", (code) => fail(new Error(`editjudge serve exited with ${code}: ${text}`)));
      });
    }, 60_000);

    afterAll(async () => {
      cli?.kill("SIGTERM");
      await Promise.all(servers.map((s) => s.close()));
      await checks?.close?.();
      rmSync(work, { recursive: true, force: true });
    });

    it.each(CLIENTS)(
      "%s gets the brightened edits above the darkened ones",
      async (client) => {
        expectBrighterFirst(await run(client, cliUrl));
      },
      120_000,
    );

    it.each(CLIENTS)(
      "%s sends the token from the URL (http://x:TOKEN@host:port) off loopback's rules",
      async (client) => {
        const server = await serve(checks, "s3cret");
        const withToken = server.url.replace("http://", "http://x:s3cret@");
        expectBrighterFirst(await run(client, withToken));
        const refused = await run(client, server.url.replace("http://", "http://x:wrong@"));
        expect(refused.raised ?? (refused.successes?.includes(false) ? "failed" : undefined)).toBeDefined();
      },
      120_000,
    );

    it.each(CLIENTS)(
      "%s retries the 500 a transient judge failure gets, then has its rewards",
      async (client) => {
        const server = await serve(scripted(checks, { transient: 1 }));
        expectBrighterFirst(await run(client, server.url));
        expect(await answered(server, 500)).toBe(1);
      },
      120_000,
    );

    it("edit-r1 stops on the 422 an abstaining judge gets: pickle answer without scores, KeyError", async () => {
      const server = await serve(scripted(checks, { abstain: true }));
      const result = await run("edit-r1", server.url);
      expect(result).toMatchObject({ raised: "KeyError", message: "'scores'" });
      expect(await answered(server, 422)).toBe(1);
    }, 120_000);

    it("verl-omni stops on the 422 with the server's message", async () => {
      const server = await serve(scripted(checks, { abstain: true }));
      const result = await run("verl-omni", server.url);
      expect(result.raised).toBe("RuntimeError");
      expect(result.message).toMatch(
        /HTTP 422: images\[0\] has no reward, the judge abstained: the test judge abstains/,
      );
      expect(await answered(server, 422)).toBe(1);
    }, 120_000);

    it("flow-factory stops on the 422 after its 3 attempts", async () => {
      const server = await serve(scripted(checks, { abstain: true }));
      const result = await run("flow-factory", server.url);
      expect(result.raised).toBe("RuntimeError");
      expect(result.message).toMatch(/422/);
      expect(await answered(server, 422)).toBe(3);
    }, 120_000);

    it("unirl gets each null in errors[i]: failed samples with the reason, no 422", async () => {
      const server = await serve(scripted(checks, { abstain: true }));
      const result = await run("unirl", server.url);
      expect(result.successes).toEqual([false, false, false, false]);
      for (const e of result.errors ?? [])
        expect(e).toMatch(/editjudge: the judge abstained: the test judge abstains/);
      expect(await answered(server, 422)).toBe(0);
    }, 120_000);
  },
);
