import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import type { PickleValue } from "../pickle/pickle-value.js";
import { readPickle } from "../pickle/read-pickle.js";
import { type PickleAnswer, writePickle } from "../pickle/write-pickle.js";
import { type RunningServer, type StartServerOptions, startServer } from "../start-server.js";
import { fakeJudge, solidPngBase64 } from "../test-fixtures.js";

// Bad input on the trainer-protocol routes, like server-bad-input.test.ts for /v1/rewards: each gets a clear 4xx in
// the route's own format (pickled {"error", "code"} on the pickle routes), and the server is checked alive after.
const PYTHON = ["python3", "/usr/bin/python3"].find(
  (python) => spawnSync(python, ["-c", "import pickle"], { encoding: "utf8" }).status === 0,
);

let server: RunningServer;
let bright = new Uint8Array();
let dark = new Uint8Array();
const running: RunningServer[] = [];

/** A server with the fake judge (reward = red / 255, red 0 abstains) and a 1 MiB body limit. */
async function start(options: StartServerOptions = {}): Promise<RunningServer> {
  const s = await startServer({
    port: 0,
    judges: new Map([["fake", fakeJudge()]]),
    maxBodyBytes: 1024 * 1024,
    ...options,
  });
  running.push(s);
  return s;
}

beforeAll(async () => {
  bright = Buffer.from(await solidPngBase64(200), "base64");
  dark = Buffer.from(await solidPngBase64(0), "base64");
  server = await start();
  running.length = 0;
});
afterEach(async () => {
  await Promise.all(running.splice(0).map((s) => s.close()));
});
afterAll(async () => {
  await server.close();
});

async function post(path: string, body: Uint8Array | string, to: RunningServer = server, headers = {}) {
  const response = await fetch(`${to.url}${path}`, { method: "POST", body, headers });
  const bytes = new Uint8Array(await response.arrayBuffer());
  // The server is alive after every bad input.
  expect((await fetch(`${to.url}/healthz`)).status).toBe(200);
  return { status: response.status, headers: response.headers, bytes };
}

/** A pickle route's answer, read back: status and the dict. */
async function postPickle(path: string, body: Uint8Array, to?: RunningServer, headers = {}) {
  const answer = await post(path, body, to, headers);
  const value = readPickle(answer.bytes) as Map<string, PickleValue>;
  return { status: answer.status, headers: answer.headers, value, error: String(value.get("error") ?? "") };
}

const editR1 = (fields: Record<string, PickleAnswer>): Uint8Array =>
  writePickle({
    images: [bright],
    ref_images: [bright],
    prompts: ["make it brighter"],
    metadatas: [{}],
    ...fields,
  });

describe("pickle routes: bad bodies are 400 invalid_pickle, nothing run", () => {
  it.each(["/mode/logits_non_cot", "/", "/flow-grpo"])(
    "%s: empty, JSON, truncated, huge lengths, deep nesting",
    async (path) => {
      const cases: Array<[Uint8Array | string, RegExp]> = [
        ["", /is empty/],
        ['{"images": []}', /unknown opcode 0x7b/],
        [writePickle({ images: [bright] }).subarray(0, 20), /truncated|ends before its STOP/],
        [
          Uint8Array.from([0x80, 4, 0x58, 0xff, 0xff, 0xff, 0x7f, 0x2e]),
          /declares a string of 2147483647 bytes/,
        ],
        [
          Uint8Array.from([0x80, 4, ...Array(5000).fill(0x5d), ...Array(4999).fill(0x61), 0x2e]),
          /more than 8 deep/,
        ],
      ];
      for (const [body, message] of cases) {
        const answer = await postPickle(path, typeof body === "string" ? Buffer.from(body) : body);
        expect(answer.status, String(message)).toBe(400);
        expect(answer.value.get("code")).toBe("invalid_pickle");
        expect(answer.error).toMatch(message);
      }
    },
  );

  it.skipIf(!PYTHON)("an os.system pickle made by real Python is refused and never runs", async () => {
    const dir = mkdtempSync(join(tmpdir(), "ej-pwn-"));
    const marker = join(dir, "pwned");
    const made = spawnSync(
      PYTHON as string,
      [
        "-c",
        `import os, pickle, sys\nclass E:\n    def __reduce__(self): return (os.system, ("touch ${marker}",))\nsys.stdout.buffer.write(pickle.dumps({"images": [E()], "ref_images": [b""], "prompts": ["x"]}))`,
      ],
      { encoding: "buffer" },
    );
    for (const path of ["/mode/x", "/"]) {
      const answer = await postPickle(path, made.stdout);
      expect(answer.status).toBe(400);
      expect(answer.error).toMatch(/(posix|os)\.system.*never run/);
    }
    expect(existsSync(marker)).toBe(false);
    rmSync(dir, { recursive: true, force: true });
  });

  it("seeded random byte flips of a good body: every answer 4xx or 200, never 5xx, server up", async () => {
    const good = editR1({});
    let seed = 99;
    const random = () => {
      seed = (seed * 1103515245 + 12345) % 2 ** 31;
      return seed / 2 ** 31;
    };
    const statuses = new Set<number>();
    for (let round = 0; round < 150; round++) {
      const bytes = Uint8Array.from(good);
      for (let f = 0; f < 3; f++) bytes[Math.floor(random() * bytes.length)] = Math.floor(random() * 256);
      const { status } = await post(round % 2 ? "/mode/x" : "/", bytes);
      statuses.add(status);
      expect(status === 200 || (status >= 400 && status < 500), `status ${status}`).toBe(true);
    }
    expect([...statuses].some((s) => s === 400)).toBe(true);
  });

  it("a body over --max-body is 413 body_too_large, pickled", async () => {
    const answer = await postPickle("/mode/x", new Uint8Array(1024 * 1024 + 10));
    expect(answer.status).toBe(413);
    expect(answer.value.get("code")).toBe("body_too_large");
  });

  it("GET on a pickle route is 405 naming POST", async () => {
    const response = await fetch(`${server.url}/mode/x`);
    expect(response.status).toBe(405);
    expect(response.headers.get("allow")).toBe("POST");
  });
});

describe("Edit-R1 /mode/<mode>: fields", () => {
  it.each<[string, Record<string, PickleAnswer>, RegExp]>([
    ["top level not a dict", {}, /is a list; send pickle.dumps of a dict/],
    ["no images", { images: null }, /no "images"/],
    ["images not a list", { images: "x" }, /"images" is a str/],
    ["image not bytes", { images: ["abc"] }, /images\[0\] is a str, not bytes/],
    ["sources miscounted", { ref_images: [bright, bright] }, /"ref_images" has 2 images for 1/],
    ["no prompts", { prompts: null }, /no "prompts"/],
    ["prompt not a str", { prompts: [3] }, /prompts\[0\] is a number, not a str/],
    [
      "requirement not a str",
      { metadatas: [{ requirement: 3 }] },
      /metadatas\[0\]\["requirement"\] is not a str/,
    ],
    ["metadatas not a list", { metadatas: "x" }, /"metadatas" is not a list/],
  ])("%s → 400 naming the field", async (name, fields, message) => {
    const body = name === "top level not a dict" ? writePickle([1]) : editR1(fields);
    const answer = await postPickle("/mode/logits_non_cot", body);
    expect(answer.status).toBe(400);
    expect(answer.error).toMatch(message);
  });

  it("the chunk bug: the whole prompts list with a smaller chunk of images", async () => {
    // Different prompts: which belong to this chunk is unknown → 400 saying to send at most 64 images per call.
    const mixed = await postPickle(
      "/mode/x",
      editR1({ prompts: ["make it brighter", "make it darker"], metadatas: [{}, {}] }),
    );
    expect(mixed.status).toBe(400);
    expect(mixed.error).toMatch(/"prompts" has 2 entries for 1 images.*at most 64 images at a time/);
    // All the same (one instruction for the batch): unambiguous, judged.
    const same = await postPickle(
      "/mode/x",
      editR1({ prompts: ["make it brighter", "make it brighter"], metadatas: [{}, {}] }),
    );
    expect(same.status).toBe(200);
    expect(same.value.get("scores")).toEqual([200 / 255]);
  });

  it("a candidate the judge abstains on: 422 no_reward with null_mask and no scores (default --compat-null error)", async () => {
    const answer = await postPickle(
      "/mode/x",
      editR1({
        images: [bright, dark],
        ref_images: [bright, bright],
        prompts: ["a", "a"],
        metadatas: [{}, {}],
      }),
    );
    expect(answer.status).toBe(422);
    expect(answer.value.get("code")).toBe("no_reward");
    expect(answer.value.has("scores")).toBe(false);
    expect(answer.value.get("null_mask")).toEqual([false, true]);
    expect(answer.error).toMatch(
      /images\[1\] has no reward, the judge abstained: fake judge abstains on red 0/,
    );
  });

  it("a candidate that is not an image: 422 naming it", async () => {
    const answer = await postPickle("/mode/x", editR1({ images: [Buffer.from("not an image")] }));
    expect(answer.status).toBe(422);
    expect(answer.error).toMatch(/images\[0\] has no reward, not_an_image/);
  });

  it("--compat-null zero and nan answer 200 with the placeholder and null_mask", async () => {
    const body = editR1({
      images: [bright, dark],
      ref_images: [bright, bright],
      prompts: ["a", "a"],
      metadatas: [{}, {}],
    });
    const zero = await postPickle("/mode/x", body, await start({ compatNull: "zero" }));
    expect(zero.status).toBe(200);
    expect(zero.value.get("scores")).toEqual([200 / 255, 0]);
    expect(zero.value.get("null_mask")).toEqual([false, true]);
    const nan = await postPickle("/mode/x", body, await start({ compatNull: "nan" }));
    expect((nan.value.get("scores") as number[])[1]).toBeNaN();
  });
});

describe("metadata reaches the judge", () => {
  it("Edit-R1's metadatas[i] and UniRL's metadata become the case's metadata (requirement included)", async () => {
    const seen: unknown[] = [];
    const inner = fakeJudge();
    const recording = await start({
      judges: new Map([
        [
          "fake",
          {
            ...inner,
            judge: (edit, options) => {
              seen.push(edit.metadata);
              return inner.judge(edit, options);
            },
          },
        ],
      ]),
    });
    const body = editR1({
      images: [bright, bright],
      ref_images: [bright, bright],
      prompts: ["a", "a"],
      metadatas: [{ requirement: "brighter sky" }, null],
    });
    expect((await postPickle("/mode/x", body, recording)).status).toBe(200);
    expect(seen).toEqual(expect.arrayContaining([{ requirement: "brighter sky" }, undefined]));
    seen.length = 0;
    const png = Buffer.from(bright).toString("base64");
    const turn = { text: "a", image_b64: png };
    const score = (metadata: unknown) =>
      fetch(`${recording.url}/score`, {
        method: "POST",
        body: JSON.stringify({ requests: [{ history: [turn, turn], required_rewards: ["fake"], metadata }] }),
      }).then((r) => r.json() as Promise<{ errors: Array<Record<string, string>> }>);
    expect((await score({ requirement: "keep the dog", id: 7 })).errors).toEqual([{}]);
    expect(seen).toEqual([{ requirement: "keep the dog", id: 7 }]);
    expect((await score({ requirement: 3 })).errors[0]?.fake).toMatch(/metadata.requirement is not a string/);
  });
});

describe("flow_grpo / verl-omni POST / and /flow-grpo: where the source comes from", () => {
  const flow = (fields: Record<string, PickleAnswer>) =>
    writePickle({ images: [bright], prompts: ["make it brighter"], metadata: {}, ...fields });

  it("no source anywhere → 400 missing_source naming where one can come from", async () => {
    for (const path of ["/", "/flow-grpo"]) {
      const answer = await postPickle(path, flow({}));
      expect(answer.status).toBe(400);
      expect(answer.value.get("code")).toBe("missing_source");
      expect(answer.error).toMatch(/images\[0\] has no source image.*"ref_images".*metadata \{"source"/);
    }
  });

  it("the source from metadata.source (shared or per image), ref_images, or a JSON prompt", async () => {
    const png = Buffer.from(bright).toString("base64");
    const bodies = [
      flow({ metadata: { source: bright } }),
      flow({ metadata: [{ source: bright }] }),
      flow({ ref_images: [bright] }),
      flow({ prompts: [JSON.stringify({ instruction: "make it brighter", source: png })] }),
    ];
    for (const body of bodies) {
      const answer = await postPickle("/", body);
      expect(answer.status, answer.error).toBe(200);
      expect(answer.value.get("scores")).toEqual([200 / 255]);
      expect(answer.value.get("outputs")).toEqual([200 / 255]);
      expect(answer.value.get("null_mask")).toEqual([false]);
    }
  });

  it.each<[string, Record<string, PickleAnswer>, RegExp]>([
    ["no prompts", { prompts: null }, /no "prompts"/],
    [
      "source not an image",
      { metadata: { source: 3 } },
      /metadata\["source"\] is a number that is not an image/,
    ],
    [
      "JSON prompt without instruction",
      { prompts: ['{"source": "x"}'] },
      /prompts\[0\] is a JSON object but not/,
    ],
    [
      "a path with paths disabled",
      { prompts: ['{"instruction": "a", "source": {"path": "a.png"}}'] },
      /paths are disabled/,
    ],
  ])("%s → 4xx naming it", async (_name, fields, message) => {
    const answer = await postPickle("/", flow(fields));
    expect(answer.status).toBeGreaterThanOrEqual(400);
    expect(answer.status).toBeLessThan(500);
    expect(answer.error).toMatch(message);
  });
});

describe("UniRL /health and /score, Flow-Factory /compute: JSON", () => {
  const b64 = (bytes: Uint8Array) => Buffer.from(bytes).toString("base64");
  const json = async (path: string, body: unknown, to: RunningServer = server) => {
    const answer = await post(path, typeof body === "string" ? body : JSON.stringify(body), to);
    return {
      status: answer.status,
      text: Buffer.from(answer.bytes).toString(),
      body: JSON.parse(
        Buffer.from(answer.bytes)
          .toString()
          .replace(/\bNaN\b/g, '"NaN"'),
      ),
    };
  };

  it("/health lists editjudge and every loaded judge; POST is 405", async () => {
    const health = await (await fetch(`${server.url}/health`)).json();
    expect(health).toEqual({ status: "ok", rewards: { editjudge: ["ready"], fake: ["ready"] } });
    expect((await fetch(`${server.url}/health`, { method: "POST" })).status).toBe(405);
  });

  it("/score: bad envelopes are 400 in the server's JSON error shape", async () => {
    for (const body of [
      "{",
      { requests: "x" },
      { requests: [{ history: [], required_rewards: ["editjudge"] }] },
    ]) {
      const answer = await json("/score", body);
      expect(answer.status).toBe(400);
      expect(answer.body.error.code).toMatch(/invalid_json|invalid_request/);
    }
  });

  it("/score: per-request problems go to errors[i], the rest is judged", async () => {
    const good = {
      history: [
        { text: "a", image_b64: b64(bright) },
        { text: "a", image_b64: b64(bright) },
      ],
      required_rewards: ["editjudge", "fake"],
    };
    const answer = await json("/score", {
      requests: [
        good,
        { history: [{ text: "a", image_b64: b64(bright) }], required_rewards: ["editjudge"] },
        { ...good, required_rewards: ["hpsv2"] },
        {
          history: [
            { text: "a", video_b64: "AAAA" },
            { text: "a", video_b64: "AAAA" },
          ],
          required_rewards: ["fake"],
        },
        {
          history: [good.history[0], { text: "a", image_b64: "bm90IGFuIGltYWdl" }],
          required_rewards: ["fake"],
        },
        { history: [good.history[0], { text: "a", image_b64: b64(dark) }], required_rewards: ["fake"] },
      ],
    });
    expect(answer.status).toBe(200);
    const r = 200 / 255;
    const full = { overall: r, instructionFollowing: r, preservation: r, quality: r };
    expect(Object.keys(answer.body.results[0].editjudge)).toEqual([
      "overall",
      "instructionFollowing",
      "preservation",
      "quality",
    ]);
    expect(answer.body.results[0]).toEqual({ editjudge: full, fake: full });
    expect(answer.body.errors[1].editjudge).toMatch(/no source image: the history has one turn/);
    expect(answer.body.errors[2].hpsv2).toMatch(
      /"hpsv2" is not served here; GET \/health lists: editjudge, fake/,
    );
    expect(answer.body.errors[3].fake).toMatch(/videos are not judged/);
    expect(answer.body.errors[4].fake).toMatch(/not_an_image/);
    expect(answer.body.errors[5].fake).toMatch(/the judge abstained/);
    expect(answer.body.null_mask).toEqual([false, true, true, true, true, true]);
  });

  it("/compute: no source, videos, miscounted prompts → 400; an abstention → 422; nan → NaN token", async () => {
    const base = { prompt: ["a"], image: [b64(bright)], condition_images: [[b64(bright)]] };
    const cases: Array<[unknown, number, RegExp]> = [
      [{ ...base, condition_images: null }, 400, /image\[0\] has no source image.*required_fields/],
      [{ ...base, video: [["AAAA"]] }, 400, /videos are not judged/],
      [{ ...base, prompt: ["a", "b"] }, 400, /"prompt" has 2 entries for 1 images/],
      [{ ...base, image: null }, 400, /no "image"/],
      [{ ...base, image: [b64(dark)] }, 422, /image\[0\] has no reward, the judge abstained/],
      ["[1,", 400, /not valid JSON/],
    ];
    for (const [body, status, message] of cases) {
      const answer = await json("/compute", body);
      expect(answer.status, String(message)).toBe(status);
      expect(answer.body.error.message).toMatch(message);
    }
    const ok = await json("/compute", base);
    expect(ok.body).toEqual({ rewards: [200 / 255], null_mask: [false] });
    const nan = await json("/compute", { ...base, image: [b64(dark)] }, await start({ compatNull: "nan" }));
    expect(nan.text).toBe('{"rewards":[NaN],"null_mask":[true]}');
  });
});

describe("auth and shutdown on the compat routes", () => {
  it("takes the token as Bearer or as the Basic password (any user), only on compat routes", async () => {
    const secured = await start({ token: "s3cret" });
    const body = editR1({});
    const basic = (user: string, password: string) => ({
      authorization: `Basic ${Buffer.from(`${user}:${password}`).toString("base64")}`,
    });
    expect((await postPickle("/mode/x", body, secured)).status).toBe(401);
    expect((await postPickle("/mode/x", body, secured)).error).toMatch(/http:\/\/x:TOKEN@host:port/);
    expect((await postPickle("/mode/x", body, secured, basic("x", "wrong"))).status).toBe(401);
    expect((await postPickle("/mode/x", body, secured, basic("x", "s3cret"))).status).toBe(200);
    expect((await postPickle("/mode/x", body, secured, basic("", "s3cret"))).status).toBe(200);
    expect((await postPickle("/mode/x", body, secured, { authorization: "Bearer s3cret" })).status).toBe(200);
    expect((await fetch(`${secured.url}/health`)).status).toBe(200);
    const rewards = await fetch(`${secured.url}/v1/rewards`, {
      method: "POST",
      body: "{}",
      headers: basic("x", "s3cret"),
    });
    expect(rewards.status).toBe(401);
  });

  it("server_busy (the server-wide pixel budget held by a request in flight) is 500 with Retry-After", async () => {
    let release: () => void = () => {};
    const held = new Promise<void>((resolve) => {
      release = resolve;
    });
    let entered: () => void = () => {};
    const judging = new Promise<void>((resolve) => {
      entered = resolve;
    });
    const busy = await start({
      judges: new Map([
        [
          "fake",
          fakeJudge("fake", () => {
            entered();
            return held;
          }),
        ],
      ]),
      maxRequestPixels: 300,
      maxServerPixels: 300,
    });
    const first = fetch(`${busy.url}/mode/x`, { method: "POST", body: editR1({}) });
    await judging;
    const other = Buffer.from(await solidPngBase64(120), "base64");
    const answer = await postPickle("/mode/x", editR1({ images: [other], ref_images: [other] }), busy);
    expect(answer.status).toBe(500);
    expect(answer.value.get("code")).toBe("server_busy");
    expect(answer.headers.get("retry-after")).toBe("1");
    release();
    expect((await first).status).toBe(200);
  });

  it("while draining, compat routes answer 500 shutting_down (which the clients retry), /health 503", async () => {
    const draining = await start();
    draining.runtime.draining = true;
    const answer = await fetch(`${draining.url}/mode/x`, { method: "POST", body: editR1({}) });
    expect(answer.status).toBe(500);
    const value = readPickle(new Uint8Array(await answer.arrayBuffer())) as Map<string, PickleValue>;
    expect(value.get("code")).toBe("shutting_down");
    expect((await fetch(`${draining.url}/health`)).status).toBe(503);
    draining.runtime.draining = false;
  });
});
