/**
 * Column and value mapping for real exports: a `mapping.yaml` in the data folder says which files
 * hold a canonical table, which source column gives each canonical field, and which source values
 * stand for which canonical values.
 *
 * ```yaml
 * tables:
 *   runs:
 *     files: "Run export*.csv"       # a glob or a list of globs, relative to the folder
 *     columns: { run_id: "Run ID", mission_id: "Mission", "kpi.csat": "CSAT score" }
 *     values: { status: { Done: completed, Failed: failed } }
 * ```
 *
 * Stages: {@link loadMapping} reads and validates the file (the only I/O here), {@link planTable}
 * decides for one table file which source column gives which field, {@link projectSql} turns that
 * plan into the DuckDB SELECT that renames the columns and maps the values, {@link matchTableFiles}
 * picks the files a table's globs name.
 */
import { lstat, readFile } from "node:fs/promises";
import { join } from "node:path";
import { minimatch } from "minimatch";
import { isAlias, isMap, isScalar, isSeq, LineCounter, parseDocument, type Document, type Node } from "yaml";
import { z } from "zod";
import { describeFound } from "../io/describe-found";
import { CANONICAL_TABLES, type CanonicalTable } from "./tables";
import type { RecordLocation } from "../io/source-record";
import type { DataIssue } from "../model/issues";
import { badKpiColumnIssue, missingColumnIssue } from "../validate/header-check";
import { sqlIdent, sqlString } from "./engine";
import { shownName, suggestColumn } from "./suggest-column";
import { isKpiField, KPI_FIELD_PREFIX, TABLE_FIELDS, tableField } from "./table-fields";

/**
 * Name of the mapping file in a data folder.
 *
 * @example MAPPING_FILE // → "mapping.yaml"
 */
export const MAPPING_FILE = "mapping.yaml";

/** Largest mapping.yaml read, in bytes (a mapping is a few lines; anything bigger is a mistake). */
const MAX_MAPPING_BYTES = 1024 * 1024;

/** One table's part of mapping.yaml, with the line of every entry (for issues). */
export interface TableMapping {
  readonly table: CanonicalTable;
  /** 1-based line of the table's key in mapping.yaml. */
  readonly line: number;
  /** Globs naming the table's files, relative to the data folder; undefined = the default names. */
  readonly files?: readonly string[];
  /** Canonical field → source column, in the order written. */
  readonly columns: ReadonlyMap<string, string>;
  /** Canonical field → 1-based line of its `columns` entry. */
  readonly columnLines: ReadonlyMap<string, number>;
  /** Canonical field → (trimmed source value → canonical value), in the order written. */
  readonly values: ReadonlyMap<string, ReadonlyMap<string, string>>;
  /** Canonical field → 1-based line of its `values` entry. */
  readonly valueLines: ReadonlyMap<string, number>;
}

/** A validated mapping.yaml. */
export interface DatasetMapping {
  /** Path of mapping.yaml as read (issues name it). */
  readonly file: string;
  /** The tables it maps; a table not listed is read by its canonical names. */
  readonly tables: Readonly<Partial<Record<CanonicalTable, TableMapping>>>;
}

/** What {@link loadMapping} and {@link parseMapping} found. */
export interface LoadedMapping {
  /** The mapping, or undefined when it has fatal problems (then `issues` lists all of them). */
  readonly mapping: DatasetMapping | undefined;
  /** Every problem found, fatal ones first-to-last in file order. */
  readonly issues: readonly DataIssue[];
}

const GLOB_EXPECTED = "a glob relative to the data folder (no absolute path, no ..), or a list of them";

/** A glob that stays inside the data folder. */
const Glob = z
  .string({ error: GLOB_EXPECTED })
  .min(1, { error: GLOB_EXPECTED })
  .refine((g) => !g.startsWith("/") && !/^[A-Za-z]:/.test(g) && !g.split(/[\\/]/).includes(".."), {
    error: GLOB_EXPECTED,
  });

const TableSchema = z.strictObject(
  {
    files: z
      .union([Glob, z.array(Glob).min(1, { error: GLOB_EXPECTED })], { error: GLOB_EXPECTED })
      .optional(),
    columns: z
      .record(z.string(), z.string().min(1, { error: "a source column name" }), {
        error: "a map of canonical field: source column",
      })
      .optional(),
    values: z
      .record(
        z.string(),
        z.record(z.string(), z.string().min(1, { error: "a canonical value" }), {
          error: "a map of source value: canonical value",
        }),
        { error: "a map of canonical field: { source value: canonical value }" },
      )
      .optional(),
  },
  { error: "a map with files, columns and values" },
);

const MappingSchema = z.strictObject(
  {
    tables: z.strictObject(
      Object.fromEntries(CANONICAL_TABLES.map((t) => [t, TableSchema.optional()])) as Record<
        CanonicalTable,
        z.ZodOptional<typeof TableSchema>
      >,
      { error: "a map of canonical table: its mapping" },
    ),
  },
  { error: "a map with the key tables" },
);

/** The node an alias (`*name`) stands for; any other node as it is. */
function resolved(node: unknown, doc: Document): unknown {
  return isAlias(node) ? node.resolve(doc) : node;
}

/** The text of a scalar node (aliases resolved); "" for anything else. */
function textOf(node: unknown, doc: Document): string {
  const n = resolved(node, doc);
  return isScalar(n) ? String(n.value) : "";
}

/** Key text and line of every pair of a YAML map node (aliases resolved, non-scalar keys skipped). */
function pairsOf(
  node: unknown,
  counter: LineCounter,
  doc: Document,
): { key: string; line: number; value: unknown }[] {
  node = resolved(node, doc);
  if (!isMap(node)) return [];
  const out: { key: string; line: number; value: unknown }[] = [];
  for (const pair of node.items) {
    if (!isScalar(pair.key)) continue;
    const line = pair.key.range ? counter.linePos(pair.key.range[0]).line : 0;
    out.push({ key: String(pair.key.value), line, value: resolved(pair.value, doc) });
  }
  return out;
}

/** Line of the node at `path`, or of its nearest ancestor that has one. */
function lineAt(doc: Document, counter: LineCounter, path: readonly PropertyKey[]): number {
  for (let n = path.length; n >= 0; n--) {
    const node = (n === 0 ? doc.contents : doc.getIn(path.slice(0, n) as unknown[], true)) as
      Node | undefined;
    if (node && typeof node === "object" && "range" in node && node.range)
      return counter.linePos(node.range[0]).line;
  }
  return 1;
}

/** Keys allowed at a path of the schema, for "did you mean" on an unknown key. */
function allowedKeys(path: readonly PropertyKey[]): readonly string[] {
  if (path.length === 0) return ["tables"];
  if (path.length === 1) return CANONICAL_TABLES;
  return ["files", "columns", "values"];
}

function fieldPath(path: readonly PropertyKey[]): string {
  return path.map(String).join(".");
}

/** Turns the validated YAML tree into {@link TableMapping}s (reading lines from the nodes). */
function buildTables(
  doc: Document,
  counter: LineCounter,
  file: string,
  issues: DataIssue[],
): Partial<Record<CanonicalTable, TableMapping>> {
  const tables: Partial<Record<CanonicalTable, TableMapping>> = {};
  const tablesNode = pairsOf(doc.contents, counter, doc).find((p) => p.key === "tables")?.value;
  for (const t of pairsOf(tablesNode, counter, doc)) {
    const table = t.key as CanonicalTable;
    const parts = pairsOf(t.value, counter, doc);
    const columns = new Map<string, string>();
    const columnLines = new Map<string, number>();
    const values = new Map<string, Map<string, string>>();
    const valueLines = new Map<string, number>();
    let files: string[] | undefined;
    for (const part of parts) {
      if (part.key === "files") {
        if (isScalar(part.value)) files = [String(part.value.value)];
        else if (isSeq(part.value)) files = part.value.items.map((i) => textOf(i, doc));
      } else if (part.key === "columns") {
        for (const c of pairsOf(part.value, counter, doc)) {
          columns.set(c.key, textOf(c.value, doc));
          columnLines.set(c.key, c.line);
        }
      } else if (part.key === "values") {
        for (const f of pairsOf(part.value, counter, doc)) {
          const map = new Map<string, string>();
          for (const v of pairsOf(f.value, counter, doc)) {
            const source = v.key.trim();
            if (map.has(source)) {
              issues.push({
                severity: "error",
                code: "duplicate_mapping",
                file,
                line: v.line,
                field: `tables.${table}.values.${f.key}`,
                expected: "each source value once (values are compared trimmed)",
                found: describeFound(v.key),
                message: `the source value ${describeFound(source)} of ${f.key} is mapped twice`,
              });
              continue;
            }
            map.set(source, textOf(v.value, doc));
          }
          values.set(f.key, map);
          valueLines.set(f.key, f.line);
        }
      }
    }
    tables[table] = {
      table,
      line: t.line,
      ...(files ? { files } : {}),
      columns,
      columnLines,
      values,
      valueLines,
    };
  }
  return tables;
}

/**
 * Parses and validates the text of a mapping.yaml. Every scalar is read as text (YAML's failsafe
 * schema: `01`, `yes` and `1.0` stay as written). Problems, each with the file, the 1-based line,
 * the key path as `field`, what was expected and what was found: YAML syntax (`bad_mapping`), a key
 * given twice in one map (`duplicate_mapping`), an unknown key (`unknown_mapping_key`, with a
 * near-miss suggestion among the allowed keys), a value of the wrong shape (`bad_mapping`). An
 * empty file is an empty mapping. Never throws.
 *
 * @example parseMapping("tables:\n  runs:\n    columns: { run_id: Run ID }\n", "mapping.yaml").mapping?.tables.runs?.columns.get("run_id") // → "Run ID"
 * @example parseMapping("tables:\n  run:\n    columns: {}\n", "mapping.yaml").issues[0]?.message // → "unknown key run in tables; did you mean runs?"
 */
export function parseMapping(text: string, file: string): LoadedMapping {
  const counter = new LineCounter();
  const doc = parseDocument(text, {
    schema: "failsafe",
    lineCounter: counter,
    prettyErrors: false,
    uniqueKeys: true,
  });
  const issues: DataIssue[] = [];
  if (doc.errors.length > 0) {
    for (const e of doc.errors) {
      const line = counter.linePos(e.pos[0]).line;
      if (e.code === "DUPLICATE_KEY") {
        const key =
          text
            .slice(e.pos[0])
            .match(/^("(?:[^"\\]|\\.)*"|'(?:[^']|'')*'|[^:,{}\n]*)/)?.[0]
            ?.trim() ?? "";
        issues.push({
          severity: "error",
          code: "duplicate_mapping",
          file,
          line,
          field: shownName(key),
          expected: "each key once in its map (a canonical field is mapped once)",
          found: `${describeFound(key)} again`,
          message: `${shownName(key)} is given twice in the same map`,
        });
      } else {
        issues.push({
          severity: "error",
          code: "bad_mapping",
          file,
          line,
          expected: "valid YAML",
          found: describeFound(e.message.split("\n")[0] ?? e.message),
          message: "mapping.yaml is not valid YAML",
        });
      }
    }
    return { mapping: undefined, issues };
  }
  if (doc.contents === null) return { mapping: { file, tables: {} }, issues };
  let tree: unknown;
  try {
    tree = doc.toJS(); // refuses alias bombs (more than 100 alias expansions)
  } catch (e) {
    const message = e instanceof Error ? e.message : String(e);
    issues.push({
      severity: "error",
      code: "bad_mapping",
      file,
      line: 1,
      expected: "YAML a mapping can be read from",
      found: describeFound(message),
      message: "mapping.yaml cannot be read",
    });
    return { mapping: undefined, issues };
  }
  const parsed = MappingSchema.safeParse(tree);
  if (!parsed.success) {
    // A missing key that an unknown key is a near miss of is said once, by the unknown key.
    const suggested = new Set<string>();
    for (const i of parsed.error.issues) {
      if (i.code !== "unrecognized_keys") continue;
      for (const key of i.keys) {
        const near = suggestColumn(key, allowedKeys(i.path));
        if (near) suggested.add(fieldPath([...i.path, near]));
      }
    }
    for (const i of parsed.error.issues) {
      if (suggested.has(fieldPath(i.path)) && doc.getIn(i.path as unknown[], true) === undefined) continue;
      if (i.code === "unrecognized_keys") {
        const parent =
          doc.getIn(i.path as unknown[], true) ?? (i.path.length === 0 ? doc.contents : undefined);
        const where = i.path.length === 0 ? "mapping.yaml" : fieldPath(i.path);
        for (const key of i.keys) {
          const pair = pairsOf(parent, counter, doc).find((p) => p.key === key);
          const near = suggestColumn(key, allowedKeys(i.path));
          issues.push({
            severity: "error",
            code: "unknown_mapping_key",
            file,
            line: pair?.line ?? lineAt(doc, counter, i.path),
            field: [...i.path.map(String), key].join("."),
            expected: `one of ${allowedKeys(i.path).join(", ")}`,
            found: describeFound(key),
            message: `unknown key ${shownName(key)} in ${where}` + (near ? `; did you mean ${near}?` : ""),
          });
        }
        continue;
      }
      const value = i.path.length === 0 ? tree : doc.getIn(i.path as unknown[]);
      issues.push({
        severity: "error",
        code: "bad_mapping",
        file,
        line: lineAt(doc, counter, i.path),
        ...(i.path.length > 0 ? { field: fieldPath(i.path) } : {}),
        expected: i.message,
        found: describeFound(isMap(value) || isSeq(value) ? "a nested map or list" : (value ?? undefined)),
        message: `${fieldPath(i.path) || "mapping.yaml"} is not ${i.message}`,
      });
    }
    return { mapping: undefined, issues };
  }
  const tables = buildTables(doc, counter, file, issues);
  return { mapping: issues.length > 0 ? undefined : { file, tables }, issues };
}

/**
 * Reads `<folder>/mapping.yaml` (the I/O edge of the mapping): undefined when there is none,
 * otherwise what {@link parseMapping} makes of it. A mapping.yaml that is not a regular file, is
 * larger than 1 MiB or is not UTF-8 is one `bad_mapping` issue. Never throws for a bad file.
 *
 * @example await loadMapping("data/demo") // → undefined (the demo uses the canonical names)
 */
export async function loadMapping(folder: string): Promise<LoadedMapping | undefined> {
  const file = join(folder, MAPPING_FILE);
  const info = await lstat(file).catch((e: { code?: string }) => (e.code === "ENOENT" ? undefined : e));
  if (info === undefined) return undefined;
  const fail = (expected: string, found: string, message: string): LoadedMapping => ({
    mapping: undefined,
    issues: [{ severity: "error", code: "bad_mapping", file, line: 1, expected, found, message }],
  });
  if (!("isFile" in info))
    return fail("a readable file", info.code ?? "an error", "mapping.yaml cannot be read");
  if (!info.isFile()) return fail("a regular file", "something else", "mapping.yaml is not a regular file");
  if (info.size > MAX_MAPPING_BYTES)
    return fail("at most 1 MiB", `${info.size} bytes`, "mapping.yaml is too large for a mapping");
  let bytes: Buffer;
  try {
    bytes = await readFile(file);
  } catch (e) {
    return fail(
      "a readable file",
      (e as { code?: string }).code ?? "an error",
      "mapping.yaml cannot be read",
    );
  }
  let text: string;
  try {
    text = new TextDecoder("utf-8", { fatal: true }).decode(bytes);
  } catch {
    return fail("UTF-8 text", "invalid UTF-8", "mapping.yaml is not UTF-8 text");
  }
  return parseMapping(text.replace(/^\uFEFF/, ""), file);
}

/**
 * Which of `paths` (relative to the data folder, `/`-separated) a table's globs name, in the
 * order given; `*` does not cross a `/`, a leading dot must be matched explicitly.
 *
 * @example matchTableFiles(["Run export*.csv"], ["Run export 1.csv", "runs.csv", "Run export 2.csv"]) // → ["Run export 1.csv", "Run export 2.csv"]
 */
export function matchTableFiles(globs: readonly string[], paths: readonly string[]): string[] {
  return paths.filter((p) => globs.some((g) => minimatch(p, g, { nocomment: true, nonegate: true })));
}

/**
 * A file name as a glob that matches only itself (glob characters escaped).
 *
 * @example literalGlob("runs [2026].csv") // → "runs \\[2026\\].csv"
 */
export function literalGlob(name: string): string {
  return minimatch.escape(name);
}

/** Where one canonical field of a table comes from. */
export interface PlannedField {
  /** Canonical name (`kpi.<name>` for a runs KPI). */
  readonly field: string;
  /** Source column it is read from. */
  readonly column: string;
  /** True when mapping.yaml named the column, false when it has the canonical name. */
  readonly mapped: boolean;
  /** Trimmed source value → canonical value, when mapping.yaml maps this field's values. */
  readonly values?: ReadonlyMap<string, string>;
}

/** How one table file's columns become the canonical table. */
export interface TablePlan {
  readonly table: CanonicalTable;
  /** Fields read, in data/README.md's order, then the KPI columns in the file's order. */
  readonly fields: readonly PlannedField[];
  /** Required fields that no column gives (each also a `missing_column` issue, unless the mapping's own issue already says why). */
  readonly missing: readonly string[];
  /** Source columns that feed no field (left out of the projection). */
  readonly ignored: readonly string[];
  /** Canonical field → source column, for every field read (the `FieldAliases` shape). */
  readonly aliases: Readonly<Record<string, string>>;
  /** Problems: of the mapping (located in mapping.yaml) and of the header (located at `source`). */
  readonly issues: readonly DataIssue[];
}

/**
 * Decides, for one table file with the columns `found`, which source column gives each canonical
 * field: the column mapping.yaml names for it first, else the column with the canonical name. In
 * runs, every `kpi.<name>` column and a `kpis` object column are kept as they are, and a mapping
 * may name KPI fields (`"kpi.csat": "CSAT score"`). Issues (the input is not changed):
 *
 * - `mapping_unknown_column` (mapping.yaml line): the mapped source column is not in `found`,
 *   with the near miss among `found` when there is one;
 * - `mapping_unknown_field` (mapping.yaml line): `columns` or `values` names a field the table
 *   does not have, with the near miss among its fields;
 * - `mapping_bad_value` (mapping.yaml line): a value map to a value an enum field does not accept;
 * - `shadowed_column` (warning): a mapped field whose canonical name is also a column of the file
 *   (that column is not read: the field would otherwise come from two columns);
 * - `missing_column` (at `source`, the file's header): a required field no column gives, with the
 *   near miss among the unused columns — not repeated for a field a mapping issue already explains
 *   (its mapped column is missing, or an unknown field in `columns` is a near miss of it);
 *   `bad_column`: a `kpi.` column without a KPI name.
 *
 * @param source where the header is (file and line), for the `missing_column` issues
 * @example planTable("runs", ["Run ID", "mission_id"], parseMapping("tables:\n  runs:\n    columns: { run_id: Run ID }\n", "mapping.yaml").mapping).aliases.run_id // → "Run ID"
 */
export function planTable(
  table: CanonicalTable,
  found: readonly string[],
  mapping?: DatasetMapping,
  source: RecordLocation = { file: table },
): TablePlan {
  const own = mapping?.tables[table];
  const file = mapping?.file ?? MAPPING_FILE;
  const present = new Set(found);
  const issues: DataIssue[] = [];
  /** Fields whose mapped column is missing: not read by their canonical name either. */
  const failed = new Set<string>();
  /** Fields an issue of the mapping already explains (no `missing_column` for them). */
  const explained = new Set<string>();
  const chosen = new Map<string, PlannedField>();
  const explicit = new Map<string, string>();

  for (const [field, column] of own?.columns ?? []) {
    const line = own?.columnLines.get(field) ?? own?.line ?? 1;
    if (!tableField(table, field)) {
      const near = suggestColumn(
        field,
        TABLE_FIELDS[table].map((f) => f.name),
      );
      issues.push({
        severity: "error",
        code: "mapping_unknown_field",
        file,
        line,
        field: `tables.${table}.columns.${field}`,
        expected: `a field of ${table}: ${TABLE_FIELDS[table].map((f) => f.name).join(", ")}${table === "runs" ? " or kpi.<name>" : ""}`,
        found: describeFound(field),
        message: `${table} has no field ${shownName(field)}` + (near ? `; did you mean ${near}?` : ""),
      });
      if (near) explained.add(near);
      continue;
    }
    if (!present.has(column)) {
      failed.add(field);
      explained.add(field);
      const near = suggestColumn(column, found);
      issues.push({
        severity: "error",
        code: "mapping_unknown_column",
        file,
        line,
        field: `tables.${table}.columns.${field}`,
        expected: `a column of ${source.file}`,
        found: `${describeFound(column)}; columns ${describeFound(found.join(","))}`,
        message:
          `${field} is mapped to the column \`${shownName(column)}\`, which ${source.file} does not have` +
          (near ? `; did you mean \`${shownName(near)}\`?` : ""),
      });
      continue;
    }
    explicit.set(field, column);
    if (present.has(field) && field !== column) {
      issues.push({
        severity: "warning",
        code: "shadowed_column",
        file,
        line,
        field: `tables.${table}.columns.${field}`,
        expected: `one column for ${field}`,
        found: `columns ${describeFound(column)} (mapped) and ${describeFound(field)}`,
        message: `${field} is read from the column \`${shownName(column)}\` as mapped; the column ${shownName(field)} of ${source.file} is not read`,
      });
    }
  }

  const valueMaps = new Map<string, ReadonlyMap<string, string>>();
  for (const [field, map] of own?.values ?? []) {
    const line = own?.valueLines.get(field) ?? own?.line ?? 1;
    const spec = tableField(table, field);
    if (!spec) {
      const near = suggestColumn(
        field,
        TABLE_FIELDS[table].map((f) => f.name),
      );
      issues.push({
        severity: "error",
        code: "mapping_unknown_field",
        file,
        line,
        field: `tables.${table}.values.${field}`,
        expected: `a field of ${table}`,
        found: describeFound(field),
        message: `${table} has no field ${shownName(field)}` + (near ? `; did you mean ${near}?` : ""),
      });
      continue;
    }
    const accepted = spec.values;
    if (accepted) {
      for (const [from, to] of map) {
        if (accepted.includes(to)) continue;
        const near = suggestColumn(to, accepted);
        issues.push({
          severity: "error",
          code: "mapping_bad_value",
          file,
          line,
          field: `tables.${table}.values.${field}`,
          expected: `one of ${accepted.join(", ")}`,
          found: describeFound(to),
          message:
            `the value ${describeFound(from)} of ${field} is mapped to ${describeFound(to)}, which ${field} does not accept` +
            (near ? `; did you mean ${near}?` : ""),
        });
      }
    }
    valueMaps.set(field, map);
  }

  const add = (field: string, column: string, mapped: boolean): void => {
    const values = valueMaps.get(field);
    chosen.set(field, { field, column, mapped, ...(values ? { values } : {}) });
  };
  for (const spec of TABLE_FIELDS[table]) {
    const column = explicit.get(spec.name);
    if (column !== undefined) add(spec.name, column, true);
    else if (!failed.has(spec.name) && present.has(spec.name)) add(spec.name, spec.name, false);
  }
  if (table === "runs") {
    for (const column of found) {
      if (column.startsWith(KPI_FIELD_PREFIX) && !isKpiField(column)) {
        issues.push(badKpiColumnIssue(column, source));
      } else if ((isKpiField(column) || column === "kpis") && !explicit.has(column) && !failed.has(column)) {
        add(column, column, false);
      }
    }
    for (const [field, column] of explicit) if (isKpiField(field)) add(field, column, true);
  }

  const used = new Set([...chosen.values()].map((p) => p.column));
  const missing: string[] = [];
  for (const spec of TABLE_FIELDS[table]) {
    if (!spec.required || chosen.has(spec.name)) continue;
    missing.push(spec.name);
    if (!explained.has(spec.name)) issues.push(missingColumnIssue(spec.name, found, source, used));
  }
  const fields = [...chosen.values()];
  return {
    table,
    fields,
    missing,
    ignored: found.filter((c) => !used.has(c)),
    aliases: Object.fromEntries(fields.map((p) => [p.field, p.column])),
    issues,
  };
}

/**
 * The DuckDB SELECT that reads `relationSql` (any FROM item: `read_csv('…', all_varchar = true)`,
 * a table name, a parenthesised subquery) as the canonical table of `plan`: each planned source
 * column renamed to its canonical name (both quoted with `sqlIdent`), in the plan's order; columns
 * the plan does not use are left out. A field with a value map becomes
 * `CASE trim(CAST(col AS VARCHAR)) WHEN 'source' THEN 'canonical' … ELSE col END`: the trimmed
 * text is compared, an unmapped value (and NULL) passes through unchanged, and the result keeps
 * the column's type (DuckDB casts the literals to it, so a BOOLEAN column may map to 'true').
 *
 * @throws RangeError when the plan reads no column at all (its issues then say why).
 * @example projectSql({ table: "missions", fields: [{ field: "mission_id", column: "ID", mapped: true }], missing: [], ignored: [], aliases: {}, issues: [] }, "src") // → 'select "ID" as "mission_id" from src'
 */
export function projectSql(plan: TablePlan, relationSql: string): string {
  if (plan.fields.length === 0) throw new RangeError(`the plan of ${plan.table} reads no column`);
  const items = plan.fields.map((p) => {
    const column = sqlIdent(p.column);
    if (!p.values || p.values.size === 0) return `${column} as ${sqlIdent(p.field)}`;
    const whens = [...p.values]
      .map(([from, to]) => `when ${sqlString(from)} then ${sqlString(to)}`)
      .join(" ");
    return `case trim(cast(${column} as varchar)) ${whens} else ${column} end as ${sqlIdent(p.field)}`;
  });
  return `select ${items.join(", ")} from ${relationSql}`;
}
