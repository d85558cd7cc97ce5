import { BlockList, isIP } from "node:net";

/** Ranges an image URL may never reach: loopback, private, link-local, metadata, multicast, reserved. */
const IPV4_BLOCKED: ReadonlyArray<readonly [string, number, string]> = [
  ["0.0.0.0", 8, "unspecified"],
  ["10.0.0.0", 8, "private"],
  ["100.64.0.0", 10, "carrier-grade NAT / cloud metadata"],
  ["127.0.0.0", 8, "loopback"],
  ["169.254.0.0", 16, "link-local / cloud metadata"],
  ["172.16.0.0", 12, "private"],
  ["192.0.0.0", 24, "IETF protocol assignments"],
  ["192.168.0.0", 16, "private"],
  ["198.18.0.0", 15, "benchmarking"],
  ["224.0.0.0", 4, "multicast"],
  ["240.0.0.0", 4, "reserved / broadcast"],
  ["168.63.129.16", 32, "cloud metadata"],
];

const IPV6_BLOCKED: ReadonlyArray<readonly [string, number, string]> = [
  ["::", 128, "unspecified"],
  ["::1", 128, "loopback"],
  ["fc00::", 7, "unique-local (private, includes fd00:ec2::254 metadata)"],
  ["fe80::", 10, "link-local"],
  ["fec0::", 10, "site-local"],
  ["ff00::", 8, "multicast"],
  ["100::", 64, "discard"],
  ["2001:db8::", 32, "documentation"],
];

function buildList(): { list: BlockList; reasons: Array<[BlockList, string]> } {
  const list = new BlockList();
  const reasons: Array<[BlockList, string]> = [];
  for (const [net, prefix, reason] of IPV4_BLOCKED) {
    const one = new BlockList();
    one.addSubnet(net, prefix, "ipv4");
    list.addSubnet(net, prefix, "ipv4");
    reasons.push([one, reason]);
  }
  for (const [net, prefix, reason] of IPV6_BLOCKED) {
    const one = new BlockList();
    one.addSubnet(net, prefix, "ipv6");
    list.addSubnet(net, prefix, "ipv6");
    reasons.push([one, reason]);
  }
  return { list, reasons };
}

const BLOCKED = buildList();

/** The IPv4 address embedded in an IPv4-mapped, IPv4-compatible, NAT64 or 6to4 IPv6 address, if any. */
function embeddedIpv4(ipv6: string): string | null {
  const lower = ipv6.toLowerCase();
  const dotted = /^(?:::ffff:|::|64:ff9b::)(\d+\.\d+\.\d+\.\d+)$/.exec(lower);
  if (dotted?.[1]) return dotted[1];
  const hex = /^(?:::ffff:|64:ff9b::)([0-9a-f]{1,4}):([0-9a-f]{1,4})$/.exec(lower);
  if (hex?.[1] && hex[2]) return hexPairToIpv4(hex[1], hex[2]);
  const sixToFour = /^2002:([0-9a-f]{1,4}):([0-9a-f]{1,4}):/.exec(lower);
  if (sixToFour?.[1] && sixToFour[2]) return hexPairToIpv4(sixToFour[1], sixToFour[2]);
  return null;
}

function hexPairToIpv4(high: string, low: string): string {
  const a = Number.parseInt(high, 16);
  const b = Number.parseInt(low, 16);
  return `${a >> 8}.${a & 255}.${b >> 8}.${b & 255}`;
}

/**
 * Why an address must not be fetched, or null when it is a public unicast address.
 * IPv6 forms that embed an IPv4 address (::ffff:127.0.0.1, 64:ff9b::a9fe:a9fe, 2002:7f00:1::) are judged by that address.
 */
export function blockedAddressReason(address: string): string | null {
  const bare = address.startsWith("[") && address.endsWith("]") ? address.slice(1, -1) : address;
  const family = isIP(bare);
  if (family === 0) return "not an IP address";
  if (family === 6) {
    const v4 = embeddedIpv4(bare);
    if (v4 !== null) return blockedAddressReason(v4);
  }
  const type = family === 4 ? "ipv4" : "ipv6";
  if (!BLOCKED.list.check(bare, type)) return null;
  for (const [one, reason] of BLOCKED.reasons) if (one.check(bare, type)) return reason;
  return "blocked range";
}
