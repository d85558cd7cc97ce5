/** An address a host name resolved to, pinned for the connection so DNS cannot change between check and use. */
export interface ResolvedAddress {
  address: string;
  family: 4 | 6;
}

/** Resolves a host name to every address it has. Injected in tests; the default uses the system resolver. */
export type LookupFn = (hostname: string) => Promise<ResolvedAddress[]>;

export interface TransportRequest {
  url: URL;
  /** The checked address to connect to; the transport must not resolve the host again. */
  address: ResolvedAddress;
  signal: AbortSignal;
}

export interface TransportResponse {
  status: number;
  /** The Location header, for redirects. */
  location: string | null;
  /** Declared Content-Length, when sent. */
  contentLength: number | null;
  body: AsyncIterable<Uint8Array>;
  /** Releases the connection when the body is not read to the end. */
  cancel(): void;
}

/** Performs one HTTP GET without following redirects. */
export type Transport = (request: TransportRequest) => Promise<TransportResponse>;
