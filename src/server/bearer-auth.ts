import { createHash, timingSafeEqual } from "node:crypto";
import { withoutBrackets } from "../net/without-brackets.js";

const digest = (text: string) => createHash("sha256").update(text).digest();

/** Constant-time check of an `Authorization: Bearer …` header against the expected token. */
export function bearerMatches(header: string | undefined, token: string): boolean {
  const match = /^Bearer\s+(.+)$/i.exec(header ?? "");
  if (!match?.[1]) return false;
  return timingSafeEqual(digest(match[1].trim()), digest(token));
}

/** True for addresses only this machine can reach. */
export function isLoopbackHost(host: string): boolean {
  const bare = withoutBrackets(host);
  return bare === "localhost" || bare === "::1" || /^127\.\d+\.\d+\.\d+$/.test(bare);
}
