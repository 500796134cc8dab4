/**
 * Plain records → danfojs DataFrames, for looking at ledgers, metrics and dataset tables in a
 * notebook. The work (flattening, column order, types) is done by the pure {@link toTable};
 * {@link toDataFrame} only hands the result to danfojs, which is loaded on first use (it pulls in
 * TensorFlow.js and takes about a second), so importing mission-lib stays fast.
 */
import type { DataFrame } from "danfojs-node";

/** A cell value after flattening. */
export type FlatValue = string | number | boolean | null;

/** danfojs column types, as {@link toTable} infers them. */
export type ColumnDtype = "string" | "int32" | "float32" | "boolean";

/** Options of {@link flattenRecord}, {@link toTable} and {@link toDataFrame}. */
export interface FlattenOptions {
  /** Joins the names of nested plain objects. Default ".". */
  readonly separator?: string;
  /** Turns an array into a cell string. Default `JSON.stringify` (`["a","b"]`). */
  readonly arrayToString?: (value: readonly unknown[]) => string;
}

/** Options of {@link toTable} and {@link toDataFrame}. */
export interface TableOptions extends FlattenOptions {
  /** Exactly these columns in this order (absent values → null). Default: the flattened names in
   * order of first appearance over the rows. */
  readonly columns?: readonly string[];
}

/** Columns, row values and column types, ready for a DataFrame. */
export interface Table {
  readonly columns: readonly string[];
  /** One array per row, aligned with `columns`. */
  readonly rows: readonly (readonly FlatValue[])[];
  readonly dtypes: readonly ColumnDtype[];
}

function isPlainObject(v: unknown): v is Record<string, unknown> {
  if (typeof v !== "object" || v === null || Array.isArray(v)) return false;
  const proto = Object.getPrototypeOf(v) as unknown;
  return proto === Object.prototype || proto === null;
}

function cellValue(v: unknown, arrayToString: (value: readonly unknown[]) => string): FlatValue {
  if (v === null || v === undefined) return null;
  if (typeof v === "string" || typeof v === "number" || typeof v === "boolean") return v;
  if (Array.isArray(v)) return arrayToString(v);
  if (v instanceof Date) return Number.isNaN(v.getTime()) ? null : v.toISOString();
  return String(v);
}

/**
 * One record with nested plain objects flattened into dotted names (`{ kpi: { cost: 3 } }` →
 * `{ "kpi.cost": 3 }`), arrays turned into strings, Dates into ISO strings, `undefined` into null
 * and other objects into `String(value)`. Key order is kept. The input is not modified.
 *
 * @example flattenRecord({ runId: "r1", kpi: { cost: 3 }, agents: ["a", "b"] })
 *   // → { runId: "r1", "kpi.cost": 3, agents: '["a","b"]' }
 */
export function flattenRecord(
  record: Readonly<Record<string, unknown>>,
  options: FlattenOptions = {},
): Record<string, FlatValue> {
  const separator = options.separator ?? ".";
  const arrayToString = options.arrayToString ?? ((a: readonly unknown[]) => JSON.stringify(a));
  const out: Record<string, FlatValue> = {};
  const walk = (obj: Readonly<Record<string, unknown>>, prefix: string): void => {
    for (const [key, value] of Object.entries(obj)) {
      const name = prefix + key;
      if (isPlainObject(value)) walk(value, name + separator);
      else
        Object.defineProperty(out, name, {
          value: cellValue(value, arrayToString),
          enumerable: true,
          writable: true,
          configurable: true,
        });
    }
  };
  walk(record, "");
  return out;
}

const INT32_MAX = 2 ** 31 - 1;

function inferDtype(values: readonly FlatValue[]): ColumnDtype {
  const present = values.filter((v) => v !== null);
  if (present.length === 0) return "float32";
  if (present.every((v) => typeof v === "boolean")) return "boolean";
  if (present.every((v) => typeof v === "number")) {
    const ints = present.every((v) => Number.isInteger(v) && Math.abs(v as number) <= INT32_MAX);
    return ints ? "int32" : "float32";
  }
  return "string";
}

/**
 * Flattens records ({@link flattenRecord}) into a table with a stable column order and one
 * inferred type per column: all booleans → "boolean"; all numbers → "int32" (integers within
 * ±2³¹) or "float32" (danfojs's name for any other number; values stay JS numbers); otherwise
 * "string", and a mixed column's non-null values become strings. Null is the missing value; an
 * all-null column is "float32" like danfojs infers it. The input is not modified.
 *
 * @example toTable([{ a: 1, b: { c: true } }, { a: 2.5, d: "x" }])
 *   // → { columns: ["a", "b.c", "d"], rows: [[1, true, null], [2.5, null, "x"]],
 *   //     dtypes: ["float32", "boolean", "string"] }
 */
export function toTable(rows: readonly object[], options: TableOptions = {}): Table {
  // Any object type is accepted (interfaces such as LabelCase have no index signature); only
  // own enumerable properties are read.
  const flat = rows.map((r) => flattenRecord(r as Readonly<Record<string, unknown>>, options));
  let columns: readonly string[];
  if (options.columns) {
    columns = [...options.columns];
  } else {
    const seen = new Set<string>();
    for (const r of flat) for (const k of Object.keys(r)) seen.add(k);
    columns = [...seen];
  }
  const raw = flat.map((r) =>
    columns.map((c) => (Object.prototype.hasOwnProperty.call(r, c) ? (r[c] ?? null) : null)),
  );
  const dtypes = columns.map((_, j) => inferDtype(raw.map((r) => r[j] ?? null)));
  const values = raw.map((r) =>
    r.map((v, j) => (dtypes[j] === "string" && v !== null && typeof v !== "string" ? String(v) : v)),
  );
  return { columns, rows: values, dtypes };
}

/**
 * A danfojs DataFrame of `rows` (see {@link toTable} for flattening, column order and types).
 * Loads danfojs-node on first call.
 *
 * @example toDataFrame([{ runId: "r1", kpi: { cost: 3 } }]).columns // → ["runId", "kpi.cost"]
 */
export function toDataFrame(rows: readonly object[], options: TableOptions = {}): DataFrame {
  const table = toTable(rows, options);
  const danfo = require("danfojs-node") as typeof import("danfojs-node");
  return new danfo.DataFrame(
    table.rows.map((r) => [...r]),
    { columns: [...table.columns], dtypes: [...table.dtypes] },
  );
}
