import { execFile, spawnSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { promisify } from "node:util";
import { afterAll, describe, expect, it } from "vitest";
import { type RunningServer, startServer } from "./start-server.js";
import { fakeJudge, solidPngBase64 } from "./test-fixtures.js";

// The Python example in examples/ run for real against a server. It needs a python3 with `requests`: the one on
// PATH, or Debian's (`apt-get install python3-requests`, which .ci/run does when neither has it).
const PYTHON = ["python3", "/usr/bin/python3"].find(
  (python) => spawnSync(python, ["-c", "import requests"], { encoding: "utf8" }).status === 0,
);
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

describe("examples/grpo_reward_client.py", () => {
  let server: RunningServer | null = null;
  const folder = mkdtempSync(join(tmpdir(), "ej-python-"));
  afterAll(async () => {
    await server?.close();
    rmSync(folder, { recursive: true, force: true });
  });

  it("gets rewards and advantages from the server and masks the sample the judge could not score", async () => {
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
    // Asynchronously: the server answers from this process's event loop.
    const run = await promisify(execFile)(PYTHON, ["-c", DRIVER, EXAMPLES, server.url, folder], {
      encoding: "utf8",
      timeout: 60_000,
    });
    expect(run.stderr).toBe("");
    const out = JSON.parse(run.stdout) as {
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
});
