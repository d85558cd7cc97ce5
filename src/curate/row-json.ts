import { sniffFormat } from "../image/sniff-format.js";

/** The data-URL media type for bytes: the image format their signature names, else application/octet-stream. */
function mediaType(bytes: Uint8Array): string {
  const format = sniffFormat(bytes);
  return format ? `image/${format}` : "application/octet-stream";
}

/** JSON for output rows: bytes become data URLs (readable back by curate), bigints become numbers or strings. */
export function rowJson(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) => {
    if (v instanceof Uint8Array) return `data:${mediaType(v)};base64,${Buffer.from(v).toString("base64")}`;
    if (typeof v === "bigint") return Number.isSafeInteger(Number(v)) ? Number(v) : v.toString();
    return v;
  });
}
