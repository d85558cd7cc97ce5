import { spawnSync } from "node:child_process";
import { describe, expect, it } from "vitest";
import { EditJudgeError } from "../../errors/editjudge-error.js";
import type { PickleValue } from "./pickle-value.js";
import { readPickle } from "./read-pickle.js";
import { writePickle } from "./write-pickle.js";

const PYTHON = ["python3", "/usr/bin/python3"].find(
  (python) => spawnSync(python, ["-c", "import pickle"], { encoding: "utf8" }).status === 0,
);
if (!PYTHON)
  console.warn("skipping the pickle tests that need Python: no python3 on PATH or at /usr/bin/python3");

/** Runs Python code that prints one line: JSON of {name: base64 of a pickle}. */
function pythonPickles(code: string): Record<string, Buffer> {
  const out = spawnSync(PYTHON as string, ["-c", `import pickle, base64, json, os\n${code}`], {
    encoding: "utf8",
  });
  if (out.status !== 0) throw new Error(out.stderr);
  const raw = JSON.parse(out.stdout) as Record<string, string>;
  return Object.fromEntries(Object.entries(raw).map(([k, v]) => [k, Buffer.from(v, "base64")]));
}

/** Plain JSON-like view of a read value, for comparing. */
function plain(value: PickleValue): unknown {
  if (value instanceof Uint8Array) return { bytes: Buffer.from(value).toString("hex") };
  if (Array.isArray(value)) return value.map(plain);
  if (value instanceof Map) return Object.fromEntries([...value].map(([k, v]) => [String(k), plain(v)]));
  if (typeof value === "bigint") return `${value}n`;
  return value;
}

function refusal(bytes: Uint8Array): string {
  try {
    readPickle(bytes);
  } catch (error) {
    expect(error).toBeInstanceOf(EditJudgeError);
    expect((error as EditJudgeError).code).toBe("invalid_pickle");
    return (error as Error).message;
  }
  throw new Error("the pickle was read, not refused");
}

const proto = (body: number[]) => Uint8Array.from([0x80, 4, ...body]);

describe("readPickle: what the clients send", () => {
  it.skipIf(!PYTHON)("reads Edit-R1's and flow_grpo's bodies in protocols 2-5 as Python wrote them", () => {
    const pickles = pythonPickles(`
value = {"images": [b"\\xff\\xd8jpeg", b""], "ref_images": [b"\\x89PNG"], "prompts": ["make it brighter", "é ü 🙂"],
         "metadatas": [{"requirement": "brighter", "n": 3, "big": 2**70, "neg": -5, "f": 0.25, "ok": True, "none": None},
                       None], "t": (1, 2), "t1": ("a",), "t3": (1, 2, 3), "empty": ((), [], {})}
shared = "same"
value["shared"] = [shared, shared]
print(json.dumps({str(p): base64.b64encode(pickle.dumps(value, protocol=p)).decode() for p in (3, 4, 5)}))`);
    const expected = {
      images: [{ bytes: "ffd86a706567" }, { bytes: "" }],
      ref_images: [{ bytes: "89504e47" }],
      prompts: ["make it brighter", "é ü 🙂"],
      metadatas: [
        {
          requirement: "brighter",
          n: 3,
          big: "1180591620717411303424n",
          neg: -5,
          f: 0.25,
          ok: true,
          none: null,
        },
        null,
      ],
      t: [1, 2],
      t1: ["a"],
      t3: [1, 2, 3],
      empty: [[], [], {}],
      shared: ["same", "same"],
    };
    for (const [protocol, bytes] of Object.entries(pickles))
      expect(plain(readPickle(bytes)), protocol).toEqual(expected);
  });

  it.skipIf(!PYTHON)(
    "reads protocol 2 (no bytes: Python 3 pickles bytes there with a global, refused)",
    () => {
      const { plainData, withBytes } = pythonPickles(`
print(json.dumps({"plainData": base64.b64encode(pickle.dumps({"prompts": ["a"], "x": 1.5}, protocol=2)).decode(),
                  "withBytes": base64.b64encode(pickle.dumps({"images": [b"x"]}, protocol=2)).decode()}))`);
      expect(plain(readPickle(plainData as Buffer))).toEqual({ prompts: ["a"], x: 1.5 });
      expect(refusal(withBytes as Buffer)).toMatch(/GLOBAL _codecs.encode/);
    },
  );

  it.skipIf(!PYTHON)("writes answers Python's pickle.loads reads, NaN included", () => {
    const answer = writePickle({
      scores: [0.5, 1, 0, Number.NaN],
      null_mask: [false, true],
      error: "é 🙂",
      code: null,
    });
    const out = spawnSync(
      PYTHON as string,
      [
        "-c",
        "import pickle, sys, math; v = pickle.loads(sys.stdin.buffer.read()); print(repr(v), all(type(s) is float for s in v['scores']), math.isnan(v['scores'][3]))",
      ],
      { input: answer, encoding: "utf8" },
    );
    expect(out.stdout.trim()).toBe(
      "{'scores': [0.5, 1.0, 0.0, nan], 'null_mask': [False, True], 'error': 'é 🙂', 'code': None} True True",
    );
  });
});

describe("readPickle: hostile pickles are refused with invalid_pickle, nothing run", () => {
  it.skipIf(!PYTHON)(
    "refuses os.system globals, reduce, build and objects as real Python pickles them",
    () => {
      const pickles = pythonPickles(`
class Exploit:
    def __reduce__(self):
        return (os.system, ("touch /tmp/editjudge-pwned",))
class Plain:
    pass
class WithState:
    def __init__(self): self.x = 1
    def __setstate__(self, s): pass
import collections
out = {}
for p in (0, 1, 2, 3, 4, 5):
    out[f"exploit{p}"] = pickle.dumps({"images": [Exploit()]}, protocol=p)
out["object"] = pickle.dumps(Plain(), protocol=4)
out["state"] = pickle.dumps(WithState(), protocol=2)
out["ordered"] = pickle.dumps(collections.OrderedDict(a=1), protocol=5)
out["set"] = pickle.dumps({"a": {1, 2}}, protocol=4)
out["frozenset"] = pickle.dumps(frozenset([1]), protocol=4)
out["bytearray"] = pickle.dumps(bytearray(b"ab"), protocol=5)
print(json.dumps({k: base64.b64encode(v).decode() for k, v in out.items()}))`);
      for (const p of [2, 3, 4, 5])
        expect(refusal(pickles[`exploit${p}`] as Buffer)).toMatch(/(posix|os)\.system/);
      for (const p of [0, 1])
        expect(refusal(pickles[`exploit${p}`] as Buffer)).toMatch(/protocol|GLOBAL|opcode/);
      expect(refusal(pickles.object as Buffer)).toMatch(/GLOBAL|never run/);
      expect(refusal(pickles.state as Buffer)).toMatch(/never run/);
      expect(refusal(pickles.ordered as Buffer)).toMatch(/collections.OrderedDict/);
      expect(refusal(pickles.set as Buffer)).toMatch(/set/);
      expect(refusal(pickles.frozenset as Buffer)).toMatch(/set/);
      expect(plain(readPickle(pickles.bytearray as Buffer))).toEqual({ bytes: "6162" });
    },
  );

  it.skipIf(!PYTHON)(
    "refuses numpy arrays (np.array_split of prompts) with a message saying to send lists",
    () => {
      const probe = spawnSync(PYTHON as string, ["-c", "import numpy"], { encoding: "utf8" });
      if (probe.status !== 0) {
        console.warn("skipping the numpy pickle case: numpy is not installed");
        return;
      }
      const { arr } = pythonPickles(`
import numpy as np
print(json.dumps({"arr": base64.b64encode(pickle.dumps({"prompts": np.array_split(np.array(["a", "b"]), 1)[0]})).decode()}))`);
      expect(refusal(arr as Buffer)).toMatch(/numpy array .*send lists instead/);
    },
  );

  it("refuses truncated streams, lengths past the end and oversized ints", () => {
    expect(refusal(new Uint8Array())).toMatch(/is empty/);
    expect(refusal(proto([0x7d]))).toMatch(/ends before its STOP/);
    // BINUNICODE declaring 4 GiB - 1, with 3 bytes of body.
    expect(refusal(proto([0x58, 0xff, 0xff, 0xff, 0xff, 0x61, 0x62, 0x63, 0x2e]))).toMatch(
      /4294967295 bytes with only 4 left/,
    );
    // BINBYTES8 and FRAME declaring 2^63.
    const huge = [0, 0, 0, 0, 0, 0, 0, 0x80];
    expect(refusal(proto([0x8e, ...huge, 0x2e]))).toMatch(/9223372036854775808 bytes/);
    expect(refusal(proto([0x95, ...huge, 0x4e, 0x2e]))).toMatch(/frame of 9223372036854775808 bytes/);
    expect(refusal(proto([0x8b, 0x00, 0x00, 0x01, 0x00, 0x2e]))).toMatch(/int of 65536 bytes/);
    expect(refusal(proto([0x4a, 0x01, 0x2e]))).toMatch(/truncated/);
    expect(refusal(Uint8Array.from([0x80, 9, 0x4e, 0x2e]))).toMatch(/protocol 9/);
    expect(refusal(proto([0xff]))).toMatch(/unknown opcode 0xff/);
    expect(refusal(proto([0x61, 0x2e]))).toMatch(/no value to take/);
    expect(refusal(proto([0x68, 0x07, 0x2e]))).toMatch(/memo entry 7/);
    expect(refusal(proto([0x4e, 0x4e, 0x2e]))).toMatch(/2 values on the stack/);
    expect(refusal(proto([0x8c, 0x02, 0xc3, 0x28, 0x2e]))).toMatch(/not valid UTF-8/);
    expect(refusal(proto([0x7d, 0x5d, 0x4e, 0x73, 0x2e]))).toMatch(/dict key that is a list/);
  });

  it("refuses nesting deeper than the bound, deep MARK stacks and self-containing lists", () => {
    const deep = (n: number) => proto([...Array(n).fill(0x5d), ...Array(n - 1).fill(0x61), 0x2e]);
    expect(plain(readPickle(deep(8)))).toEqual([[[[[[[[]]]]]]]]);
    expect(refusal(deep(9))).toMatch(/more than 8 deep/);
    expect(refusal(deep(100_000))).toMatch(/more than 8 deep/);
    expect(refusal(proto([...Array(40).fill(0x28), 0x2e]))).toMatch(/more than 32 MARKs/);
    // [] memoized, then appended to itself: a cycle.
    expect(refusal(proto([0x5d, 0x94, 0x68, 0x00, 0x61, 0x2e]))).toMatch(/contains itself/);
    // One list shared at two depths: the deeper use counts.
    // X = [] stored in the memo, then R = [X, [[[[[[[X]]]]]]]]: X is at depth 2 and at depth 9.
    const shared = proto([
      0x5d,
      0x5d,
      0x94,
      0x61,
      ...Array(7).fill(0x5d),
      0x68,
      0x00,
      ...Array(8).fill(0x61),
      0x2e,
    ]);
    expect(refusal(shared)).toMatch(/more than 8 deep/);
  });

  it("never throws anything but invalid_pickle on random byte flips and truncations (seeded)", () => {
    const base = writePickle({
      images: ["x".repeat(40), "y"],
      prompts: ["make it brighter", "é"],
      metadatas: [{ requirement: "r", n: 1.5 }, null, true],
    });
    let seed = 12345;
    const random = () => {
      seed = (seed * 1103515245 + 12345) % 2 ** 31;
      return seed / 2 ** 31;
    };
    let refused = 0;
    for (let round = 0; round < 3000; round++) {
      const bytes = Uint8Array.from(base);
      const flips = 1 + Math.floor(random() * 4);
      for (let f = 0; f < flips; f++) bytes[Math.floor(random() * bytes.length)] = Math.floor(random() * 256);
      const cut = random() < 0.3 ? bytes.subarray(0, Math.floor(random() * bytes.length)) : bytes;
      try {
        readPickle(cut);
      } catch (error) {
        expect(error).toBeInstanceOf(EditJudgeError);
        expect((error as EditJudgeError).code).toBe("invalid_pickle");
        refused += 1;
      }
    }
    expect(refused).toBeGreaterThan(1000);
  });
});
