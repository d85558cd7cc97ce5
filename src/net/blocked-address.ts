import { BlockList, isIP } from "node:net";
import { inIpv6Prefix, ipv6Hextets } from "./ipv6-hextets.js";
import { withoutBrackets } from "./without-brackets.js";

/** Ranges an image URL may never reach: loopback, private, link-local, metadata, multicast, reserved. */
const IPV4_BLOCKED: ReadonlyArray<readonly [string, number, string]> = [
  ["0.0.0.0", 8, "unspecified"],
  ["10.0.0.0", 8, "private"],
  ["100.64.0.0", 10, "carrier-grade NAT / cloud metadata"],
  ["127.0.0.0", 8, "loopback"],
  ["169.254.0.0", 16, "link-local / cloud metadata"],
  ["172.16.0.0", 12, "private"],
  ["192.0.0.0", 24, "IETF protocol assignments"],
  ["192.0.2.0", 24, "documentation (TEST-NET-1)"],
  ["192.88.99.0", 24, "6to4 relay anycast (deprecated)"],
  ["192.168.0.0", 16, "private"],
  ["198.18.0.0", 15, "benchmarking"],
  ["198.51.100.0", 24, "documentation (TEST-NET-2)"],
  ["203.0.113.0", 24, "documentation (TEST-NET-3)"],
  ["224.0.0.0", 4, "multicast"],
  ["240.0.0.0", 4, "reserved / broadcast"],
  ["168.63.129.16", 32, "cloud metadata"],
];

/**
 * IPv6 ranges refused outright, first match names the reason (IANA IPv6 special-purpose registry). Anything
 * else outside global unicast 2000::/3 is refused as reserved, after the IPv4-embedding forms below.
 */
const IPV6_BLOCKED: ReadonlyArray<readonly [string, number, string]> = [
  ["::", 128, "unspecified"],
  ["::1", 128, "loopback"],
  ["64:ff9b:1::", 48, "local-use NAT64 64:ff9b:1::/48, can reach internal IPv4"],
  ["100::", 64, "discard"],
  ["100:0:0:1::", 64, "dummy prefix"],
  ["2001::", 32, "Teredo 2001::/32, embeds an IPv4 address"],
  ["2001:2::", 48, "benchmarking"],
  ["2001:10::", 28, "ORCHID"],
  ["2001::", 23, "IETF protocol assignments"],
  ["2001:db8::", 32, "documentation"],
  ["3fff::", 20, "documentation"],
  ["5f00::", 16, "SRv6 SIDs"],
  ["fc00::", 7, "unique-local (private, includes fd00:ec2::254 metadata)"],
  ["fe80::", 10, "link-local"],
  ["fec0::", 10, "site-local"],
  ["ff00::", 8, "multicast"],
];

/** IPv6 forms that carry an IPv4 address, judged by that address; the third column is the hextet where it starts. */
const IPV4_EMBEDDING: ReadonlyArray<readonly [string, number, number, string]> = [
  ["::ffff:0:0", 96, 6, "IPv4-mapped ::ffff:0:0/96"],
  ["::ffff:0:0:0", 96, 6, "IPv4-translated ::ffff:0:0:0/96"],
  ["::", 96, 6, "IPv4-compatible ::/96"],
  ["64:ff9b::", 96, 6, "NAT64 64:ff9b::/96"],
  ["2002::", 16, 1, "6to4 2002::/16"],
];

type Ipv6Range<T extends unknown[]> = readonly [hextets: number[], prefix: number, ...rest: T];

function parsed<T extends unknown[]>(
  table: ReadonlyArray<readonly [string, number, ...T]>,
): ReadonlyArray<Ipv6Range<T>> {
  return table.map(([network, prefix, ...rest]) => [ipv6Hextets(network) ?? [], prefix, ...rest] as const);
}

function buildIpv4List(): { list: BlockList; reasons: Array<[BlockList, string]> } {
  const list = new BlockList();
  const reasons: Array<[BlockList, string]> = [];
  for (const [net, prefix, reason] of IPV4_BLOCKED) {
    const one = new BlockList();
    one.addSubnet(net, prefix, "ipv4");
    list.addSubnet(net, prefix, "ipv4");
    reasons.push([one, reason]);
  }
  return { list, reasons };
}

const IPV4 = buildIpv4List();
const IPV6 = parsed(IPV6_BLOCKED);
const EMBEDDING = parsed(IPV4_EMBEDDING);
const GLOBAL_UNICAST = ipv6Hextets("2000::") ?? [];

function ipv4Reason(address: string): string | null {
  if (!IPV4.list.check(address, "ipv4")) return null;
  for (const [one, reason] of IPV4.reasons) if (one.check(address, "ipv4")) return reason;
  return "blocked range";
}

function ipv6Reason(hextets: readonly number[]): string | null {
  const exact = IPV6.find(([network, prefix]) => prefix === 128 && inIpv6Prefix(hextets, network, prefix));
  if (exact) return exact[2];
  for (const [network, prefix, at, form] of EMBEDDING) {
    if (!inIpv6Prefix(hextets, network, prefix)) continue;
    const high = hextets[at] ?? 0;
    const low = hextets[at + 1] ?? 0;
    const v4 = `${high >> 8}.${high & 255}.${low >> 8}.${low & 255}`;
    const reason = ipv4Reason(v4);
    return reason === null ? null : `${reason}: ${v4} embedded in ${form}`;
  }
  const range = IPV6.find(([network, prefix]) => inIpv6Prefix(hextets, network, prefix));
  if (range) return range[2];
  if (!inIpv6Prefix(hextets, GLOBAL_UNICAST, 3)) return "reserved, outside global unicast 2000::/3";
  return null;
}

/**
 * Why an address must not be fetched, or null when it is a public unicast address. IPv6 is read in any spelling
 * (compressed, zero-padded, upper case, dotted tail, %zone); forms that embed an IPv4 address (::ffff:127.0.0.1,
 * ::7f00:1, ::ffff:0:7f00:1, 64:ff9b::a9fe:a9fe, 2002:7f00:1::) are judged by that address.
 */
export function blockedAddressReason(address: string): string | null {
  const bare = withoutBrackets(address);
  const family = isIP(bare);
  if (family === 4) return ipv4Reason(bare);
  const hextets = family === 6 ? ipv6Hextets(bare) : null;
  if (hextets === null || hextets.length !== 8) return "not an IP address";
  return ipv6Reason(hextets);
}
