import { isIP } from "node:net";
import { describe, expect, it } from "vitest";
import { blockedAddressReason } from "./blocked-address.js";

describe("blockedAddressReason", () => {
  it.each([
    "127.0.0.1",
    "127.1.2.3",
    "10.0.0.5",
    "172.16.0.1",
    "192.168.1.1",
    "169.254.169.254",
    "100.100.100.200",
    "0.0.0.0",
    "224.0.0.1",
    "255.255.255.255",
    "::1",
    "[::1]",
    "::",
    "fe80::1",
    "fd00:ec2::254",
    "::ffff:127.0.0.1",
    "::ffff:7f00:1",
    "::ffff:a9fe:a9fe",
    "64:ff9b::169.254.169.254",
    "2002:7f00:1::1",
    "192.0.2.2",
    "198.51.100.7",
    "203.0.113.200",
    "192.88.99.1",
    "198.18.0.1",
    "::ffff:192.0.2.2",
  ])("blocks %s", (ip) => {
    expect(blockedAddressReason(ip)).not.toBeNull();
  });

  it.each(["93.184.216.34", "8.8.8.8", "2606:4700::1111", "::ffff:8.8.8.8"])("allows %s", (ip) => {
    expect(blockedAddressReason(ip)).toBeNull();
  });

  it("rejects non-addresses", () => {
    expect(blockedAddressReason("example.com")).toBe("not an IP address");
  });
});

describe("blockedAddressReason on IPv6 spellings that embed an IPv4 address", () => {
  // [spelling, reason]: every spelling node's isIP accepts, judged by the IPv4 address it carries.
  it.each([
    ["::7f00:1", /^loopback: 127\.0\.0\.1 embedded in IPv4-compatible/],
    ["::127.0.0.1", /^loopback: 127\.0\.0\.1 embedded in IPv4-compatible/],
    ["0:0:0:0:0:0:7f00:1", /^loopback: 127\.0\.0\.1 embedded in IPv4-compatible/],
    ["::a9fe:a9fe", /^link-local \/ cloud metadata: 169\.254\.169\.254 embedded in IPv4-compatible/],
    ["::ffff:7f00:1", /^loopback: 127\.0\.0\.1 embedded in IPv4-mapped/],
    ["::ffff:7f00:0001", /^loopback: 127\.0\.0\.1 embedded in IPv4-mapped/],
    ["0:0:0:0:0:ffff:7f00:1", /^loopback: 127\.0\.0\.1 embedded in IPv4-mapped/],
    ["0000:0000:0000:0000:0000:ffff:7f00:0001", /^loopback: 127\.0\.0\.1 embedded in IPv4-mapped/],
    ["::FFFF:7F00:1", /^loopback: 127\.0\.0\.1 embedded in IPv4-mapped/],
    ["::FFFF:127.0.0.1", /^loopback: 127\.0\.0\.1 embedded in IPv4-mapped/],
    ["::ffff:0a00:0001", /^private: 10\.0\.0\.1 embedded in IPv4-mapped/],
    ["::ffff:0:7f00:1", /^loopback: 127\.0\.0\.1 embedded in IPv4-translated/],
    ["::ffff:0:127.0.0.1", /^loopback: 127\.0\.0\.1 embedded in IPv4-translated/],
    [
      "0:0:0:0:ffff:0:a9fe:a9fe",
      /^link-local \/ cloud metadata: 169\.254\.169\.254 embedded in IPv4-translated/,
    ],
    ["64:ff9b::7f00:1", /^loopback: 127\.0\.0\.1 embedded in NAT64 64:ff9b::\/96/],
    ["64:ff9b::127.0.0.1", /^loopback: 127\.0\.0\.1 embedded in NAT64 64:ff9b::\/96/],
    [
      "0064:FF9B:0000:0000:0000:0000:A9FE:A9FE",
      /^link-local \/ cloud metadata: 169\.254\.169\.254 embedded in NAT64/,
    ],
    ["2002:7f00:1::", /^loopback: 127\.0\.0\.1 embedded in 6to4/],
    ["2002:7f00:0001:0:0:0:0:1", /^loopback: 127\.0\.0\.1 embedded in 6to4/],
    ["2002:c0a8:0101::1", /^private: 192\.168\.1\.1 embedded in 6to4/],
    ["::ffff:127.0.0.1%1", /^loopback: 127\.0\.0\.1 embedded in IPv4-mapped/],
    ["2002:7f00:1::1%eth0", /^loopback: 127\.0\.0\.1 embedded in 6to4/],
  ])("blocks %s", (ip, reason) => {
    expect(isIP(ip)).toBe(6);
    expect(blockedAddressReason(ip)).toMatch(reason);
  });

  it.each([
    ["::ffff:8.8.8.8"],
    ["::ffff:808:808"],
    ["::ffff:0:808:808"],
    ["::8.8.8.8"],
    ["64:ff9b::808:808"],
    ["64:ff9b::8.8.8.8"],
    ["2002:808:808::1"],
  ])("allows %s, whose embedded IPv4 address is public", (ip) => {
    expect(blockedAddressReason(ip)).toBeNull();
  });
});

describe("blockedAddressReason on non-global IPv6 ranges", () => {
  it.each([
    ["64:ff9b:1::7f00:1", /^local-use NAT64/],
    ["64:ff9b:1:0:0:0:808:808", /^local-use NAT64/],
    ["2001:0:4136:e378:8000:63bf:3fff:fdd2", /^Teredo/],
    ["2001::", /^Teredo/],
    ["2001:2::1", /^benchmarking$/],
    ["2001:10::1", /^ORCHID$/],
    ["2001:20::1", /^IETF protocol assignments$/],
    ["2001:db8::1", /^documentation$/],
    ["3fff::1", /^documentation$/],
    ["5f00::1", /^SRv6 SIDs$/],
    ["100::1", /^discard$/],
    ["100:0:0:1::1", /^dummy prefix$/],
    ["fe80::1%eth0", /^link-local$/],
    ["FE80::1", /^link-local$/],
    ["::1%lo", /^loopback$/],
    ["0:0:0:0:0:0:0:1", /^loopback$/],
    ["0:a:b:c:d:e:f:1", /^reserved, outside global unicast 2000::\/3$/],
    ["4000::1", /^reserved, outside global unicast 2000::\/3$/],
  ])("blocks %s", (ip, reason) => {
    expect(isIP(ip)).toBe(6);
    expect(blockedAddressReason(ip)).toMatch(reason);
  });

  it.each([
    "2606:4700:4700::1111",
    "2606:4700:4700:0000:0000:0000:0000:1111",
    "2606:4700:4700::1111%1",
    "2001:4860:4860::8888",
    "2001:200::1",
    "2620:4f:8000::1",
    "2a00:1450:4001:82b::200e",
  ])("allows public unicast %s", (ip) => {
    expect(blockedAddressReason(ip)).toBeNull();
  });
});

describe("blockedAddressReason on hosts as the URL parser writes them", () => {
  // The WHATWG parser re-spells IPv6 hosts: [::127.0.0.1] becomes [::7f00:1]. These are the reviewer's URLs.
  it.each([
    ["http://[::127.0.0.1]/", "[::7f00:1]", /^loopback/],
    ["http://[::7f00:1]/", "[::7f00:1]", /^loopback/],
    ["http://[::ffff:0:7f00:1]/", "[::ffff:0:7f00:1]", /^loopback/],
    ["http://[64:ff9b:1::7f00:1]/", "[64:ff9b:1::7f00:1]", /^local-use NAT64/],
    ["http://[0:0:0:0:0:ffff:7f00:1]/", "[::ffff:7f00:1]", /^loopback/],
    ["http://[::FFFF:7F00:0001]/", "[::ffff:7f00:1]", /^loopback/],
    ["http://[0064:ff9b::169.254.169.254]/", "[64:ff9b::a9fe:a9fe]", /metadata/],
    ["http://[2002:7f00:0001::]/", "[2002:7f00:1::]", /^loopback/],
    ["http://[2001:0:4136:e378:8000:63bf:3fff:fdd2]/", "[2001:0:4136:e378:8000:63bf:3fff:fdd2]", /^Teredo/],
  ])("blocks %s", (url, hostname, reason) => {
    const host = new URL(url).hostname;
    expect(host).toBe(hostname);
    expect(blockedAddressReason(host)).toMatch(reason);
  });

  it("the URL parser refuses a zone id, so it never reaches the check from a URL", () => {
    expect(() => new URL("http://[fe80::1%25eth0]/")).toThrow();
  });
});
