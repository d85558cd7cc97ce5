import { createHash, timingSafeEqual } from "node:crypto";

const digest = (text: string) => createHash("sha256").update(text).digest();

/**
 * Constant-time check of an `Authorization: Basic …` header whose password is the server's token (any user name):
 * what `requests` and `aiohttp` send for a URL like `http://x:TOKEN@host:port/…`.
 */
export function basicPasswordMatches(header: string | undefined, token: string): boolean {
  const match = /^Basic\s+([A-Za-z0-9+/=]+)\s*$/i.exec(header ?? "");
  if (!match?.[1]) return false;
  const decoded = Buffer.from(match[1], "base64").toString("utf8");
  const colon = decoded.indexOf(":");
  if (colon < 0) return false;
  // Clients percent-decode the URL's password before sending it, so it arrives as the token itself.
  return timingSafeEqual(digest(decoded.slice(colon + 1)), digest(token));
}
