import { execFile } from "node:child_process";
import { connect, createServer, type Server } from "node:net";
import { promisify } from "node:util";
import sharp from "sharp";
import { describe, expect, it } from "vitest";
import type { RunningServer, StartServerOptions } from "./start-server.js";
import { fakeJudge, solidPngBase64 } from "./test-fixtures.js";
import { postJson, testServers } from "./test-helpers/test-servers.js";

const start = testServers();

/** A 64×64 PNG with its own pixels (4,096 pixels decoded). */
const png64 = async (red: number) =>
  (
    await sharp({ create: { width: 64, height: 64, channels: 3, background: { r: red, g: 9, b: 9 } } })
      .png()
      .toBuffer()
  ).toString("base64");

describe("per-request pixel budget", () => {
  it("fails a request whose distinct images decode to more pixels than the budget with 413", async () => {
    // Source + 3 distinct candidates = 4 × 4,096 pixels; the budget allows 3.5 images.
    const server = await start({ maxRequestPixels: 14_336 });
    const [src, a, b, c] = await Promise.all([10, 60, 120, 180].map(png64));
    const over = await postJson(`${server.url}/v1/rewards`, {
      groups: [{ source: src, instruction: "x", candidates: [a, b, c] }],
    });
    expect(over.status).toBe(413);
    const body = (await over.json()) as { error: { code: string; message: string } };
    expect(body.error.code).toBe("request_too_large");
    expect(body.error.message).toMatch(/more than 0\.0 MP of decoded pixels .*--max-request-megapixels/);
    // The same source in two groups and a repeated candidate are decoded, and counted, once.
    const under = await postJson(`${server.url}/v1/rewards`, {
      groups: [
        { source: src, instruction: "x", candidates: [a, b] },
        { source: src, instruction: "x", candidates: [a, b, b] },
      ],
    });
    expect(under.status).toBe(200);
    expect((await fetch(`${server.url}/healthz`)).status).toBe(200);
  });
});

describe("server-wide pixel budget", () => {
  it("answers 503 server_busy with Retry-After while requests in flight hold the budget, and serves again after", async () => {
    let open: () => void = () => {};
    const opened = new Promise<void>((resolve) => {
      open = resolve;
    });
    let held = 0;
    const gate = async () => {
      held++;
      await opened;
    };
    // Two 64×64 images per request; the server holds three at once.
    const server = await start({
      judges: new Map([["fake", fakeJudge("fake", gate)]]),
      maxRequestPixels: 2 * 4096,
      maxServerPixels: 3 * 4096,
    });
    const [s1, c1, s2, c2, s3, c3] = await Promise.all([10, 60, 120, 180, 200, 220].map(png64));
    const first = postJson(`${server.url}/v1/score`, { source: s1, instruction: "x", candidates: [c1] });
    while (held === 0) await new Promise((resolve) => setTimeout(resolve, 5));
    const metrics = await (await fetch(`${server.url}/metrics`)).text();
    expect(metrics).toMatch(/^editjudge_decoded_pixels_in_flight 8192$/m);

    // The source is also candidate 0, so it decodes (counted once, 4,096 pixels: the budget is then full) and
    // candidate 1 does not fit.
    const busy = await postJson(`${server.url}/v1/score`, {
      source: s2,
      instruction: "x",
      candidates: [s2, c2],
    });
    expect(busy.status).toBe(503);
    expect(busy.headers.get("retry-after")).toBe("1");
    const body = (await busy.json()) as { error: { code: string; message: string } };
    expect(body.error.code).toBe("server_busy");
    expect(body.error.message).toMatch(/--max-server-megapixels/);
    // Its pixels come back without the judge being called for the request already answered.
    const inFlight = async () =>
      /^editjudge_decoded_pixels_in_flight (\d+)$/m.exec(
        await (await fetch(`${server.url}/metrics`)).text(),
      )?.[1];
    for (let i = 0; i < 500 && (await inFlight()) !== "8192"; i++)
      await new Promise((r) => setTimeout(r, 10));
    expect(await inFlight()).toBe("8192");
    expect(held).toBe(1);

    open();
    expect((await first).status).toBe(200);
    const after = await postJson(`${server.url}/v1/score`, {
      source: s3,
      instruction: "x",
      candidates: [c3],
    });
    expect(after.status).toBe(200);
    const idle = await (await fetch(`${server.url}/metrics`)).text();
    expect(idle).toMatch(/^editjudge_decoded_pixels_in_flight 0$/m);
  });
});

describe("request time limit", () => {
  it("answers a body that stops arriving with 408 body_timeout in the error shape", async () => {
    const server = await start({ requestTimeoutMs: 300 });
    const url = new URL(server.url);
    const answer = await new Promise<string>((resolve, reject) => {
      let text = "";
      const socket = connect(Number(url.port), url.hostname, () => {
        socket.write(
          'POST /v1/score HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 100\r\n\r\n{"sou',
        );
      });
      socket.on("data", (chunk) => {
        text += chunk;
      });
      socket.on("close", () => resolve(text));
      socket.on("error", reject);
    });
    expect(answer).toMatch(/^HTTP\/1\.1 408 /);
    expect(answer).toMatch(/connection: close/i);
    expect(answer).toMatch(/"code":"body_timeout".*within the 300 ms request time limit/);
    expect((await fetch(`${server.url}/healthz`)).status).toBe(200);
  });
});

describe("request content headers", () => {
  it("reads the body as JSON whatever its Content-Type, and refuses a Content-Encoding with 415", async () => {
    const server = await start();
    const png = await solidPngBase64(100);
    const body = JSON.stringify({ source: png, instruction: "x", candidates: [png] });
    const post = (headers: Record<string, string>) =>
      fetch(`${server.url}/v1/score`, { method: "POST", headers, body });
    const gzip = await post({ "content-type": "application/json", "content-encoding": "gzip" });
    expect(gzip.status).toBe(415);
    expect(((await gzip.json()) as { error: { code: string } }).error.code).toBe("unsupported_media_type");
    for (const type of [
      "application/json; charset=utf-8",
      "application/vnd.editjudge+json",
      "text/plain;charset=UTF-8",
      "application/x-www-form-urlencoded",
    ])
      expect((await post({ "content-type": type })).status).toBe(200);
    expect((await post({ "content-encoding": "identity" })).status).toBe(200);
  });
});

describe("settings a server cannot run with are refused before it starts", () => {
  it.each<[string, StartServerOptions, RegExp]>([
    ["an empty token", { token: "", host: "0.0.0.0" }, /bearer token is empty/],
    ["a blank token on loopback", { token: "  " }, /bearer token is empty/],
    ["a port out of range", { port: 70_000 }, /--port 70000 must be a whole number from 0 to 65535/],
    ["a fractional port", { port: 1.5 }, /--port 1\.5 must be a whole number/],
    [
      "a timeout Node cannot time",
      { requestTimeoutMs: 3e9 },
      /--request-timeout 3000000000 must be .* 2147483647/,
    ],
    [
      "a server-wide pixel budget below the per-request one",
      { maxRequestPixels: 50_000_000, maxServerPixels: 20_000_000 },
      /--max-server-megapixels 20 is below --max-request-megapixels 50/,
    ],
    [
      "an image root that does not exist",
      { images: { allowUrls: false, pathRoots: ["/nonexistent/editjudge"], fetchTimeoutMs: 1000 } },
      /--image-root \/nonexistent\/editjudge is not a directory/,
    ],
  ])("%s", async (_label, options, message) => {
    await expect(start(options)).rejects.toThrow(message);
  });

  it("binds a bracketed IPv6 loopback host", async () => {
    let server: RunningServer;
    try {
      server = await start({ host: "[::1]" });
    } catch (error) {
      // A machine without IPv6 loopback cannot bind ::1 at all; that must be the reason, not the brackets.
      expect(String(error)).toMatch(/cannot listen on ::1:0 \(EADDRNOTAVAIL|EAFNOSUPPORT/);
      return;
    }
    expect(server.url).toMatch(/^http:\/\/\[::1\]:\d+$/);
  });

  it("reports a port in use as a setting to change", async () => {
    const blocker: Server = createServer();
    await new Promise<void>((resolve) => blocker.listen(0, "127.0.0.1", resolve));
    const port = (blocker.address() as { port: number }).port;
    try {
      await expect(start({ port })).rejects.toThrow(
        `port ${port} on 127.0.0.1 is in use; choose another --port`,
      );
    } finally {
      blocker.close();
    }
  });

  it.each([
    ["--port", ""],
    ["--keep-min-std", " "],
    ["--max-request-megapixels", "0"],
    ["--max-server-megapixels", "10"],
    ["--request-timeout", "3000000000"],
  ])(
    "editjudge serve %s %j exits with code 2 and names the option",
    async (flag, value) => {
      const failure = (await promisify(execFile)("node", ["bin/editjudge.js", "serve", flag, value], {
        timeout: 60_000,
      }).then(
        () => null,
        (error: unknown) => error,
      )) as { code?: number; killed?: boolean; stderr?: string } | null;
      expect(failure?.killed).toBe(false);
      expect(failure?.code).toBe(2);
      expect(failure?.stderr).toContain(flag);
    },
    90_000,
  );

  it("editjudge serve exits with code 2 when its port is taken, instead of hanging with its judge loaded", async () => {
    const blocker: Server = createServer();
    await new Promise<void>((resolve) => blocker.listen(0, "127.0.0.1", resolve));
    const port = (blocker.address() as { port: number }).port;
    try {
      const run = promisify(execFile)("node", ["bin/editjudge.js", "serve", "--port", String(port)], {
        timeout: 60_000,
      });
      const failure = (await run.then(
        () => null,
        (error: unknown) => error,
      )) as { code?: number; killed?: boolean; stderr?: string } | null;
      expect(failure?.killed).toBe(false);
      expect(failure?.code).toBe(2);
      expect(failure?.stderr).toMatch(/port \d+ on 127\.0\.0\.1 is in use/);
    } finally {
      blocker.close();
    }
  }, 90_000);
});
