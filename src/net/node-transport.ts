import type { LookupAddress } from "node:dns";
import { lookup as dnsLookup } from "node:dns/promises";
import http from "node:http";
import https from "node:https";
import type { LookupFn, ResolvedAddress, Transport, TransportResponse } from "./fetch-transport.js";

/** The system resolver, returning every address of a host. */
export const systemLookup: LookupFn = async (hostname) => {
  const all = await dnsLookup(hostname, { all: true, verbatim: true });
  return all.map((a) => ({ address: a.address, family: a.family === 6 ? 6 : 4 }));
};

type LookupCallback = (
  error: NodeJS.ErrnoException | null,
  address: string | LookupAddress[],
  family?: number,
) => void;

function pinnedLookup(pinned: ResolvedAddress) {
  return (_host: string, options: { all?: boolean }, callback: LookupCallback): void => {
    if (options.all) callback(null, [{ address: pinned.address, family: pinned.family }]);
    else callback(null, pinned.address, pinned.family);
  };
}

/** GET over node:http(s), connecting only to the pinned address (TLS still verifies the host name). */
export const nodeTransport: Transport = ({ url, address, signal }) =>
  new Promise<TransportResponse>((resolve, reject) => {
    const client = url.protocol === "https:" ? https : http;
    const request = client.request(url, {
      method: "GET",
      agent: false,
      lookup: pinnedLookup(address) as never,
      signal,
      headers: { accept: "image/png, image/jpeg, image/webp", "user-agent": "editjudge" },
    });
    request.on("response", (response) => {
      const length = response.headers["content-length"];
      resolve({
        status: response.statusCode ?? 0,
        location: response.headers.location ?? null,
        contentLength: length === undefined ? null : Number(length),
        body: response,
        cancel: () => response.destroy(),
      });
    });
    request.on("error", reject);
    request.end();
  });
