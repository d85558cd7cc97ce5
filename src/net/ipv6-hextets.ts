import { isIP } from "node:net";

/**
 * The eight 16-bit groups of an IPv6 address in any spelling node accepts (compressed or not, any case,
 * zero-padded groups, a trailing dotted IPv4 part, a `%zone` suffix), or null when it is not IPv6.
 */
export function ipv6Hextets(address: string): number[] | null {
  if (isIP(address) !== 6) return null;
  const zone = address.indexOf("%");
  let text = zone === -1 ? address : address.slice(0, zone);
  const dotted = /(\d+)\.(\d+)\.(\d+)\.(\d+)$/.exec(text);
  if (dotted) {
    const [a, b, c, d] = dotted.slice(1).map(Number) as [number, number, number, number];
    text = `${text.slice(0, dotted.index)}${((a << 8) | b).toString(16)}:${((c << 8) | d).toString(16)}`;
  }
  const [head = "", tail] = text.split("::");
  const groups = (part: string) => (part === "" ? [] : part.split(":").map((g) => Number.parseInt(g, 16)));
  const front = groups(head);
  if (tail === undefined) return front;
  const back = groups(tail);
  return [...front, ...new Array<number>(8 - front.length - back.length).fill(0), ...back];
}

/** Whether `hextets` lies in `network`/`prefix` (both as eight groups). */
export function inIpv6Prefix(
  hextets: readonly number[],
  network: readonly number[],
  prefix: number,
): boolean {
  for (let i = 0, bits = prefix; bits > 0; i++, bits -= 16) {
    const mask = bits >= 16 ? 0xffff : (0xffff << (16 - bits)) & 0xffff;
    if (((hextets[i] ?? 0) & mask) !== ((network[i] ?? 0) & mask)) return false;
  }
  return true;
}
