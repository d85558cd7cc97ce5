/** What an answer pickle may hold: the JSON-like values the compat routes answer with. */
export type PickleAnswer =
  | null
  | boolean
  | number
  | string
  | Uint8Array
  | readonly PickleAnswer[]
  | { readonly [key: string]: PickleAnswer };

/**
 * Writes `value` as a protocol 3 pickle, which every Python 3 `pickle.loads` reads: dicts, lists, str, bytes, bool,
 * None, and every number as a float (a reward of 1 is `1.0`; NaN and infinities too).
 */
export function writePickle(value: PickleAnswer): Buffer {
  const parts: Buffer[] = [Buffer.from([0x80, 3])];
  write(value, parts);
  parts.push(Buffer.from([0x2e]));
  return Buffer.concat(parts);
}

function write(value: PickleAnswer, out: Buffer[]): void {
  if (value === null) out.push(Buffer.from([0x4e]));
  else if (typeof value === "boolean") out.push(Buffer.from([value ? 0x88 : 0x89]));
  else if (typeof value === "number") out.push(number(value));
  else if (typeof value === "string") {
    const text = Buffer.from(value, "utf8");
    const head = Buffer.alloc(5);
    head[0] = 0x58;
    head.writeUInt32LE(text.length, 1);
    out.push(head, text);
  } else if (value instanceof Uint8Array) {
    const head = Buffer.alloc(5);
    head[0] = 0x42;
    head.writeUInt32LE(value.length, 1);
    out.push(head, Buffer.from(value.buffer, value.byteOffset, value.byteLength));
  } else if (Array.isArray(value)) {
    out.push(Buffer.from([0x5d]));
    if (value.length > 0) {
      out.push(Buffer.from([0x28]));
      for (const item of value as readonly PickleAnswer[]) write(item, out);
      out.push(Buffer.from([0x65]));
    }
  } else {
    const entries = Object.entries(value as { readonly [key: string]: PickleAnswer });
    out.push(Buffer.from([0x7d]));
    if (entries.length > 0) {
      out.push(Buffer.from([0x28]));
      for (const [key, item] of entries) {
        write(key, out);
        write(item, out);
      }
      out.push(Buffer.from([0x75]));
    }
  }
}

function number(value: number): Buffer {
  const bytes = Buffer.alloc(9);
  bytes[0] = 0x47;
  bytes.writeDoubleBE(value, 1);
  return bytes;
}
