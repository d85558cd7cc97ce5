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
