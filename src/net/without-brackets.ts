/** A host as `listen`, `isIP` and DNS want it: an IPv6 literal without the `[…]` a URL puts around it. */
export function withoutBrackets(host: string): string {
  return host.startsWith("[") && host.endsWith("]") ? host.slice(1, -1) : host;
}
