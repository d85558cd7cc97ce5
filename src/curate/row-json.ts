/** JSON for output rows: bytes become data URLs (readable back by curate), bigints become numbers or strings. */
export function rowJson(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) => {
    if (v instanceof Uint8Array)
      return `data:application/octet-stream;base64,${Buffer.from(v).toString("base64")}`;
    if (typeof v === "bigint") return Number.isSafeInteger(Number(v)) ? Number(v) : v.toString();
    return v;
  });
}
