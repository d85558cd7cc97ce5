/** A Parquet row group's metadata as JSON text for the resume state; bigints and bytes survive the round trip. */
export function rowGroupJson(group: unknown): string {
  return JSON.stringify(group, (_key, v: unknown) => {
    if (typeof v === "bigint") return { $bigint: v.toString() };
    if (v instanceof Uint8Array) return { $bytes: Buffer.from(v).toString("base64") };
    return v;
  });
}

export function parseRowGroup(text: string): unknown {
  return JSON.parse(text, (_key, v: unknown) => {
    if (v && typeof v === "object" && !Array.isArray(v)) {
      const tagged = v as { $bigint?: unknown; $bytes?: unknown };
      if (typeof tagged.$bigint === "string") return BigInt(tagged.$bigint);
      if (typeof tagged.$bytes === "string") return new Uint8Array(Buffer.from(tagged.$bytes, "base64"));
    }
    return v;
  });
}
