import { isIP } from "node:net";
import { InputError } from "../errors/input-error.js";
import { blockedAddressReason } from "./blocked-address.js";
import type { LookupFn, ResolvedAddress, Transport } from "./fetch-transport.js";
import { nodeTransport, systemLookup } from "./node-transport.js";
import { withoutBrackets } from "./without-brackets.js";

export interface SafeFetchOptions {
  /** Largest accepted body, in bytes. */
  maxBytes: number;
  /** Time limit for the whole fetch, redirects included, in milliseconds. */
  timeoutMs: number;
  /** Redirects followed at most. Default 5. */
  maxRedirects?: number;
  lookup?: LookupFn;
  transport?: Transport;
  signal?: AbortSignal;
}

export interface FetchedImage {
  bytes: Uint8Array;
  finalUrl: string;
}

const REDIRECTS = new Set([301, 302, 303, 307, 308]);

function forbidden(url: string, why: string): InputError {
  return new InputError("url", `${url}: refused, ${why}; image URLs must point to a public http(s) host`, {
    code: "url_forbidden",
  });
}

/** Checks the scheme and resolves the host once; every address must be public. Returns the address to pin. */
async function checkTarget(url: URL, lookup: LookupFn): Promise<ResolvedAddress> {
  if (url.protocol !== "http:" && url.protocol !== "https:")
    throw forbidden(url.href, `scheme "${url.protocol}" is not http or https`);
  if (url.username || url.password) throw forbidden(url.href, "URLs with credentials are not accepted");
  const host = withoutBrackets(url.hostname);
  const family = isIP(host);
  let addresses: ResolvedAddress[];
  if (family !== 0) addresses = [{ address: host, family: family === 6 ? 6 : 4 }];
  else {
    try {
      addresses = await lookup(host);
    } catch (error) {
      throw new InputError("url", `${url.href}: cannot resolve host "${host}"; check the URL`, {
        cause: error,
        code: "url_fetch_failed",
      });
    }
  }
  if (addresses.length === 0) throw forbidden(url.href, `host "${host}" has no address`);
  for (const a of addresses) {
    const reason = blockedAddressReason(a.address);
    if (reason !== null) throw forbidden(url.href, `host "${host}" resolves to ${a.address} (${reason})`);
  }
  return addresses[0] as ResolvedAddress;
}

/**
 * Fetches an image URL without letting the caller reach internal services (SSRF): the host is resolved once and
 * the connection pinned to that checked address, every redirect target is checked again, at most `maxRedirects`
 * redirects are followed, and the body and total time are bounded.
 */
export async function safeFetch(target: string, options: SafeFetchOptions): Promise<FetchedImage> {
  const lookup = options.lookup ?? systemLookup;
  const transport = options.transport ?? nodeTransport;
  const maxRedirects = options.maxRedirects ?? 5;
  const timeout = AbortSignal.timeout(options.timeoutMs);
  const signal = options.signal ? AbortSignal.any([options.signal, timeout]) : timeout;
  let url: URL;
  try {
    url = new URL(target);
  } catch {
    throw new InputError("url", `"${target.slice(0, 200)}" is not a valid URL`, { code: "invalid_url" });
  }
  try {
    for (let hop = 0; ; hop++) {
      const address = await checkTarget(url, lookup);
      const response = await transport({ url, address, signal });
      if (REDIRECTS.has(response.status)) {
        response.cancel();
        if (hop >= maxRedirects)
          throw new InputError(
            "url",
            `${target}: more than ${maxRedirects} redirects; link the image directly`,
            {
              code: "url_too_many_redirects",
            },
          );
        if (!response.location) throw fetchFailed(url.href, `redirect ${response.status} without a Location`);
        url = new URL(response.location, url);
        continue;
      }
      if (response.status < 200 || response.status > 299) {
        response.cancel();
        throw fetchFailed(url.href, `HTTP ${response.status}`);
      }
      return { bytes: await readBounded(url.href, response, options.maxBytes), finalUrl: url.href };
    }
  } catch (error) {
    if (timeout.aborted)
      throw new InputError(
        "url",
        `${target}: fetch took longer than ${options.timeoutMs} ms; host the image closer or raise the limit`,
        {
          cause: error,
          code: "url_timeout",
        },
      );
    if (error instanceof InputError) throw error;
    throw fetchFailed(url.href, error instanceof Error ? error.message : String(error), error);
  }
}

function fetchFailed(url: string, why: string, cause?: unknown): InputError {
  return new InputError("url", `${url}: fetch failed (${why}); check that the URL serves an image`, {
    cause,
    code: "url_fetch_failed",
  });
}

async function readBounded(
  url: string,
  response: { contentLength: number | null; body: AsyncIterable<Uint8Array>; cancel(): void },
  maxBytes: number,
): Promise<Uint8Array> {
  const tooLarge = () =>
    new InputError("url", `${url}: body is over the ${maxBytes}-byte limit; send a smaller image`, {
      code: "image_too_large",
    });
  if (response.contentLength !== null && response.contentLength > maxBytes) {
    response.cancel();
    throw tooLarge();
  }
  const chunks: Uint8Array[] = [];
  let total = 0;
  for await (const chunk of response.body) {
    total += chunk.byteLength;
    if (total > maxBytes) {
      response.cancel();
      throw tooLarge();
    }
    chunks.push(chunk);
  }
  return Buffer.concat(chunks, total);
}
