import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { LookupFn, Transport, TransportRequest } from "./fetch-transport.js";
import { nodeTransport } from "./node-transport.js";
import { safeFetch } from "./safe-fetch.js";

const PUBLIC = "93.184.216.34"; // a public address (never dialled: the transport is faked)
const fakeDns: Record<string, string[]> = {
  "images.test": [PUBLIC],
  "internal.test": ["10.1.2.3"],
  "mixed.test": [PUBLIC, "127.0.0.1"],
  localhost: ["127.0.0.1", "::1"],
};
const lookup: LookupFn = async (host) => {
  const addresses = fakeDns[host];
  if (!addresses) throw new Error(`ENOTFOUND ${host}`);
  return addresses.map((address) => ({ address, family: address.includes(":") ? 6 : 4 }));
};

let server: Server;
let port = 0;
const seen: string[] = [];

/** Only the pinned public test address is routed, to the loopback test server; anything else fails the test. */
const loopbackTransport: Transport = (request: TransportRequest) => {
  seen.push(`${request.address.address} ${request.url.pathname}`);
  if (request.address.address !== PUBLIC)
    throw new Error(`unexpected connection to ${request.address.address}`);
  return nodeTransport({ ...request, address: { address: "127.0.0.1", family: 4 } });
};

beforeAll(async () => {
  server = createServer((req, res) => {
    const path = req.url ?? "/";
    if (path === "/ok") return res.end(Buffer.from("image-bytes"));
    if (path === "/big") return res.end(Buffer.alloc(5000));
    if (path === "/to-localhost") {
      res.writeHead(302, { location: `http://localhost:${port}/ok` });
      return res.end();
    }
    if (path === "/to-metadata") {
      res.writeHead(301, { location: "http://169.254.169.254/latest/meta-data/" });
      return res.end();
    }
    const loop = /^\/loop\/(\d+)$/.exec(path);
    if (loop) {
      res.writeHead(302, { location: `/loop/${Number(loop[1]) + 1}` });
      return res.end();
    }
    if (path === "/hop") {
      res.writeHead(302, { location: "/ok" });
      return res.end();
    }
    res.writeHead(404);
    res.end();
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  port = (server.address() as AddressInfo).port;
});

afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

const opts = () => ({ maxBytes: 1000, timeoutMs: 5000, lookup, transport: loopbackTransport });
const url = (path: string) => `http://images.test:${port}${path}`;

describe("safeFetch", () => {
  it("fetches from a public host, pinned to the checked address", async () => {
    const got = await safeFetch(url("/ok"), opts());
    expect(Buffer.from(got.bytes).toString()).toBe("image-bytes");
  });

  it("follows a redirect whose target is public", async () => {
    const got = await safeFetch(url("/hop"), opts());
    expect(got.finalUrl).toBe(url("/ok"));
  });

  it.each([
    ["http://127.0.0.1/x", /loopback/],
    ["http://169.254.169.254/latest/meta-data/", /metadata/],
    ["http://[::1]:8080/x", /loopback/],
    ["http://[::ffff:127.0.0.1]/x", /loopback/],
    ["http://[::127.0.0.1]/x", /loopback: 127\.0\.0\.1 embedded in IPv4-compatible/],
    ["http://[::ffff:0:7f00:1]/x", /loopback: 127\.0\.0\.1 embedded in IPv4-translated/],
    ["http://[64:ff9b:1::7f00:1]/x", /local-use NAT64/],
    ["http://[2001:0:4136:e378:8000:63bf:3fff:fdd2]/x", /Teredo/],
    ["http://2130706433/x", /loopback/],
    ["http://internal.test/x", /private/],
    ["http://mixed.test/x", /127\.0\.0\.1/],
    ["file:///etc/passwd", /scheme/],
    ["http://user:pw@images.test/x", /credentials/],
  ])("refuses %s before connecting", async (target, why) => {
    const before = seen.length;
    await expect(safeFetch(target, opts())).rejects.toMatchObject({ code: "url_forbidden", message: why });
    expect(seen.length).toBe(before);
  });

  it("re-checks the target of each redirect", async () => {
    await expect(safeFetch(url("/to-localhost"), opts())).rejects.toMatchObject({
      code: "url_forbidden",
      message: /localhost.*loopback/,
    });
    await expect(safeFetch(url("/to-metadata"), opts())).rejects.toMatchObject({ code: "url_forbidden" });
  });

  it("stops after 5 redirects", async () => {
    await expect(safeFetch(url("/loop/0"), opts())).rejects.toMatchObject({ code: "url_too_many_redirects" });
    expect(seen.filter((s) => s.includes("/loop/")).length).toBe(6);
  });

  it("bounds the body size", async () => {
    await expect(safeFetch(url("/big"), opts())).rejects.toMatchObject({ code: "image_too_large" });
  });

  it("reports HTTP errors and bad URLs", async () => {
    await expect(safeFetch(url("/missing"), opts())).rejects.toMatchObject({ code: "url_fetch_failed" });
    await expect(safeFetch("not a url", opts())).rejects.toMatchObject({ code: "invalid_url" });
    await expect(safeFetch("http://nowhere.test/x", opts())).rejects.toMatchObject({
      code: "url_fetch_failed",
    });
  });

  it("enforces the time limit", async () => {
    const stall: Transport = () => new Promise(() => {});
    const slow = async (request: TransportRequest) => {
      await new Promise((_, reject) =>
        request.signal.addEventListener("abort", () => reject(request.signal.reason)),
      );
      return stall(request);
    };
    await expect(safeFetch(url("/ok"), { ...opts(), timeoutMs: 20, transport: slow })).rejects.toMatchObject({
      code: "url_timeout",
    });
  });
});
