import { describe, expect, it } from "vitest";
import { inIpv6Prefix, ipv6Hextets } from "./ipv6-hextets.js";

describe("ipv6Hextets", () => {
  it.each([
    ["::", [0, 0, 0, 0, 0, 0, 0, 0]],
    ["::1", [0, 0, 0, 0, 0, 0, 0, 1]],
    ["1::", [1, 0, 0, 0, 0, 0, 0, 0]],
    ["::ffff:127.0.0.1", [0, 0, 0, 0, 0, 0xffff, 0x7f00, 1]],
    ["0000:0000:0000:0000:0000:FFFF:7F00:0001", [0, 0, 0, 0, 0, 0xffff, 0x7f00, 1]],
    ["2001:db8:1::2:3", [0x2001, 0xdb8, 1, 0, 0, 0, 2, 3]],
    ["1:2:3:4:5:6:1.2.3.4", [1, 2, 3, 4, 5, 6, 0x102, 0x304]],
    ["fe80::1%eth0", [0xfe80, 0, 0, 0, 0, 0, 0, 1]],
  ])("reads %s", (address, hextets) => {
    expect(ipv6Hextets(address)).toEqual(hextets);
  });

  it.each(["127.0.0.1", "example.com", "1:2:3:4:5:6:7:8:9", "::ffff:127.000.0.1"])(
    "refuses %s",
    (address) => {
      expect(ipv6Hextets(address)).toBeNull();
    },
  );
});

describe("inIpv6Prefix", () => {
  const net = (a: string) => ipv6Hextets(a) ?? [];
  it.each([
    ["64:ff9b:1::5", "64:ff9b:1::", 48, true],
    ["64:ff9b:2::5", "64:ff9b:1::", 48, false],
    ["fe80::1", "fe80::", 10, true],
    ["febf::1", "fe80::", 10, true],
    ["fec0::1", "fe80::", 10, false],
    ["2001:1ff::", "2001::", 23, true],
    ["2001:200::", "2001::", 23, false],
    ["::1", "::1", 128, true],
    ["::2", "::1", 128, false],
    ["1234::", "::", 0, true],
  ])("%s in %s/%i is %s", (address, network, prefix, inside) => {
    expect(inIpv6Prefix(net(address), net(network), prefix)).toBe(inside);
  });
});
