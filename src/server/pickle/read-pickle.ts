import { EditJudgeError } from "../../errors/editjudge-error.js";
import { isPickleDict, type PickleDict, type PickleKey, type PickleValue } from "./pickle-value.js";

/** How deep containers may nest in a request pickle (Edit-R1's, the deepest sent, is dict → list → dict → str). */
export const DEFAULT_PICKLE_DEPTH = 8;
/** Ints longer than this many bytes (LONG1/LONG4) are refused: nothing these clients send needs them. */
const MAX_INT_BYTES = 64;
/** Unclosed MARKs at once: a well-formed pickle of `DEFAULT_PICKLE_DEPTH` levels needs one per level. */
const MAX_OPEN_MARKS = 32;

const utf8 = new TextDecoder("utf-8", { fatal: true });

/** Opcodes that would import, call or build Python objects: never run, always refused. */
const OBJECT_OPCODES: Record<number, string> = {
  99: "GLOBAL",
  147: "STACK_GLOBAL",
  82: "REDUCE",
  98: "BUILD",
  105: "INST",
  111: "OBJ",
  129: "NEWOBJ",
  146: "NEWOBJ_EX",
  130: "EXT1",
  131: "EXT2",
  132: "EXT4",
  80: "PERSID",
  81: "BINPERSID",
  151: "NEXT_BUFFER",
  152: "READONLY_BUFFER",
};

/** Text opcodes of protocols 0 and 1, which `pickle.dumps` has not written by default since Python 3.0. */
const TEXT_OPCODES = new Set([0x49, 0x4c, 0x46, 0x53, 0x56, 0x54, 0x55, 0x70, 0x67]);

function invalid(message: string): EditJudgeError {
  return new EditJudgeError("invalid_pickle", `request pickle ${message}`);
}

const HOW_TO =
  "send a pickle (protocol 2-5) of dicts, lists, tuples, str, bytes, int, float, bool and None only";

/**
 * Reads a request pickle without running anything: only the opcodes that build plain data (protocols 2-5: dict,
 * list, tuple, str, bytes, int, float, bool, None, and the memo). Any opcode that would import a global or call
 * or build an object (`os.system`, numpy arrays, class instances), a declared length past the end of the body,
 * a truncated stream, an unknown opcode or containers nested deeper than `maxDepth` throw an `invalid_pickle`
 * EditJudgeError (HTTP 400) that says what was found.
 */
export function readPickle(bytes: Uint8Array, maxDepth = DEFAULT_PICKLE_DEPTH): PickleValue {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let pos = 0;
  const stack: PickleValue[] = [];
  const marks: number[] = [];
  const memo = new Map<number, PickleValue>();

  const need = (n: number, what: string) => {
    if (n > bytes.length - pos)
      throw invalid(
        `is truncated or declares a ${what} of ${n} bytes with only ${bytes.length - pos} left in the body; ${HOW_TO}`,
      );
  };
  const u8 = () => {
    need(1, "field");
    return bytes[pos++] as number;
  };
  const u32 = () => {
    need(4, "field");
    const value = view.getUint32(pos, true);
    pos += 4;
    return value;
  };
  const u64 = (what: string) => {
    need(8, "field");
    const value = view.getBigUint64(pos, true);
    pos += 8;
    if (value > BigInt(bytes.length - pos))
      throw invalid(
        `declares a ${what} of ${value} bytes with only ${bytes.length - pos} left in the body; ${HOW_TO}`,
      );
    return Number(value);
  };
  const take = (n: number, what: string) => {
    need(n, what);
    const slice = bytes.subarray(pos, pos + n);
    pos += n;
    return slice;
  };
  const text = (n: number) => {
    const raw = take(n, "string");
    try {
      return utf8.decode(raw);
    } catch {
      throw invalid(`holds a str that is not valid UTF-8 at byte ${pos - n}; ${HOW_TO}`);
    }
  };
  const pop = (): PickleValue => {
    if (stack.length === 0 || (marks.length > 0 && stack.length <= (marks.at(-1) as number)))
      throw invalid(`is malformed: an opcode at byte ${pos - 1} found no value to take; ${HOW_TO}`);
    return stack.pop() as PickleValue;
  };
  const top = (): PickleValue => {
    const value = pop();
    stack.push(value);
    return value;
  };
  const popMark = (): PickleValue[] => {
    const mark = marks.pop();
    if (mark === undefined) throw invalid(`is malformed: no MARK before byte ${pos - 1}; ${HOW_TO}`);
    return stack.splice(mark);
  };
  const key = (value: PickleValue): PickleKey => {
    if (value === null || ["string", "number", "bigint", "boolean"].includes(typeof value))
      return value as PickleKey;
    throw invalid(
      `has a dict key that is a ${describe(value)}; only str, int, float, bool and None keys are read`,
    );
  };
  const setItems = (target: PickleValue, items: PickleValue[]) => {
    if (!isPickleDict(target)) throw invalid(`sets items on a ${describe(target)}, not a dict; ${HOW_TO}`);
    if (items.length % 2 !== 0) throw invalid(`has a dict with a key but no value; ${HOW_TO}`);
    for (let i = 0; i < items.length; i += 2)
      target.set(key(items[i] as PickleValue), items[i + 1] as PickleValue);
  };
  const append = (target: PickleValue, items: PickleValue[]) => {
    if (!Array.isArray(target)) throw invalid(`appends to a ${describe(target)}, not a list; ${HOW_TO}`);
    for (const item of items) target.push(item);
  };
  const memoGet = (index: number) => {
    if (!memo.has(index)) throw invalid(`refers to memo entry ${index}, which was never stored; ${HOW_TO}`);
    stack.push(memo.get(index) as PickleValue);
  };

  if (bytes.length === 0) throw invalid(`is empty; ${HOW_TO}`);
  for (;;) {
    if (pos >= bytes.length)
      throw invalid(`ends before its STOP opcode (truncated at byte ${pos}); ${HOW_TO}`);
    const at = pos;
    const op = bytes[pos++] as number;
    switch (op) {
      case 0x80: {
        const protocol = u8();
        if (protocol < 2 || protocol > 5)
          throw invalid(
            `uses protocol ${protocol}; only protocols 2-5 are read (pickle.dumps' default is one)`,
          );
        break;
      }
      case 0x95:
        u64("frame");
        break;
      case 0x2e: {
        if (stack.length !== 1 || marks.length > 0)
          throw invalid(`is malformed: STOP with ${stack.length} values on the stack; ${HOW_TO}`);
        const value = stack[0] as PickleValue;
        checkDepth(value, maxDepth);
        return value;
      }
      case 0x28:
        if (marks.length >= MAX_OPEN_MARKS)
          throw invalid(
            `opens more than ${MAX_OPEN_MARKS} MARKs at once; nest containers at most ${maxDepth} deep`,
          );
        marks.push(stack.length);
        break;
      case 0x7d:
        stack.push(new Map());
        break;
      case 0x5d:
      case 0x29:
        stack.push([]);
        break;
      case 0x74:
      case 0x6c:
        stack.push(popMark());
        break;
      case 0x64: {
        const dict: PickleDict = new Map();
        setItems(dict, popMark());
        stack.push(dict);
        break;
      }
      case 0x85:
        stack.push([pop()]);
        break;
      case 0x86: {
        const b = pop();
        stack.push([pop(), b]);
        break;
      }
      case 0x87: {
        const c = pop();
        const b = pop();
        stack.push([pop(), b, c]);
        break;
      }
      case 0x61: {
        const item = pop();
        append(top(), [item]);
        break;
      }
      case 0x65: {
        const items = popMark();
        append(top(), items);
        break;
      }
      case 0x73: {
        const value = pop();
        const k = pop();
        setItems(top(), [k, value]);
        break;
      }
      case 0x75: {
        const items = popMark();
        setItems(top(), items);
        break;
      }
      case 0x58:
        stack.push(text(u32()));
        break;
      case 0x8c:
        stack.push(text(u8()));
        break;
      case 0x8d:
        stack.push(text(u64("str")));
        break;
      case 0x42:
        stack.push(take(u32(), "bytes object"));
        break;
      case 0x43:
        stack.push(take(u8(), "bytes object"));
        break;
      case 0x8e:
      case 0x96:
        stack.push(take(u64("bytes object"), "bytes object"));
        break;
      case 0x4a:
        need(4, "int");
        stack.push(view.getInt32(pos, true));
        pos += 4;
        break;
      case 0x4b:
        stack.push(u8());
        break;
      case 0x4d:
        need(2, "int");
        stack.push(view.getUint16(pos, true));
        pos += 2;
        break;
      case 0x8a:
      case 0x8b: {
        const length = op === 0x8a ? u8() : u32();
        if (length > MAX_INT_BYTES)
          throw invalid(`holds an int of ${length} bytes; ints are read up to ${MAX_INT_BYTES} bytes`);
        stack.push(littleEndianInt(take(length, "int")));
        break;
      }
      case 0x47:
        need(8, "float");
        stack.push(view.getFloat64(pos, false));
        pos += 8;
        break;
      case 0x4e:
        stack.push(null);
        break;
      case 0x88:
        stack.push(true);
        break;
      case 0x89:
        stack.push(false);
        break;
      case 0x71:
        memo.set(u8(), top());
        break;
      case 0x72:
        memo.set(u32(), top());
        break;
      case 0x94:
        memo.set(memo.size, top());
        break;
      case 0x68:
        memoGet(u8());
        break;
      case 0x6a:
        memoGet(u32());
        break;
      case 0x30:
        if (marks.length > 0 && stack.length === marks.at(-1)) marks.pop();
        else pop();
        break;
      case 0x31:
        popMark();
        break;
      case 0x32:
        stack.push(top());
        break;
      default:
        throw refused(op, at, bytes, stack);
    }
  }
}

/** The error for an opcode this reader never runs, naming the global it would import where there is one. */
function refused(op: number, at: number, bytes: Uint8Array, stack: PickleValue[]): EditJudgeError {
  const name = OBJECT_OPCODES[op];
  if (name) {
    const global = op === 0x63 ? globalName(bytes, at + 1) : op === 0x93 ? stackGlobalName(stack) : "";
    if (global.startsWith("numpy"))
      return invalid(
        `holds a numpy array (${global}), which would need Python to build; send lists instead (list(prompts), a list of bytes per image)`,
      );
    const what = global ? ` ${global}` : "";
    return invalid(
      `uses opcode ${name}${what} at byte ${at}, which would import or call Python code and is never run; ${HOW_TO}`,
    );
  }
  if (TEXT_OPCODES.has(op))
    return invalid(
      `uses a protocol 0/1 text opcode at byte ${at}; send protocol 2-5 (pickle.dumps' default)`,
    );
  if (op === 0x8f || op === 0x90 || op === 0x91)
    return invalid(`holds a set at byte ${at}; send a list instead`);
  return invalid(`has an unknown opcode 0x${op.toString(16).padStart(2, "0")} at byte ${at}; ${HOW_TO}`);
}

/** `module.name` of a GLOBAL opcode's two text lines (at most 200 characters), for the error message. */
function globalName(bytes: Uint8Array, from: number): string {
  const head = Buffer.from(bytes.subarray(from, from + 200)).toString("latin1");
  const [module, name] = head.split("\n");
  return name === undefined ? (module ?? "") : `${module}.${name}`;
}

function stackGlobalName(stack: PickleValue[]): string {
  const [module, name] = stack.slice(-2);
  return typeof module === "string" && typeof name === "string" ? `${module}.${name}` : "";
}

/** A LONG1/LONG4 payload: little-endian two's complement, as a number when it is a safe integer. */
function littleEndianInt(raw: Uint8Array): number | bigint {
  if (raw.length === 0) return 0;
  let value = 0n;
  for (let i = raw.length - 1; i >= 0; i--) value = (value << 8n) | BigInt(raw[i] as number);
  if ((raw[raw.length - 1] as number) & 0x80) value -= 1n << BigInt(raw.length * 8);
  return value >= BigInt(Number.MIN_SAFE_INTEGER) && value <= BigInt(Number.MAX_SAFE_INTEGER)
    ? Number(value)
    : value;
}

export function describe(value: PickleValue): string {
  if (value === null) return "None";
  if (Array.isArray(value)) return "list";
  if (isPickleDict(value)) return "dict";
  if (value instanceof Uint8Array) return "bytes";
  if (typeof value === "string") return "str";
  if (typeof value === "boolean") return "bool";
  return "number";
}

/**
 * Refuses containers nested deeper than `maxDepth`, and cycles (the memo can make a list that holds itself). Each
 * container's depth is computed once, so a pickle that shares one list many times is checked in linear time.
 */
function checkDepth(root: PickleValue, maxDepth: number): void {
  const depths = new Map<object, number>();
  const open = new Set<object>();
  const depthOf = (value: PickleValue, level: number): number => {
    if (!Array.isArray(value) && !isPickleDict(value)) return 0;
    const known = depths.get(value);
    if (known !== undefined) {
      if (level + known - 1 > maxDepth)
        throw invalid(
          `nests containers more than ${maxDepth} deep; send a flat dict of lists as the clients do`,
        );
      return known;
    }
    if (open.has(value)) throw invalid("holds a container that contains itself; send plain nested data");
    if (level > maxDepth)
      throw invalid(
        `nests containers more than ${maxDepth} deep; send a flat dict of lists as the clients do`,
      );
    open.add(value);
    let deepest = 0;
    for (const item of Array.isArray(value) ? value : value.values())
      deepest = Math.max(deepest, depthOf(item, level + 1));
    open.delete(value);
    const depth = deepest + 1;
    if (level + depth - 1 > maxDepth)
      throw invalid(
        `nests containers more than ${maxDepth} deep; send a flat dict of lists as the clients do`,
      );
    depths.set(value, depth);
    return depth;
  };
  depthOf(root, 1);
}
