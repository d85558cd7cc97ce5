import { parquetSchema, type SchemaTree } from "hyparquet";
import { datasetFormat } from "./dataset-format.js";
import { readDatasetRows } from "./dataset-rows.js";
import { openParquet } from "./open-parquet.js";

/** How a carried field is stored in Parquet output; anything without a plain type is JSON text. */
export type CarriedType = "STRING" | "INT64" | "DOUBLE" | "BOOLEAN" | "BYTES" | "JSON";

export interface CarriedColumn {
  name: string;
  type: CarriedType;
}

/** Fields curate writes itself (or reads as the row's images, mask and instruction); never carried. */
export const CURATE_FIELDS = new Set([
  "source",
  "instruction",
  "edited",
  "mask",
  "row",
  "reward",
  "dimensions",
  "reason",
]);

/** The input fields a Parquet output carries, and whether it has a `mask` (written as an image, not carried). */
export interface CarriedFields {
  carried: CarriedColumn[];
  mask: boolean;
}

/**
 * The input fields a Parquet output carries, with their types, known before the first row is written (a Parquet
 * file has one schema): a Parquet input's own columns, typed from its schema; for JSONL, every key of every row
 * (one pass over the file), typed by its values — all strings, all integers, all numbers or all booleans (nulls
 * allowed), else JSON text. `mask` is set when a Parquet input has a `mask` column or any JSONL row a `mask` key.
 */
export async function carriedColumns(input: string): Promise<CarriedFields> {
  if (datasetFormat(input) === "parquet") {
    const { metadata } = await openParquet(input);
    const columns = parquetSchema(metadata).children;
    return {
      carried: columns
        .filter((c) => !CURATE_FIELDS.has(c.element.name))
        .map((c) => ({ name: c.element.name, type: parquetType(c) })),
      mask: columns.some((c) => c.element.name === "mask"),
    };
  }
  const kinds = new Map<string, Set<string>>();
  let mask = false;
  for await (const { record } of readDatasetRows(input))
    for (const [key, value] of Object.entries(record)) {
      if (key === "mask") mask = true;
      if (CURATE_FIELDS.has(key)) continue;
      const seen = kinds.get(key) ?? new Set<string>();
      kinds.set(key, seen);
      if (value !== null) seen.add(jsonKind(value));
    }
  return { carried: [...kinds].map(([name, seen]) => ({ name, type: jsonType(seen) })), mask };
}

function jsonKind(value: unknown): string {
  if (typeof value === "number") return Number.isSafeInteger(value) ? "integer" : "number";
  return typeof value === "object" ? "object" : typeof value;
}

function jsonType(kinds: Set<string>): CarriedType {
  const only = (...allowed: string[]) => kinds.size > 0 && [...kinds].every((k) => allowed.includes(k));
  if (only("string")) return "STRING";
  if (only("integer")) return "INT64";
  if (only("integer", "number")) return "DOUBLE";
  if (only("boolean")) return "BOOLEAN";
  return "JSON";
}

function parquetType(column: SchemaTree): CarriedType {
  const { type, converted_type: converted, logical_type: logical } = column.element;
  if (column.children.length > 0 || column.element.repetition_type === "REPEATED") return "JSON";
  if (type === "BOOLEAN") return "BOOLEAN";
  if (type === "FLOAT" || type === "DOUBLE") return "DOUBLE";
  if ((type === "INT32" || type === "INT64") && !converted && !logical) return "INT64";
  if (type === "BYTE_ARRAY") {
    if (converted === "UTF8" || logical?.type === "STRING") return "STRING";
    if (!converted && !logical) return "BYTES";
  }
  return "JSON";
}
