import { statSync } from "node:fs";
import { ConfigError } from "../errors/config-error.js";
import { withoutBrackets } from "../net/without-brackets.js";
import { isLoopbackHost } from "./bearer-auth.js";

/** The longest timer Node can set, ms (2^31 − 1); longer ones fire at once. */
const MAX_TIMER_MS = 2_147_483_647;

export interface CheckedServerOptions {
  /** Without IPv6 brackets, as `listen` wants it. */
  host: string;
  port: number;
  token: string | null;
  requestTimeoutMs: number;
  maxRequestPixels: number;
  maxServerPixels: number;
  pathRoots: readonly string[];
}

function integerIn(setting: string, flag: string, value: number, min: number, max: number): number {
  if (!Number.isInteger(value) || value < min || value > max)
    throw new ConfigError(setting, `${flag} ${value} must be a whole number from ${min} to ${max}`);
  return value;
}

/** A pixel budget, given on the command line in megapixels: a whole number of pixels, at least one. */
function megapixels(setting: string, pixels: number): number {
  if (!Number.isSafeInteger(pixels) || pixels < 1)
    throw new ConfigError(
      setting,
      `--${setting} ${pixels / 1e6} must be a number of megapixels from 0.000001 to ${Math.floor(Number.MAX_SAFE_INTEGER / 1e6)}`,
    );
  return pixels;
}

/**
 * Checks the settings a server cannot run with before anything is started: a clear error naming the setting
 * instead of a server that listens but refuses everything, fails every request, or never binds.
 */
export function checkServerOptions(options: CheckedServerOptions): CheckedServerOptions {
  const host = withoutBrackets(options.host);
  if (host.trim() === "") throw new ConfigError("host", "--host is empty; give an address such as 127.0.0.1");
  if (options.token !== null && options.token.trim() === "")
    throw new ConfigError(
      "token",
      "the bearer token is empty (--token or EDITJUDGE_SERVER_TOKEN); set a non-empty secret, or unset it on loopback",
    );
  if (options.token === null && !isLoopbackHost(host))
    throw new ConfigError(
      "token",
      `refusing to listen on ${host} without a bearer token; set --token or EDITJUDGE_SERVER_TOKEN, or bind to 127.0.0.1`,
    );
  for (const root of options.pathRoots) {
    let directory = false;
    try {
      directory = statSync(root).isDirectory();
    } catch {}
    if (!directory)
      throw new ConfigError(
        "image-root",
        `--image-root ${root} is not a directory; create it or fix the path`,
      );
  }
  const maxRequestPixels = megapixels("max-request-megapixels", options.maxRequestPixels);
  const maxServerPixels = megapixels("max-server-megapixels", options.maxServerPixels);
  if (maxServerPixels < maxRequestPixels)
    throw new ConfigError(
      "max-server-megapixels",
      `--max-server-megapixels ${maxServerPixels / 1e6} is below --max-request-megapixels ${maxRequestPixels / 1e6}, so a request within its own limit could never run; raise it or lower the per-request limit`,
    );
  return {
    ...options,
    host,
    port: integerIn("port", "--port", options.port, 0, 65_535),
    requestTimeoutMs: integerIn(
      "request-timeout",
      "--request-timeout",
      options.requestTimeoutMs,
      1,
      MAX_TIMER_MS,
    ),
    maxRequestPixels,
    maxServerPixels,
  };
}
