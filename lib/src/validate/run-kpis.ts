/**
 * The KPI values of a run record: CSV `kpi.<name>` columns or the JSON `kpis` object, read with as
 * little allocation as possible (the KPI columns of a CSV file are worked out once per file).
 */
import { describeFound } from "../io/describe-found";
import { isAbsent, parseNumber, plainDecimal } from "./field-parsers";
import type { FieldReader } from "./field-reader";

/** Prefix of the CSV columns holding KPI values (`kpi.<name>`). */
export const KPI_COLUMN_PREFIX = "kpi.";

/** A KPI column of a CSV file: its key and the KPI name (trimmed). */
interface KpiColumn {
  readonly key: string;
  readonly name: string;
}

/** KPI columns of each CSV header seen (by the header's shared column array). */
const columnCache = new WeakMap<readonly string[], readonly KpiColumn[]>();

function kpiColumnsOf(keys: readonly string[]): KpiColumn[] {
  return keys
    .filter((key) => key.startsWith(KPI_COLUMN_PREFIX) && key.slice(KPI_COLUMN_PREFIX.length).trim() !== "")
    .map((key) => ({ key, name: key.slice(KPI_COLUMN_PREFIX.length).trim() }));
}

/** The KPI columns of a CSV record. */
function csvKpiColumns(reader: FieldReader): readonly KpiColumn[] {
  const { columns, values } = reader.record;
  if (!columns) return kpiColumnsOf(Object.keys(values));
  let cached = columnCache.get(columns);
  if (!cached) {
    cached = kpiColumnsOf(columns);
    columnCache.set(columns, cached);
  }
  return cached;
}

/** The run's `kpis` object, or undefined (absent: `{}`; not an object: reported, `null`). */
function jsonKpis(reader: FieldReader): Readonly<Record<string, unknown>> | null {
  const raw = reader.raw("kpis");
  if (isAbsent(raw)) return {};
  if (typeof raw !== "object" || raw === null || Array.isArray(raw)) {
    reader.error({
      code: "bad_type",
      field: "kpis",
      expected: "an object mapping KPI names to numbers",
      found: describeFound(raw),
      message: "the KPI values are not an object",
    });
    return null;
  }
  return raw as Record<string, unknown>;
}

/**
 * Whether a run record gives its KPI values as `kpi.<name>` columns: always in CSV, and in a typed
 * record (Parquet) that has such columns and no `kpis` object.
 */
function kpiColumnsMode(reader: FieldReader): boolean {
  const { textual, values, columns } = reader.record;
  if (textual) return true;
  if (values.kpis !== undefined) return false;
  return (columns ?? Object.keys(values)).some((k) => k.startsWith(KPI_COLUMN_PREFIX));
}

/**
 * Largest KPI magnitude accepted (1e300): beyond it, sums and slopes of the trend tests overflow.
 *
 * @example MAX_KPI_MAGNITUDE // → 1e300
 */
export const MAX_KPI_MAGNITUDE = 1e300;

/** Parses one present KPI value; reports it and returns NaN when it is not a finite number. */
function kpiValue(reader: FieldReader, field: string, name: string, raw: unknown): number {
  let value = Number.NaN;
  if (typeof raw === "number" && Number.isFinite(raw)) value = raw;
  else if (typeof raw === "string" && reader.record.textual) value = plainDecimal(raw);
  if (!Number.isFinite(value)) {
    const parsed = parseNumber(raw, reader.record.textual);
    if (parsed.ok) value = parsed.value;
    else {
      reader.error({
        code: parsed.code,
        field,
        expected: parsed.expected,
        found: describeFound(raw),
        message: `the value of KPI ${name} is ${parsed.message}`,
      });
      return Number.NaN;
    }
  }
  if (Math.abs(value) <= MAX_KPI_MAGNITUDE) return value;
  reader.error({
    code: "out_of_range",
    field,
    expected: `a number between -${MAX_KPI_MAGNITUDE} and ${MAX_KPI_MAGNITUDE}`,
    found: describeFound(raw),
    message: `the value of KPI ${name} is too large to analyse`,
  });
  return Number.NaN;
}

/**
 * Reads the KPI values of a run record (absent values are not observed): name → value, the names
 * trimmed and in code-unit order. Problems are reported through the reader; `undefined` when any
 * value (or the `kpis` object itself) is invalid.
 */
export function readRunKpis(reader: FieldReader): Record<string, number> | undefined {
  const names: string[] = [];
  const numbers: number[] = [];
  let ok = true;
  if (kpiColumnsMode(reader)) {
    const values = reader.record.values;
    for (const column of csvKpiColumns(reader)) {
      const raw = values[column.key];
      if (isAbsent(raw)) continue;
      const value = kpiValue(reader, column.key, column.name, raw);
      if (Number.isNaN(value)) ok = false;
      names.push(column.name);
      numbers.push(value);
    }
  } else {
    const kpis = jsonKpis(reader);
    if (kpis === null) return undefined;
    for (const key of Object.keys(kpis)) {
      const raw = kpis[key];
      if (isAbsent(raw)) continue;
      const name = key.trim();
      const value = kpiValue(reader, `kpis.${key}`, name, raw);
      if (Number.isNaN(value)) ok = false;
      names.push(name);
      numbers.push(value);
    }
  }
  if (!ok) return undefined;
  let order = names.map((_, i) => i);
  for (let i = 1; i < names.length; i++) {
    if (names[i - 1]! > names[i]!) {
      // Stable, like sorting the entries: equal names keep their order (the last value wins).
      order = order.sort((a, b) => (names[a]! < names[b]! ? -1 : names[a]! > names[b]! ? 1 : 0));
      break;
    }
  }
  const out: Record<string, number> = {};
  for (const i of order) out[names[i]!] = numbers[i]!;
  return out;
}

/**
 * The field (as shown in issues) that gave KPI `name` in a valid run record: the last present cell
 * with that name, as `readRunKpis` kept its value.
 */
export function kpiFieldOf(reader: FieldReader, name: string): string {
  let field = "";
  if (kpiColumnsMode(reader)) {
    const values = reader.record.values;
    for (const column of csvKpiColumns(reader))
      if (column.name === name && !isAbsent(values[column.key])) field = column.key;
  } else {
    const kpis = jsonKpis(reader) ?? {};
    for (const key of Object.keys(kpis))
      if (key.trim() === name && !isAbsent(kpis[key])) field = `kpis.${key}`;
  }
  return reader.fieldName(field);
}
