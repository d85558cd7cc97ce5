/**
 * The Python values a compat client's pickle may hold, as read by `readPickle`: `None` → null, bool, int (a number
 * when it is a safe integer, else a bigint), float, str, bytes (also bytearray) → Uint8Array, list and tuple →
 * array, dict → Map (keys str, int, float, bool or None).
 */
export type PickleValue = null | boolean | number | bigint | string | Uint8Array | PickleValue[] | PickleDict;

export type PickleKey = null | boolean | number | bigint | string;

export type PickleDict = Map<PickleKey, PickleValue>;

export function isPickleDict(value: PickleValue | undefined): value is PickleDict {
  return value instanceof Map;
}
