/**
 * The rows of a task-execution file that the fast path could not accept, read back by their row
 * number as records — located like any other table's, value maps applied — for the JavaScript
 * validator, the one place a field's rule and message are written.
 */
import type { FieldAliases } from "../validate/field-reader";
import { FieldReader } from "../validate/field-reader";
import type { TableFile } from "./dataset-layout";
import type { ScanContext } from "./scan-context";
import { csvHeader, isObject } from "./table-relations";
import type { FieldSource } from "./task-executions";

/** The on-disk name of a canonical field. */
const onDisk = (aliases: FieldAliases, field: string): string => aliases[field] ?? field;

/**
 * Re-reads the rows `wanted` (1-based row numbers within the file, as DuckDB numbered them) of one
 * task-execution file as records, located like any other table's, for the JavaScript validator.
 */
export async function readRawRows(
  ctx: ScanContext,
  file: TableFile,
  source: FieldSource,
  aliases: FieldAliases,
  wanted: ReadonlySet<number>,
  each: (reader: FieldReader) => void,
): Promise<void> {
  const list = [...wanted].sort((a, b) => a - b).join(",");
  const aliasesUsed = source.aliases;
  const mapped = (values: Record<string, unknown>): Record<string, unknown> => {
    if (source.values.size === 0) return values;
    const out = { ...values };
    for (const [field, map] of source.values) {
      const column = onDisk(aliasesUsed, field);
      const v = out[column];
      if (v === null || v === undefined) continue;
      const to = map.get(String(v).trim());
      if (to !== undefined) out[column] = to;
    }
    return out;
  };
  if (file.format === "csv") {
    const header = (await csvHeader(ctx.engine, file))!;
    const names = header.cells.map((c) => c.trim());
    const sql = `select * from (select row_number() over () as rn, * from ${source.from}) where rn in (${list}) order by rn`;
    const columns = names.filter((n) => n !== "");
    await ctx.engine.stream(sql, (chunk) => {
      for (let r = 0; r < chunk.rowCount; r++) {
        const rn = chunk.value(0, r) as number;
        const values: Record<string, string> = {};
        names.forEach((name, i) => {
          if (name !== "" && name !== "__proto__" && !(name in values))
            values[name] = (chunk.value(i + 1, r) as string | null) ?? "";
        });
        each(
          new FieldReader(
            {
              values: mapped(values),
              location: { file: file.path, line: header.line + rn },
              textual: true,
              columns,
            },
            ctx.sink,
            aliasesUsed,
          ),
        );
      }
    });
    return;
  }
  if (file.format === "parquet") {
    const sql = `select * from (select row_number() over () as rn, * from ${source.from}) where rn in (${list}) order by rn`;
    await ctx.engine.stream(sql, (chunk, columns) => {
      for (let r = 0; r < chunk.rowCount; r++) {
        const rn = chunk.value(0, r) as number;
        const values: Record<string, unknown> = {};
        for (let c = 1; c < columns.length; c++)
          if (columns[c] !== "__proto__") values[columns[c]!] = chunk.value(c, r);
        each(
          new FieldReader(
            { values: mapped(values), location: { file: file.path, row: rn }, textual: false },
            ctx.sink,
            aliasesUsed,
          ),
        );
      }
    });
    return;
  }
  // JSON: rows are numbered among the parsed elements (malformed NDJSON lines excluded).
  const ndjson = file.format === "ndjson";
  const sql = `select * from (select row_number() over () as rn, json from ${source.from}) where rn in (${list}) order by rn`;
  await ctx.engine.stream(sql, (chunk) => {
    for (let r = 0; r < chunk.rowCount; r++) {
      const rn = chunk.value(0, r) as number;
      const text = chunk.value(1, r) as string | null;
      const location = ndjson ? { file: file.path, line: rn } : { file: file.path, row: rn };
      if (text === null) {
        ctx.sink({
          severity: "error",
          code: "malformed_ndjson",
          ...location,
          expected: "one JSON object per line",
          found: "a line that is not JSON",
          message: "malformed JSON",
        });
        continue;
      }
      const value = JSON.parse(text) as unknown;
      if (!isObject(ctx, value, location, ndjson)) continue;
      each(new FieldReader({ values: mapped(value), location, textual: false }, ctx.sink, aliasesUsed));
    }
  });
}
