import { mkdir, mkdtemp, rm, symlink, writeFile } from "node:fs/promises";
import { createServer, request, type Server } from "node:http";
import { type AddressInfo, connect } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { LookupFn, Transport } from "../net/fetch-transport.js";
import { nodeTransport } from "../net/node-transport.js";
import { type RunningServer, startServer } from "./start-server.js";
import { bombPng, fakeJudge, solidPngBase64 } from "./test-fixtures.js";

const PUBLIC = "93.184.216.34"; // a public address (never dialled: the transport is faked)
let server: RunningServer;
let redirector: Server;
let redirectPort = 0;
let root = "";
let png = "";
const connections: string[] = [];

const lookup: LookupFn = async (host) => {
  if (host === "images.test") return [{ address: PUBLIC, family: 4 }];
  if (host === "localhost") return [{ address: "127.0.0.1", family: 4 }];
  throw new Error(`ENOTFOUND ${host}`);
};
/** Routes only the fake public address to the loopback redirect server; any other connection fails the test. */
const transport: Transport = (request) => {
  connections.push(request.address.address);
  if (request.address.address !== PUBLIC)
    throw new Error(`unexpected connection to ${request.address.address}`);
  return nodeTransport({ ...request, address: { address: "127.0.0.1", family: 4 } });
};

beforeAll(async () => {
  png = await solidPngBase64(200);
  root = await mkdtemp(join(tmpdir(), "ej-server-"));
  await mkdir(join(root, "images"));
  await writeFile(join(root, "images", "ok.png"), Buffer.from(png, "base64"));
  await writeFile(join(root, "secret.png"), Buffer.from(png, "base64"));
  await symlink(join(root, "secret.png"), join(root, "images", "escape.png"));
  redirector = createServer((_req, res) => {
    res.writeHead(302, { location: `http://localhost:${redirectPort}/image.png` });
    res.end();
  });
  await new Promise<void>((resolve) => redirector.listen(0, "127.0.0.1", resolve));
  redirectPort = (redirector.address() as AddressInfo).port;
  server = await startServer({
    port: 0,
    judges: new Map([["fake", fakeJudge()]]),
    maxBodyBytes: 1024 * 1024,
    images: { allowUrls: true, pathRoots: [join(root, "images")], fetchTimeoutMs: 5000, lookup, transport },
  });
});

afterAll(async () => {
  await server.close();
  await new Promise<void>((resolve) => redirector.close(() => resolve()));
  await rm(root, { recursive: true, force: true });
});

async function post(
  path: string,
  body: string | object,
): Promise<{ status: number; json: { error?: { code: string; message: string } } }> {
  const res = await fetch(`${server.url}${path}`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: typeof body === "string" ? body : JSON.stringify(body),
  });
  return { status: res.status, json: (await res.json()) as { error?: { code: string; message: string } } };
}

async function expectStillUp(): Promise<void> {
  const res = await fetch(`${server.url}/healthz`);
  expect(res.status).toBe(200);
}

const scoreWithSource = (source: unknown) => ({ source, instruction: "make it brighter", candidates: [png] });

describe("bad input gets a clear 4xx and the server stays up", () => {
  const cases: Array<[string, () => string | object, number, string, RegExp]> = [
    ["malformed JSON", () => '{"source": "abc", "instruction": ', 400, "invalid_json", /not valid JSON/],
    ["empty body", () => "", 400, "invalid_json", /not valid JSON/],
    [
      "wrong types",
      () => ({ source: png, instruction: 5, candidates: "x" }),
      400,
      "invalid_request",
      /instruction/,
    ],
    [
      "missing candidates",
      () => ({ source: png, instruction: "x", candidates: [] }),
      400,
      "invalid_request",
      /candidates/,
    ],
    ["unknown field", () => ({ ...scoreWithSource(png), extra: 1 }), 400, "invalid_request", /extra/],
    [
      "empty instruction",
      () => ({ ...scoreWithSource(png), instruction: "" }),
      400,
      "empty_instruction",
      /empty/,
    ],
    [
      "blank instruction",
      () => ({ ...scoreWithSource(png), instruction: "  " }),
      400,
      "empty_instruction",
      /empty/,
    ],
    [
      "JSON nested 200,000 deep",
      () => `{"source":"${"A".repeat(9000)}","x":${"[".repeat(200_000)}${"]".repeat(200_000)}}`,
      400,
      "invalid_json",
      /nested too deeply/,
    ],
    [
      "huge body",
      () => scoreWithSource("A".repeat(2 * 1024 * 1024)),
      413,
      "body_too_large",
      /over the 1048576-byte limit/,
    ],
    [
      "decompression bomb",
      () => scoreWithSource(bombPng().toString("base64")),
      413,
      "image_too_large",
      /100000×100000/,
    ],
    [
      "non-image base64",
      () => scoreWithSource(Buffer.from("hello, not an image").toString("base64")),
      422,
      "not_an_image",
      /not a readable image/,
    ],
    [
      "invalid base64",
      () => scoreWithSource("@@@ not base64 @@@"),
      400,
      "invalid_base64",
      /not valid base64/,
    ],
    ["data URL without base64", () => scoreWithSource("data:image/png,abc"), 400, "invalid_base64", /base64/],
    ["SSRF 127.0.0.1", () => scoreWithSource("http://127.0.0.1:9/x.png"), 403, "url_forbidden", /loopback/],
    [
      "SSRF metadata",
      () => scoreWithSource({ url: "http://169.254.169.254/latest/meta-data/" }),
      403,
      "url_forbidden",
      /metadata/,
    ],
    ["SSRF [::1]", () => scoreWithSource("http://[::1]:9/x.png"), 403, "url_forbidden", /loopback/],
    [
      "SSRF IPv4-mapped",
      () => scoreWithSource("http://[::ffff:127.0.0.1]/x.png"),
      403,
      "url_forbidden",
      /loopback/,
    ],
    [
      "SSRF redirect to localhost",
      () => scoreWithSource(`http://images.test:${redirectPort}/start`),
      403,
      "url_forbidden",
      /localhost/,
    ],
    ["non-http scheme", () => scoreWithSource({ url: "file:///etc/passwd" }), 403, "url_forbidden", /scheme/],
    [
      "traversal path",
      () => scoreWithSource({ path: "../secret.png" }),
      403,
      "path_forbidden",
      /outside the allowed image roots/,
    ],
    [
      "deep traversal",
      () => scoreWithSource({ path: "../../../../../../etc/passwd" }),
      403,
      "path_forbidden",
      /outside/,
    ],
    [
      "absolute path outside roots",
      () => scoreWithSource({ path: "/etc/passwd" }),
      403,
      "path_forbidden",
      /outside/,
    ],
    [
      "symlink escaping the root",
      () => scoreWithSource({ path: "escape.png" }),
      403,
      "path_forbidden",
      /outside/,
    ],
    ["missing file", () => scoreWithSource({ path: "nope.png" }), 400, "image_unreadable", /no file/],
    [
      "unknown judge",
      () => ({ ...scoreWithSource(png), judge: "nope" }),
      400,
      "unknown_judge",
      /choose one of: fake/,
    ],
  ];

  it.each(cases)("%s", async (_name, body, status, code, message) => {
    const res = await post("/v1/score", body());
    expect(res.status).toBe(status);
    expect(res.json.error?.code).toBe(code);
    expect(res.json.error?.message).toMatch(message);
    await expectStillUp();
  });

  it("never connected anywhere but the fake public address", () => {
    expect(new Set(connections)).toEqual(new Set([PUBLIC]));
  });

  it("a file under the root is accepted", async () => {
    const res = await post("/v1/score", scoreWithSource({ path: "ok.png" }));
    expect(res.status).toBe(200);
  });

  it("a chunked body (no content-length) over the limit gets 413 and the connection is closed", async () => {
    const url = new URL(server.url);
    const answer = await new Promise<{ status: number; body: string; connection?: string }>(
      (resolve, reject) => {
        const req = request(
          { host: url.hostname, port: url.port, path: "/v1/score", method: "POST" },
          (res) => {
            let text = "";
            res.on("data", (chunk) => {
              text += chunk;
            });
            res.on("end", () =>
              resolve({
                status: res.statusCode ?? 0,
                body: text,
                ...(res.headers.connection ? { connection: res.headers.connection } : {}),
              }),
            );
          },
        );
        req.on("error", reject);
        const piece = Buffer.alloc(64 * 1024, 0x41);
        for (let i = 0; i < 24; i++) req.write(piece); // 1.5 MiB, streamed
        req.end();
      },
    );
    expect(answer.status).toBe(413);
    expect(JSON.parse(answer.body)).toMatchObject({ error: { code: "body_too_large" } });
    expect(answer.connection).toBe("close");
    await expectStillUp();
  });

  it("a client that disconnects mid-body ends its request (400 body_incomplete) and leaves the server up", async () => {
    const url = new URL(server.url);
    const answered400 = async () => {
      const metrics = await (await fetch(`${server.url}/metrics`)).text();
      return Number(
        /editjudge_http_requests_total\{route="\/v1\/score",status="400"\} (\d+)/.exec(metrics)?.[1] ?? 0,
      );
    };
    const before = await answered400();
    await new Promise<void>((resolve) => {
      const socket = connect(Number(url.port), url.hostname, () => {
        socket.write(
          'POST /v1/score HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 100000\r\n\r\n{"source": "',
        );
        setImmediate(() => socket.destroy());
      });
      socket.on("close", () => resolve());
    });
    await expectStillUp();
    // The half-read request is not left hanging: it finishes as a 400, never a 500.
    await expect.poll(answered400, { timeout: 10_000 }).toBe(before + 1);
    expect(await (await fetch(`${server.url}/metrics`)).text()).not.toMatch(/status="500"/);
  });

  it("unknown routes and methods get the same error shape", async () => {
    const res = await fetch(`${server.url}/v2/nothing`);
    expect(res.status).toBe(404);
    expect(await res.json()).toMatchObject({ error: { code: "not_found" } });
    const wrongMethod = await fetch(`${server.url}/v1/score`);
    expect(wrongMethod.status).toBe(405);
    expect(wrongMethod.headers.get("allow")).toBe("POST");
    expect(await wrongMethod.json()).toMatchObject({
      error: {
        code: "method_not_allowed",
        message: expect.stringMatching(/\/v1\/score takes POST, not GET/),
      },
    });
    await expectStillUp();
  });

  it("a bad item in /v1/rewards does not fail the batch", async () => {
    const bad = Buffer.from("not an image").toString("base64");
    const res = await post("/v1/rewards", {
      groups: [
        { id: "a", source: bombPng().toString("base64"), instruction: "x", candidates: [png] },
        {
          id: "b",
          source: png,
          instruction: "x",
          candidates: [png, { url: "http://169.254.169.254/" }, bad],
        },
      ],
    });
    expect(res.status).toBe(200);
    const body = res.json as unknown as {
      groups: Array<{
        id: string;
        error?: { code: string };
        candidates: Array<{ reward: number | null; error?: { code: string } }>;
      }>;
    };
    expect(body.groups[0]?.error?.code).toBe("image_too_large");
    expect(body.groups[1]?.candidates.map((c) => c.error?.code ?? c.reward)).toEqual([
      200 / 255,
      "url_forbidden",
      "not_an_image",
    ]);
    await expectStillUp();
  });
});
