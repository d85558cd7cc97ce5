import type { ColumnSource, SchemaElement } from "hyparquet-writer";
import type { CarriedFields, CarriedType } from "./carried-columns.js";
import { imageStruct } from "./image-struct.js";
import { rowJson } from "./row-json.js";
import type { OutputRow } from "./row-sink.js";

/** Which curate output a Parquet file is: kept rows carry `dimensions`, rejects a `reason`. */
export type OutputKind = "kept" | "rejects";

type Column =
  | { name: string; kind: "image" }
  | { name: string; kind: "carried"; type: CarriedType }
  | { name: string; kind: "instruction" | "row" | "reward" | "dimensions" | "reason" };

const optional = "OPTIONAL" as const;
const LEAF: Record<CarriedType, Omit<SchemaElement, "name">> = {
  STRING: { type: "BYTE_ARRAY", converted_type: "UTF8", repetition_type: optional },
  INT64: { type: "INT64", repetition_type: optional },
  DOUBLE: { type: "DOUBLE", repetition_type: optional },
  BOOLEAN: { type: "BOOLEAN", repetition_type: optional },
  BYTES: { type: "BYTE_ARRAY", repetition_type: optional },
  JSON: { type: "BYTE_ARRAY", converted_type: "JSON", repetition_type: optional },
};
/** The Hugging Face `datasets` feature of each column type, so `load_dataset` decodes images as images. */
const FEATURE: Record<CarriedType, string> = {
  STRING: "string",
  INT64: "int64",
  DOUBLE: "float64",
  BOOLEAN: "bool",
  BYTES: "binary",
  JSON: "string",
};

const decoder = new TextDecoder();

/**
 * The layout of a curate Parquet output: `source`, `instruction`, `edited`, `mask` (when the input has one), the
 * carried input fields, `row`, `reward` and `dimensions` (kept) or `reason` (rejects). Images (the mask too) are
 * Hugging Face image structs `{bytes, path}`; `dimensions` and fields without a plain type are JSON text.
 */
export class ParquetColumns {
  readonly #columns: Column[];

  constructor(
    readonly kind: OutputKind,
    fields: CarriedFields,
    readonly datasetPath: string,
  ) {
    this.#columns = [
      { name: "source", kind: "image" },
      { name: "instruction", kind: "instruction" },
      { name: "edited", kind: "image" },
      ...(fields.mask ? [{ name: "mask", kind: "image" as const }] : []),
      ...fields.carried.map((c) => ({ name: c.name, kind: "carried" as const, type: c.type })),
      { name: "row", kind: "row" },
      { name: "reward", kind: "reward" },
      kind === "kept" ? { name: "dimensions", kind: "dimensions" } : { name: "reason", kind: "reason" },
    ];
  }

  schema(): SchemaElement[] {
    const elements: SchemaElement[] = [{ name: "schema", num_children: this.#columns.length }];
    for (const column of this.#columns) {
      if (column.kind === "image")
        elements.push(
          { name: column.name, repetition_type: optional, num_children: 2 },
          { name: "bytes", ...LEAF.BYTES },
          { name: "path", ...LEAF.STRING },
        );
      else if (column.kind === "row")
        elements.push({ name: "row", type: "INT64", repetition_type: "REQUIRED" });
      else if (column.kind === "reward") elements.push({ name: "reward", ...LEAF.DOUBLE });
      else if (column.kind === "dimensions") elements.push({ name: "dimensions", ...LEAF.JSON });
      else if (column.kind === "carried") elements.push({ name: column.name, ...LEAF[column.type] });
      else elements.push({ name: column.name, ...LEAF.STRING });
    }
    return elements;
  }

  /** The `huggingface` key-value metadata `datasets` reads its features from. */
  features(): string {
    const features: Record<string, unknown> = {};
    for (const column of this.#columns) {
      const dtype =
        column.kind === "carried"
          ? FEATURE[column.type]
          : column.kind === "row"
            ? "int64"
            : column.kind === "reward"
              ? "float64"
              : "string";
      features[column.name] = column.kind === "image" ? { _type: "Image" } : { dtype, _type: "Value" };
    }
    return JSON.stringify({ info: { features } });
  }

  /** A batch of rows as column data for hyparquet-writer. */
  columnData(rows: readonly OutputRow[]): ColumnSource[] {
    return this.#columns.map((column) => ({
      name: column.name,
      data: rows.map((row) => this.#value(column, row)),
      columnIndex: false,
      offsetIndex: false,
    }));
  }

  #value(column: Column, row: OutputRow): unknown {
    switch (column.kind) {
      case "image":
        return imageStruct(row.record[column.name], this.datasetPath);
      case "instruction":
        return text(row.record.instruction);
      case "row":
        return BigInt(row.index);
      case "reward":
        return row.reward;
      case "dimensions":
        return plainJson(row.dimensions ?? null);
      case "reason":
        return row.reason ?? null;
      case "carried":
        return carried(column.type, row.record[column.name]);
    }
  }
}

function text(value: unknown): string | null {
  if (value === null || value === undefined) return null;
  if (typeof value === "string") return value;
  if (value instanceof Uint8Array) return decoder.decode(value);
  return rowJson(value);
}

/** JSON values only (bytes as data URLs, bigints as numbers), as curate's JSONL output writes them. */
function plainJson(value: unknown): unknown {
  return value === null || value === undefined ? null : JSON.parse(rowJson(value));
}

function carried(type: CarriedType, value: unknown): unknown {
  if (value === null || value === undefined) return null;
  switch (type) {
    case "STRING":
      return text(value);
    case "INT64":
      return typeof value === "bigint" ? value : typeof value === "number" ? BigInt(value) : null;
    case "DOUBLE":
      return typeof value === "number" || typeof value === "bigint" ? Number(value) : null;
    case "BOOLEAN":
      return typeof value === "boolean" ? value : null;
    case "BYTES":
      return value instanceof Uint8Array ? value : typeof value === "string" ? Buffer.from(value) : null;
    case "JSON":
      return plainJson(value);
  }
}
