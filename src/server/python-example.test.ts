import { execFile, spawnSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type RunningServer, startServer } from "./start-server.js";
import { fakeJudge, solidPngBase64 } from "./test-fixtures.js";
import { testServers } from "./test-helpers/test-servers.js";

// The Python example in examples/ run for real against a server; it imports editjudge-client from python/src (the
// same code `pip install ./python` installs). It needs a python3 with `requests`: the one on PATH, or Debian's
// (`apt-get install python3-requests`, which .ci/run does when neither has it).
const PYTHON = ["python3", "/usr/bin/python3"].find(
  (python) => spawnSync(python, ["-c", "import requests"], { encoding: "utf8" }).status === 0,
);
const HAS_NUMPY =
  PYTHON !== undefined && spawnSync(PYTHON, ["-c", "import numpy"], { encoding: "utf8" }).status === 0;
const EXAMPLES = resolve(import.meta.dirname, "../../examples");

// Drives the example's reward function and its GRPO step with a stand-in policy whose samples are PNG files
// (one of them not an image), and prints what the step handed to `policy.update` as JSON.
const DRIVER = `
import json, sys
sys.path.insert(0, sys.argv[1])
import grpo_reward_client as example
url, folder = sys.argv[2], sys.argv[3]
read = lambda name: open(f"{folder}/{name}", "rb").read()

class Policy:
    def sample(self, source, instruction, n):
        return [read("bright.png"), read("dark.png"), b"not an image", read("mid.png")][:n]
    def update(self, samples, advantages):
        self.updated = advantages

policy = Policy()
results = example.grpo_step(policy, {"source": [read("source.png")], "instruction": ["make it brighter"]},
                            example.EditJudgeReward(url=url), group_size=4)
print(json.dumps({"rewards": results[0].rewards, "advantages": results[0].advantages, "keep": results[0].keep,
                  "updated": getattr(policy, "updated", None)}))
`;

// Calls make_reward_fn the way Flow-GRPO's trainers call their reward_fn, on a batch that interleaves three
// (source, prompt) groups, two sharing a source and two a prompt; each source is read separately, so grouping is by
// content, not object identity. Prints scores and info as JSON
// with NaN spelled "NaN". With numpy, also sends the same batch as a duck-typed torch tensor N×C×H×W in [0, 1].
const ADAPTER_DRIVER = `
import json, math, sys
sys.path.insert(0, sys.argv[1])
import grpo_reward_client as example
url, folder = sys.argv[2], sys.argv[3]
read = lambda name: open(f"{folder}/{name}", "rb").read()
plain = lambda xs: ["NaN" if isinstance(x, float) and math.isnan(x) else x for x in xs]

images = [read(f"{name}.png") if name else b"not an image" for name in ["bright", "mid", "", "dark", "dark", "dark"]]
sources = [read(f"{name}.png") for name in ["source", "mid", "source", "mid", "source", "source"]]
prompts = ["make it brighter"] * 5 + ["make it darker"]
reward_fn = example.make_reward_fn(url, backoff=0.01)
scores, info = reward_fn(images, prompts, [{"source": s} for s in sources])
# Flow-GRPO's edit trainers: reward_fn(images, prompts, prompt_metadata, ref_images, only_strict=True)
ref_scores, _ = example.make_reward_fn(url, null_score=None)(images, prompts, [{}] * 6, sources, only_strict=True)
multi, _ = example.make_reward_fn(url, as_multi_score=True)(images, prompts, [{"source": s} for s in sources])
# A stricter keep rule: group 0 (mean 0.5) is no longer kept, group 1 (mean 0.3) is.
_, strict = example.make_reward_fn(url, keep={"maxMean": 0.4})(images, prompts, [{"source": s} for s in sources])

tensor_scores = None
try:
    import numpy as np
except ImportError:
    np = None
if np is not None:
    class FakeTensor:  # what the adapter needs of a torch tensor
        def __init__(self, array): self.array = array
        def detach(self): return self
        def float(self): return FakeTensor(self.array.astype(np.float32))
        def cpu(self): return self
        def numpy(self): return self.array
    def solid(red):
        image = np.empty((3, 16, 16), dtype=np.float32)
        image[0], image[1], image[2] = red / 255, 80 / 255, 120 / 255
        return image
    batch = FakeTensor(np.stack([solid(204), solid(102), solid(51)]))
    tensor_scores, _ = reward_fn(batch, ["make it brighter"] * 3, [{"source": read("source.png")}] * 3)

print(json.dumps({"scores": plain(scores), "scored": info["scored"], "advantages": plain(info["advantages"]),
                  "train_advantages": info["train_advantages"], "keep": info["keep"], "group": info["group"],
                  "groups": info["groups"], "errors": info["errors"], "ref_scores": ref_scores,
                  "multi": {k: plain(v) for k, v in multi.items()}, "tensor_scores": tensor_scores,
                  "strict_keep": strict["keep"], "strict_train_advantages": strict["train_advantages"]}))
`;

// Calls make_reward_fn once against `url` with small retry waits (busy_retries: argv[4], default 8); prints the
// scores, or the RuntimeError's text.
const RETRY_DRIVER = `
import json, sys
sys.path.insert(0, sys.argv[1])
import grpo_reward_client as example
url, folder = sys.argv[2], sys.argv[3]
busy = int(sys.argv[4]) if len(sys.argv) > 4 else 8
read = lambda name: open(f"{folder}/{name}", "rb").read()
reward_fn = example.make_reward_fn(url, retries=2, backoff=0.01, max_wait=5, timeout=(5, 30), busy_retries=busy)
try:
    scores, info = reward_fn([read("bright.png"), read("dark.png")], ["make it brighter"] * 2,
                             [{"source": read("source.png")}] * 2)
    print(json.dumps({"scores": scores, "keep": info["keep"]}))
except RuntimeError as error:
    print(json.dumps({"error": str(error)}))
`;

// Sends a batch of `groups` groups of `per_group` distinct 16×16 images (256 pixels each, sources distinct too) through
// make_reward_fn, the samples interleaved (sample i belongs to group i % groups, its red is 20 + 3 i, so its reward is
// (20 + 3 i) / 255). argv[4]: groups, argv[5]: per_group. Prints the scores, or the error's type and text.
const SPLIT_DRIVER = `
import json, sys
sys.path.insert(0, sys.argv[1])
import grpo_reward_client as example
url, groups, per_group = sys.argv[2], int(sys.argv[4]), int(sys.argv[5])
solid = lambda red, blue: example._png(bytes([red, 80, blue]) * 256, 16, 16, 3)
n = groups * per_group
images = [solid(20 + 3 * i, 120) for i in range(n)]
sources = [solid(200, g) for g in range(groups)]
reward_fn = example.make_reward_fn(url, retries=0, timeout=(5, 30))
try:
    scores, info = reward_fn(images, ["make it brighter"] * n, [{"source": sources[i % groups]} for i in range(n)])
    print(json.dumps({"scores": scores, "group": info["group"], "ids": [g["id"] for g in info["groups"]]}))
except (RuntimeError, ValueError) as error:
    print(json.dumps({"error": type(error).__name__ + ": " + str(error)}))
`;

// make_reward_fn with timeout=(5, argv[4]) and no waits, on one group of two samples; prints the scores or the
// error's type and text (anything but a RuntimeError is printed too, so a raw requests exception shows).
const TIMEOUT_DRIVER = `
import json, sys
sys.path.insert(0, sys.argv[1])
import grpo_reward_client as example
url, folder, read_timeout = sys.argv[2], sys.argv[3], float(sys.argv[4])
read = lambda name: open(f"{folder}/{name}", "rb").read()
reward_fn = example.make_reward_fn(url, retries=2, backoff=0.01, max_wait=5, timeout=(5, read_timeout))
try:
    scores, info = reward_fn([read("bright.png"), read("dark.png")], ["make it brighter"] * 2,
                             [{"source": read("source.png")}] * 2)
    print(json.dumps({"scores": scores}))
except Exception as error:
    print(json.dumps({"error": type(error).__name__ + ": " + str(error)}))
`;

// EditJudgeReward.rewards with 1,025 ready-made groups (the images are strings the stand-in server never decodes);
// prints the ids of the groups answered, in order.
const MANY_GROUPS_DRIVER = `
import json, sys
sys.path.insert(0, sys.argv[1])
import grpo_reward_client as example
client = example.EditJudgeReward(url=sys.argv[2], retries=0, timeout=(5, 30))
out = client.rewards([{"id": f"p{i}", "source": "s", "instruction": "x", "candidates": ["c"]} for i in range(1025)])
print(json.dumps({"ids": [g["id"] for g in out]}))
`;

/** The server's count of /v1/rewards answers with `status`, from GET /metrics. */
async function rewardsAnswers(url: string, status: number): Promise<number> {
  const metrics = await (await fetch(`${url}/metrics`)).text();
  const line = new RegExp(`editjudge_http_requests_total\\{route="/v1/rewards",status="${status}"\\} (\\d+)`);
  return Number(line.exec(metrics)?.[1] ?? 0);
}

interface FakeProxy {
  url: string;
  /** Milliseconds (performance.now) at which each request arrived. */
  arrivals: number[];
  close(): Promise<void>;
}

/** A node:http server answering request n (0-based) with `answer(n, req, res, body)`. */
async function fakeProxy(
  answer: (n: number, req: IncomingMessage, res: ServerResponse, body: Buffer) => void | Promise<void>,
): Promise<FakeProxy> {
  const arrivals: number[] = [];
  const server = createServer((req, res) => {
    const n = arrivals.push(performance.now()) - 1;
    const chunks: Buffer[] = [];
    req.on("data", (chunk: Buffer) => chunks.push(chunk));
    req.on("end", () => void answer(n, req, res, Buffer.concat(chunks)));
  });
  await new Promise<void>((done) => server.listen(0, "127.0.0.1", done));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    arrivals,
    close: () =>
      new Promise<void>((done) => {
        server.closeAllConnections();
        server.close(() => done());
      }),
  };
}

const HTML_502 =
  "<html><head><title>502 Bad Gateway</title></head><body><center>nginx</center></body></html>";

describe("examples/grpo_reward_client.py", () => {
  let server: RunningServer;
  /** Passes a request on to the live server, and its answer back. */
  const forward = async (req: IncomingMessage, res: ServerResponse, body: Buffer) => {
    const upstream = await fetch(server.url + req.url, {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body,
    });
    res.writeHead(upstream.status, { "Content-Type": "application/json" }).end(await upstream.text());
  };
  const folder = mkdtempSync(join(tmpdir(), "ej-python-"));

  const start = testServers();

  async function python(driver: string, url: string, ...args: string[]): Promise<Record<string, unknown>> {
    if (!PYTHON) throw new Error("unreachable: checked in beforeAll");
    // Asynchronously: the servers answer from this process's event loop.
    const run = await promisify(execFile)(PYTHON, ["-c", driver, EXAMPLES, url, folder, ...args], {
      encoding: "utf8",
      timeout: 60_000,
    });
    expect(run.stderr).toBe("");
    return JSON.parse(run.stdout) as Record<string, unknown>;
  }

  beforeAll(async () => {
    if (!PYTHON)
      throw new Error(
        "no python3 with `requests` found; install it (apt-get install python3-requests, as .ci/run does)",
      );
    server = await startServer({ port: 0, judges: new Map([["fake", fakeJudge()]]) });
    const pngs: Record<string, number> = {
      "source.png": 90,
      "bright.png": 204,
      "dark.png": 51,
      "mid.png": 102,
    };
    for (const [name, red] of Object.entries(pngs))
      writeFileSync(join(folder, name), Buffer.from(await solidPngBase64(red), "base64"));
  });
  afterAll(async () => {
    await server?.close();
    rmSync(folder, { recursive: true, force: true });
  });

  it("gets rewards and advantages from the server and masks the sample the judge could not score", async () => {
    const out = (await python(DRIVER, server.url)) as {
      rewards: Array<number | null>;
      advantages: Array<number | null>;
      keep: boolean;
      updated: number[] | null;
    };
    // The fake judge rewards red / 255: 0.8, 0.2, (not an image), 0.4.
    expect(out.rewards).toEqual([0.8, 0.2, null, 0.4]);
    expect(out.advantages[2]).toBeNull();
    expect(out.keep).toBe(true);
    expect(out.updated).toHaveLength(3);
    expect(out.updated?.[0]).toBeGreaterThan(0);
    expect(out.updated?.[1]).toBeLessThan(0);
  });

  it("make_reward_fn scores a Flow-GRPO batch in order, grouped by source and prompt, NaN where it is not an image", async () => {
    const out = (await python(ADAPTER_DRIVER, server.url)) as {
      scores: Array<number | string>;
      scored: boolean[];
      advantages: Array<number | string>;
      train_advantages: number[];
      keep: boolean[];
      group: number[];
      groups: Array<{ id: number; keep: boolean; scored: number; indices: number[] }>;
      errors: Array<{ code: string } | null>;
      ref_scores: Array<number | null>;
      multi: Record<string, Array<number | string>>;
      tensor_scores: number[] | null;
      strict_keep: boolean[];
      strict_train_advantages: number[];
    };
    // Groups: source.png + "brighter" (samples 0, 2, 4), mid.png + "brighter" (1, 3), source.png + "darker" (5).
    expect(out.scores).toEqual([0.8, 0.4, "NaN", 0.2, 0.2, 0.2]);
    expect(out.scored).toEqual([true, true, false, true, true, true]);
    expect(out.group).toEqual([0, 1, 0, 1, 0, 2]);
    expect(out.groups.map((g) => g.indices)).toEqual([[0, 2, 4], [1, 3], [5]]);
    expect(out.groups.map((g) => g.scored)).toEqual([2, 2, 1]);
    expect(out.errors[2]?.code).toBe("not_an_image");
    expect(out.errors.filter((e) => e !== null)).toHaveLength(1);
    // Group 0: rewards 0.8 and 0.2 → advantages ±1; group 1: 0.4 and 0.2 → ±1; group 2: one reward, advantage 0.
    expect(out.advantages[2]).toBe("NaN");
    for (const [i, advantage] of [
      [0, 1],
      [4, -1],
      [1, 1],
      [3, -1],
      [5, 0],
    ] as const)
      expect(out.advantages[i]).toBeCloseTo(advantage, 3);
    // A single known reward: keep is false, so none of group 2 trains; nor does the sample without a reward.
    expect(out.keep).toEqual([true, true, true, true, true, false]);
    expect(out.train_advantages.map((a) => Math.round(a * 1000) / 1000)).toEqual([1, 1, 0, -1, -1, 0]);
    // keep is passed to the server; samples of a group it does not keep do not train.
    expect(out.strict_keep).toEqual([false, true, false, true, false, false]);
    expect(out.strict_train_advantages.map((a) => Math.round(a * 1000) / 1000)).toEqual([0, 1, 0, -1, 0, 0]);
    // Sources as ref_images (Flow-GRPO's edit trainers), with null_score=None; as_multi_score's dict.
    expect(out.ref_scores).toEqual([0.8, 0.4, null, 0.2, 0.2, 0.2]);
    expect(out.multi.avg).toEqual(out.scores);
    expect(out.multi.editjudge).toEqual(out.scores);
    // The same edits as a duck-typed torch tensor, when python3 has numpy (PNGs written by the example itself).
    expect(out.tensor_scores).toEqual(HAS_NUMPY ? [0.8, 0.4, 0.2] : null);
  });

  it("retries an HTML 502 and an empty 503, waiting the 503's Retry-After, then returns the server's answer", async () => {
    const proxy = await fakeProxy(async (n, req, res, body) => {
      if (n === 0) {
        res.writeHead(502, { "Content-Type": "text/html" }).end(HTML_502);
      } else if (n === 1) {
        res.writeHead(503, { "Retry-After": "1" }).end();
      } else {
        await forward(req, res, body);
      }
    });
    try {
      const out = await python(RETRY_DRIVER, proxy.url);
      expect(out).toEqual({ scores: [0.8, 0.2], keep: [true, true] });
      expect(proxy.arrivals).toHaveLength(3);
      const [first, second, third] = proxy.arrivals as [number, number, number];
      expect(second - first).toBeLessThan(900); // backoff 0.01 s
      expect(third - second).toBeGreaterThanOrEqual(950); // Retry-After: 1
    } finally {
      await proxy.close();
    }
  });

  it("retries 503 server_busy on its own count, beyond `retries`, never sooner than Retry-After, then gives up naming it", async () => {
    const busyAnswer = (res: ServerResponse, retryAfter: string) =>
      res
        .writeHead(503, { "Content-Type": "application/json", "Retry-After": retryAfter })
        .end(JSON.stringify({ error: { code: "server_busy", message: "the server is busy" } }));
    // Busy four times (more than retries=2), the first with Retry-After: 1, then the live server answers.
    const proxy = await fakeProxy(async (n, req, res, body) => {
      if (n < 4) busyAnswer(res, n === 0 ? "1" : "0");
      else await forward(req, res, body);
    });
    try {
      expect(await python(RETRY_DRIVER, proxy.url)).toEqual({ scores: [0.8, 0.2], keep: [true, true] });
      expect(proxy.arrivals).toHaveLength(5);
      const [first = 0, second = 0] = proxy.arrivals;
      expect(second - first).toBeGreaterThanOrEqual(950); // Retry-After: 1 over a backoff of 0.01 s
    } finally {
      await proxy.close();
    }
    const alwaysBusy = await fakeProxy((_n, _req, res) => {
      busyAnswer(res, "0");
    });
    try {
      const out = (await python(RETRY_DRIVER, alwaysBusy.url, "3")) as { error?: string };
      expect(alwaysBusy.arrivals).toHaveLength(4); // busy_retries=3
      expect(out.error).toContain("server_busy");
      expect(out.error).toContain("--max-server-megapixels");
    } finally {
      await alwaysBusy.close();
    }
  });

  it("gives up on an HTML 502 after the bounded retries with a RuntimeError naming the status and the body", async () => {
    const proxy = await fakeProxy((_n, _req, res) => {
      res.writeHead(502, { "Content-Type": "text/html" }).end(HTML_502);
    });
    try {
      const out = (await python(RETRY_DRIVER, proxy.url)) as { error?: string };
      expect(proxy.arrivals).toHaveLength(3); // retries=2
      expect(out.error).toContain("HTTP 502 Bad Gateway");
      expect(out.error).toContain("text/html body: '<html><head><title>502 Bad Gateway");
      expect(out.error).toContain("after 3 attempts");
    } finally {
      await proxy.close();
    }
  });

  it("fails at once, without retrying, on a non-JSON 200, a non-transient error status, and reports a dead server", async () => {
    const garbled = await fakeProxy((_n, _req, res) => {
      res.writeHead(200, { "Content-Type": "text/plain" }).end("OK");
    });
    const teapot = await fakeProxy((_n, _req, res) => {
      res.writeHead(418, { "Content-Type": "text/html" }).end("<p>short and stout</p>");
    });
    const dead = await fakeProxy(() => undefined);
    await dead.close();
    try {
      const out200 = (await python(RETRY_DRIVER, garbled.url)) as { error?: string };
      expect(garbled.arrivals).toHaveLength(1);
      expect(out200.error).toContain("unexpected body");
      expect(out200.error).toContain("HTTP 200 OK, text/plain body: 'OK'");
      const out418 = (await python(RETRY_DRIVER, teapot.url)) as { error?: string };
      expect(teapot.arrivals).toHaveLength(1);
      expect(out418.error).toContain("HTTP 418");
      expect(out418.error).toContain("'<p>short and stout</p>'");
      const outDead = (await python(RETRY_DRIVER, dead.url)) as { error?: string };
      expect(outDead.error).toContain("unreachable after 3 attempts");
    } finally {
      await garbled.close();
      await teapot.close();
    }
  });

  it("splits a batch over the server's pixel budget into requests that fit and returns every score in order", async () => {
    // A group is a source and 3 candidates, 4 × 256 = 1,024 pixels; the budget takes two groups, not three.
    const small = await start({ maxRequestPixels: 2_200 });
    const out = (await python(SPLIT_DRIVER, small.url, "6", "3")) as {
      scores?: number[];
      group?: number[];
      ids?: number[];
      error?: string;
    };
    expect(out.error).toBeUndefined();
    expect(out.scores).toEqual(Array.from({ length: 18 }, (_, i) => (20 + 3 * i) / 255));
    expect(out.group).toEqual(Array.from({ length: 18 }, (_, i) => i % 6));
    expect(out.ids).toEqual([0, 1, 2, 3, 4, 5]);
    // 6 groups → 413; 3 + 3 → 413 each; 1 + 2, 1 + 2 → four answers.
    expect(await rewardsAnswers(small.url, 413)).toBe(3);
    expect(await rewardsAnswers(small.url, 200)).toBe(4);
  });

  it("splits a batch over the server's body size limit the same way", async () => {
    // A 16×16 solid PNG is 100-odd base64 characters: the limit takes a few groups, not twelve.
    const small = await start({ maxBodyBytes: 2_500 });
    const out = (await python(SPLIT_DRIVER, small.url, "12", "2")) as { scores?: number[]; error?: string };
    expect(out.error).toBeUndefined();
    expect(out.scores).toEqual(Array.from({ length: 24 }, (_, i) => (20 + 3 * i) / 255));
    expect(await rewardsAnswers(small.url, 413)).toBeGreaterThan(0);
    expect(await rewardsAnswers(small.url, 200)).toBeGreaterThan(1);
  });

  it("raises a RewardServerError (a RuntimeError) naming the group when one group alone is over the pixel budget", async () => {
    const small = await start({ maxRequestPixels: 2_200 });
    // One group: a source and 9 candidates, 2,560 pixels.
    const out = (await python(SPLIT_DRIVER, small.url, "1", "9")) as { error?: string };
    expect(out.error).toMatch(
      /^RewardServerError: group 0 \(9 candidates\) is too large for one request on its own/,
    );
    expect(out.error).toContain("413 request_too_large");
    expect(out.error).toContain("more than 0.0 MP of decoded pixels");
    expect(out.error).toContain("larger --max-request-megapixels");
    expect(await rewardsAnswers(small.url, 413)).toBe(1);
  });

  it("sends at most 1,024 groups per request", async () => {
    const sizes: number[] = [];
    const proxy = await fakeProxy((_n, _req, res, body) => {
      const { groups } = JSON.parse(body.toString()) as {
        groups: Array<{ id: string; candidates: unknown[] }>;
      };
      sizes.push(groups.length);
      const answer = groups.map((g) => ({
        id: g.id,
        candidates: g.candidates.map(() => ({ reward: 0.5, advantage: 0, dimensions: {} })),
        mean: 0.5,
        std: 0,
        scored: g.candidates.length,
        keep: false,
      }));
      res.writeHead(200, { "Content-Type": "application/json" }).end(JSON.stringify({ groups: answer }));
    });
    try {
      const out = (await python(MANY_GROUPS_DRIVER, proxy.url)) as { ids: string[] };
      expect(sizes).toEqual([1024, 1]);
      expect(out.ids).toEqual(Array.from({ length: 1025 }, (_, i) => `p${i}`));
    } finally {
      await proxy.close();
    }
  });

  it("refuses a group of 65 samples with a ValueError before sending anything", async () => {
    const proxy = await fakeProxy((_n, _req, res) => {
      res.writeHead(500).end();
    });
    try {
      const out = (await python(SPLIT_DRIVER, proxy.url, "1", "65")) as { error?: string };
      expect(out.error).toMatch(/^ValueError: group 0 \(the samples sharing one source image and prompt/);
      expect(out.error).toContain("has 65 samples");
      expect(out.error).toContain("at most 64 candidates per group");
      expect(proxy.arrivals).toHaveLength(0);
    } finally {
      await proxy.close();
    }
  });

  it("does not retry the server's 504 timeout, and turns a read timeout into a RewardServerTimeout (a RuntimeError) without retrying", async () => {
    const timedOut = await fakeProxy((_n, _req, res) => {
      res
        .writeHead(504, { "Content-Type": "application/json" })
        .end(JSON.stringify({ error: { code: "timeout", message: "the request took over 120000 ms" } }));
    });
    const silent = await fakeProxy(() => undefined);
    try {
      const out504 = (await python(TIMEOUT_DRIVER, timedOut.url, "30")) as { error?: string };
      expect(timedOut.arrivals).toHaveLength(1);
      expect(out504.error).toMatch(
        /^RewardServerError: .*HTTP 504 Gateway Timeout timeout: the request took over/,
      );
      const outSilent = (await python(TIMEOUT_DRIVER, silent.url, "0.5")) as { error?: string };
      expect(silent.arrivals).toHaveLength(1);
      expect(outSilent.error).toMatch(
        /^RewardServerTimeout: .* sent no answer within the 0\.5 s read timeout/,
      );
      expect(outSilent.error).toContain("larger read timeout");
    } finally {
      await timedOut.close();
      await silent.close();
    }
  });

  it("retries a connection dropped in the middle of the answer", async () => {
    const proxy = await fakeProxy(async (n, req, res, body) => {
      if (n === 0) {
        res.writeHead(200, { "Content-Type": "application/json", "Transfer-Encoding": "chunked" });
        res.write('{"groups": [');
        setTimeout(() => res.socket?.destroy(), 50);
        return;
      }
      await forward(req, res, body);
    });
    try {
      const out = await python(TIMEOUT_DRIVER, proxy.url, "30");
      expect(out).toEqual({ scores: [0.8, 0.2] });
      expect(proxy.arrivals).toHaveLength(2);
    } finally {
      await proxy.close();
    }
  });
});
