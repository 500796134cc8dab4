/**
 * A starting mapping.yaml for a folder of real exports (`mission check <folder> --suggest-mapping`):
 * read every data file's header through DuckDB, guess which canonical table each file holds, and
 * propose a `columns` entry for every field whose canonical name is missing but a column is a near
 * miss of it; a required field nothing could be found for becomes a comment line.
 */
import { lstat, readdir, realpath } from "node:fs/promises";
import { join, sep } from "node:path";
import { CANONICAL_TABLES, REQUIRED_CANONICAL_TABLES, type CanonicalTable } from "./tables";
import type { Engine } from "./engine";
import { sqlIdent, sqlPath } from "./engine";
import { literalGlob, MAPPING_FILE, matchTableFiles } from "./mapping";
import { suggestColumn } from "./suggest-column";
import { TABLE_FIELDS } from "./table-fields";

/** How DuckDB reads a data file, by the end of its name (compression suffixes allowed for text). */
const READERS: readonly (readonly [RegExp, (path: string) => string])[] = [
  [/\.(csv|tsv)(\.gz|\.zst)?$/i, (p) => `read_csv(${sqlPath(p)}, all_varchar = true, header = true)`],
  [/\.(ndjson|jsonl)(\.gz|\.zst)?$/i, (p) => `read_json(${sqlPath(p)}, format = 'newline_delimited')`],
  [/\.json(\.gz|\.zst)?$/i, (p) => `read_json(${sqlPath(p)}, format = 'auto')`],
  [/\.parquet$/i, (p) => `read_parquet(${sqlPath(p)})`],
];

/**
 * The DuckDB FROM item that reads the file at `path` (by its name's ending), or undefined when
 * the name is not a data file's. CSV is read as text with a header line; glob characters in the
 * path are escaped (`sqlPath`).
 *
 * @example relationFor("runs.csv.gz") // → "read_csv('runs.csv.gz', all_varchar = true, header = true)"
 * @example relationFor("notes.md") // → undefined
 */
export function relationFor(path: string): string | undefined {
  return READERS.find(([pattern]) => pattern.test(path))?.[1](path);
}

/** The columns of one data file. */
export interface FileHeader {
  /** Name relative to the data folder. */
  readonly name: string;
  readonly columns: readonly string[];
}

/** A data file whose header could not be read. */
export interface UnreadFile {
  readonly name: string;
  readonly reason: string;
}

/** Data file names in `folder` and in its sub-folders one level down (`runs/2026-01.csv`). */
async function dataFileNames(folder: string): Promise<string[]> {
  const names: string[] = [];
  for (const entry of await readdir(folder, { withFileTypes: true })) {
    if (entry.name.startsWith(".")) continue;
    if (entry.isDirectory()) {
      const inner = await readdir(join(folder, entry.name)).catch(() => [] as string[]);
      for (const n of inner) if (!n.startsWith(".") && relationFor(n)) names.push(`${entry.name}/${n}`);
    } else if (relationFor(entry.name)) {
      names.push(entry.name);
    }
  }
  return names.sort();
}

/**
 * Reads the header of every data file in `folder` and in its sub-folders one level down (CSV,
 * TSV, NDJSON, JSON, Parquet, the text formats also `.gz`/`.zst`): the columns DuckDB binds for
 * `select * from read_csv(…, all_varchar = true, header = true) limit 0` (likewise read_json,
 * read_parquet), without reading the rows. Only regular files inside the folder are read: a
 * symbolic link whose target is elsewhere, a folder or a device named like a data file is listed
 * as unread, and so is an empty file. Names are relative to `folder`, `/`-separated, in code-unit
 * order.
 *
 * @example (await withEngine((e) => readHeaders("data/demo", e))).headers.map((h) => h.name)[0] // → "kpis.csv"
 */
export async function readHeaders(
  folder: string,
  engine: Engine,
): Promise<{ readonly headers: FileHeader[]; readonly unread: UnreadFile[] }> {
  const root = await realpath(folder);
  const names = await dataFileNames(folder);
  const headers: FileHeader[] = [];
  const unread: UnreadFile[] = [];
  for (const name of names) {
    const path = join(folder, name);
    const real = await realpath(path).catch(() => undefined);
    const info = real ? await lstat(real).catch(() => undefined) : undefined;
    if (!real || !info || !info.isFile() || !real.startsWith(root + sep)) {
      unread.push({ name, reason: "not a regular file inside the folder" });
      continue;
    }
    if (info.size === 0) {
      unread.push({ name, reason: "empty file" });
      continue;
    }
    try {
      const columns = await engine.describe(`select * from ${relationFor(path)!} limit 0`);
      headers.push({ name, columns: columns.map((c) => c.name) });
    } catch (e) {
      unread.push({ name, reason: String((e as Error).message ?? e).split("\n")[0]! });
    }
  }
  return { headers, unread };
}

/** What was proposed for one table. */
export interface TableSuggestion {
  readonly table: CanonicalTable;
  /** Files taken to hold the table. */
  readonly files: readonly string[];
  /** The `files` glob(s) to write; undefined when the files have the table's canonical name. */
  readonly globs?: readonly string[];
  /** Canonical field → proposed source column. */
  readonly columns: ReadonlyMap<string, string>;
  /** Canonical field → the column it would be read from (by its own name or as proposed). */
  readonly sources: ReadonlyMap<string, string>;
  /** Required fields nothing was found for. */
  readonly unplaced: readonly string[];
  /** Per enum field whose values were sampled and are not all accepted: what to map. */
  readonly values: ReadonlyMap<string, ValueProposal>;
}

/** What the sampled values of one enum field's column call for. */
export interface ValueProposal {
  /** Source value → the accepted value it is a near miss of (`Completed` → `completed`). */
  readonly proposed: ReadonlyMap<string, string>;
  /** Source values that are no accepted value nor a near miss of one. */
  readonly unknown: readonly string[];
  /** True when the column has more distinct values than were sampled. */
  readonly more: boolean;
}

/**
 * Distinct trimmed, non-empty values of some columns, by file name then column: at most
 * {@link MAX_SAMPLED_VALUES} + 1 per column (one more than shown says "there are more").
 */
export type ValueSamples = ReadonlyMap<string, ReadonlyMap<string, readonly string[]>>;

/**
 * How many distinct values of an enum column `--suggest-mapping` looks at.
 *
 * @example MAX_SAMPLED_VALUES // → 20
 */
export const MAX_SAMPLED_VALUES = 20;

/** A proposed mapping: per table, and the text of mapping.yaml. */
export interface MappingSuggestion {
  readonly tables: readonly TableSuggestion[];
  /** Tables no file was found for. */
  readonly absent: readonly CanonicalTable[];
  /** Files that look like no table. */
  readonly unassigned: readonly string[];
  /** The mapping.yaml text (comments included); it parses with `parseMapping` without issues. */
  readonly text: string;
}

/** The table a file's name says it holds: its folder (`runs/2026-01.csv`), else its stem. */
const stemOf = (name: string): string =>
  name.includes("/") ? name.slice(0, name.indexOf("/")) : name.replace(/\..*$/s, "");

/** The fields of `table` that `columns` gives, exactly or as a near miss, with the proposals. */
function placeFields(
  table: CanonicalTable,
  columns: readonly string[],
): {
  columns: Map<string, string>;
  sources: Map<string, string>;
  unplaced: string[];
  placedRequired: number;
  placed: number;
} {
  const present = new Set(columns);
  const canonical = new Set(TABLE_FIELDS[table].map((f) => f.name));
  const used = new Set(columns.filter((c) => canonical.has(c)));
  const proposals = new Map<string, string>();
  const unplaced: string[] = [];
  let placedRequired = 0;
  let placed = 0;
  const ordered = [...TABLE_FIELDS[table]].sort((a, b) => Number(b.required) - Number(a.required));
  for (const field of ordered) {
    let ok = present.has(field.name);
    if (!ok) {
      const near = suggestColumn(
        field.name,
        columns.filter((c) => !used.has(c)),
      );
      if (near !== undefined) {
        proposals.set(field.name, near);
        used.add(near);
        ok = true;
      }
    }
    if (ok) {
      placed++;
      if (field.required) placedRequired++;
    } else if (field.required) unplaced.push(field.name);
  }
  // Proposals in the table's field order.
  const columnsOut = new Map(
    TABLE_FIELDS[table].filter((f) => proposals.has(f.name)).map((f) => [f.name, proposals.get(f.name)!]),
  );
  const sources = new Map(
    TABLE_FIELDS[table]
      .filter((f) => proposals.has(f.name) || present.has(f.name))
      .map((f) => [f.name, proposals.get(f.name) ?? f.name]),
  );
  return { columns: columnsOut, sources, unplaced, placedRequired, placed };
}

/** A glob naming exactly `files` among `all`: `prefix*suffix` when that works, else each name. */
function globsFor(files: readonly string[], all: readonly string[]): string[] {
  if (files.length === 1) return [literalGlob(files[0]!)];
  const first = files[0]!;
  let prefix = first;
  let suffix = first;
  for (const f of files) {
    while (!f.startsWith(prefix)) prefix = prefix.slice(0, -1);
    while (!f.endsWith(suffix)) suffix = suffix.slice(1);
  }
  const shortest = Math.min(...files.map((f) => f.length));
  if (prefix.length + suffix.length > shortest)
    suffix = suffix.slice(prefix.length + suffix.length - shortest);
  const glob = `${literalGlob(prefix)}*${literalGlob(suffix)}`;
  const matched = matchTableFiles([glob], all);
  const same = matched.length === files.length && files.every((f) => matched.includes(f));
  return same && (prefix !== "" || suffix !== "") ? [glob] : files.map(literalGlob);
}

/** A YAML double-quoted scalar: JSON's escapes plus `\uXXXX` for what YAML does not print. */
function quoted(text: string): string {
  return JSON.stringify(text).replace(
    /[\u007f-\u009f\u2028\u2029\ufeff\ufffe\uffff]/gu,
    (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`,
  );
}

/** A canonical field name as a YAML key: plain when it is snake_case (with dots), else quoted. */
function plainKey(name: string): string {
  return /^[a-z][a-z0-9_.]*$/u.test(name) ? name : quoted(name);
}

/** Text for a comment: on one line, quoted when it holds anything but plain characters. */
function commentText(text: string): string {
  return /^[\w .,:;()[\]/+-]*$/u.test(text) ? text : quoted(text);
}

/**
 * Proposes a mapping for the files `headers` (all of a folder's data files, named relative to it):
 * each file goes to its table by name (`runs.csv`, `runs/2026-01.csv` → runs) or, failing that, to the table of which
 * its columns give the largest share of required fields (at least half, and at least two fields),
 * the larger number of fields breaking ties; then, for each table, every missing canonical field
 * that a column is a near miss of (`suggestColumn`, required fields first, one column per field)
 * becomes a `columns` entry, and a required field left without a column a comment. Several files
 * of one table are planned from the first (by name); a file whose columns differ is commented.
 * With `samples` (see {@link readValueSamples}, for the columns {@link enumSources} names), each
 * enum field's values that it does not accept become `values` entries when they are a near miss
 * of an accepted value (`Completed: completed`) and a comment otherwise (`Done`).
 *
 * @example suggestMapping([{ name: "runs.csv", columns: ["Run ID", "mission_id"] }]).tables[0]?.columns.get("run_id") // → "Run ID"
 */
export function suggestMapping(headers: readonly FileHeader[], samples?: ValueSamples): MappingSuggestion {
  const all = headers.map((h) => h.name);
  const byTable = new Map<CanonicalTable, FileHeader[]>();
  const unassigned: string[] = [];
  const push = (t: CanonicalTable, h: FileHeader) => byTable.set(t, [...(byTable.get(t) ?? []), h]);
  for (const h of headers) {
    const stem = stemOf(h.name) as CanonicalTable;
    if ((CANONICAL_TABLES as readonly string[]).includes(stem)) {
      push(stem, h);
      continue;
    }
    let best: { table: CanonicalTable; share: number; placed: number } | undefined;
    for (const table of CANONICAL_TABLES) {
      const p = placeFields(table, h.columns);
      const required = TABLE_FIELDS[table].filter((f) => f.required).length;
      const share = p.placedRequired / required;
      if (share < 0.5 || p.placed < 2) continue;
      if (!best || share > best.share || (share === best.share && p.placed > best.placed))
        best = { table, share, placed: p.placed };
    }
    if (best) push(best.table, h);
    else unassigned.push(h.name);
  }

  const tables: TableSuggestion[] = [];
  const absent: CanonicalTable[] = [];
  for (const table of CANONICAL_TABLES) {
    const files = byTable.get(table);
    if (!files) {
      absent.push(table);
      continue;
    }
    const names = files.map((f) => f.name);
    const canonicalNames = names.every((n) => stemOf(n) === table);
    const p = placeFields(table, files[0]!.columns);
    const values = new Map<string, ValueProposal>();
    for (const field of TABLE_FIELDS[table]) {
      const column = p.sources.get(field.name);
      const sampled = column === undefined ? undefined : samples?.get(names[0]!)?.get(column);
      if (!field.values || !sampled) continue;
      const accepted = field.values;
      const shown = sampled.slice(0, MAX_SAMPLED_VALUES);
      const proposed = new Map<string, string>();
      const unknown: string[] = [];
      for (const v of shown) {
        if (accepted.includes(v)) continue;
        const near = suggestColumn(v, accepted);
        if (near !== undefined) proposed.set(v, near);
        else unknown.push(v);
      }
      const more = sampled.length > MAX_SAMPLED_VALUES;
      if (proposed.size > 0 || unknown.length > 0 || more)
        values.set(field.name, { proposed, unknown, more });
    }
    tables.push({
      table,
      files: names,
      ...(canonicalNames ? {} : { globs: globsFor(names, all) }),
      columns: p.columns,
      sources: p.sources,
      unplaced: p.unplaced,
      values,
    });
  }

  const lines = [
    `# ${MAPPING_FILE}: a starting point written by \`mission check --suggest-mapping\`. Check every line.`,
    "# columns: canonical field (data/README.md) → the column of your files it comes from.",
    "# values:  canonical field → { your value: canonical value }, e.g. status: { Done: completed }.",
  ];
  const body: string[] = [];
  for (const t of tables) {
    const fieldMeaning = (name: string) => TABLE_FIELDS[t.table].find((f) => f.name === name)?.meaning ?? "";
    const entries: string[] = [];
    if (t.globs) {
      entries.push(
        t.globs.length === 1 ? `    files: ${quoted(t.globs[0]!)}` : `    files:`,
        ...(t.globs.length === 1 ? [] : t.globs.map((g) => `      - ${quoted(g)}`)),
      );
    }
    const comments = t.unplaced.map(
      (f) => `      # ${f}: no column found (required: ${commentText(fieldMeaning(f))})`,
    );
    if (t.columns.size > 0) {
      entries.push("    columns:");
      for (const [field, column] of t.columns) entries.push(`      ${plainKey(field)}: ${quoted(column)}`);
      entries.push(...comments);
    } else if (comments.length > 0) {
      entries.push("    columns: {}", ...comments);
    }
    if (t.values.size > 0) {
      entries.push("    values:");
      for (const [field, v] of t.values) {
        const accepted = TABLE_FIELDS[t.table].find((f) => f.name === field)?.values ?? [];
        entries.push(v.proposed.size > 0 ? `      ${plainKey(field)}:` : `      ${plainKey(field)}: {}`);
        for (const [from, to] of v.proposed) entries.push(`        ${quoted(from)}: ${quoted(to)}`);
        if (v.unknown.length > 0)
          entries.push(`        # ${v.unknown.map(quoted).join(", ")}: map to one of ${accepted.join(", ")}`);
        if (v.more)
          entries.push(
            `        # more than ${MAX_SAMPLED_VALUES} distinct values in ${quoted(t.sources.get(field) ?? field)}: is it the right column?`,
          );
      }
    }
    const first = new Set(byTable.get(t.table)![0]!.columns);
    for (const other of byTable.get(t.table)!.slice(1)) {
      if (other.columns.length !== first.size || other.columns.some((c) => !first.has(c)))
        entries.push(`    # ${commentText(other.name)} has other columns than ${commentText(t.files[0]!)}`);
    }
    if (entries.length === 0) continue;
    body.push(`  # ${t.files.map(commentText).join(", ")}`, `  ${t.table}:`, ...entries);
  }
  lines.push(body.length > 0 ? "tables:" : "tables: {}", ...body);
  for (const table of absent) {
    const required = REQUIRED_CANONICAL_TABLES.includes(table);
    lines.push(`# ${table}: no file found${required ? " (a required table)" : ""}`);
  }
  for (const name of unassigned) lines.push(`# ${commentText(name)}: its columns match no table`);
  return { tables, absent, unassigned, text: `${lines.join("\n")}\n` };
}

/**
 * The columns whose values {@link suggestMapping} can propose value maps for: for each table of
 * `suggestion`, the source column of each enum field, in the table's first file.
 *
 * @example enumSources(suggestMapping([{ name: "runs.csv", columns: ["State"] }])) // → [{ file: "runs.csv", column: "State" }]
 */
export function enumSources(suggestion: MappingSuggestion): { file: string; column: string }[] {
  const out: { file: string; column: string }[] = [];
  for (const t of suggestion.tables) {
    for (const field of TABLE_FIELDS[t.table]) {
      const column = t.sources.get(field.name);
      if (field.values && column !== undefined) out.push({ file: t.files[0]!, column });
    }
  }
  return out;
}

/**
 * Reads, for each `{ file, column }` (file relative to `folder`), up to
 * {@link MAX_SAMPLED_VALUES} + 1 distinct trimmed non-empty values of the column, in code-point
 * order, with DuckDB (one pass over the file per column). A column that cannot be read is listed
 * in `unread` with DuckDB's first line of explanation.
 *
 * @example await readValueSamples("exports", engine, [{ file: "runs.csv", column: "State" }]) // → { samples: Map { "runs.csv" → Map { "State" → ["Done", "Failed"] } }, unread: [] }
 */
export async function readValueSamples(
  folder: string,
  engine: Engine,
  requests: readonly { readonly file: string; readonly column: string }[],
): Promise<{ readonly samples: ValueSamples; readonly unread: UnreadFile[] }> {
  const samples = new Map<string, Map<string, string[]>>();
  const unread: UnreadFile[] = [];
  for (const { file, column } of requests) {
    const relation = relationFor(join(folder, file));
    if (relation === undefined) continue;
    const value = `trim(cast(${sqlIdent(column)} as varchar))`;
    const sql =
      `select distinct ${value} as v from ${relation} where ${value} <> '' ` +
      `order by v collate "binary" limit ${MAX_SAMPLED_VALUES + 1}`;
    try {
      const rows = await engine.rows(sql);
      const byColumn = samples.get(file) ?? new Map<string, string[]>();
      byColumn.set(
        column,
        rows.map((r) => String(r.v)),
      );
      samples.set(file, byColumn);
    } catch (e) {
      unread.push({ name: `${file} (${column})`, reason: String((e as Error).message ?? e).split("\n")[0]! });
    }
  }
  return { samples, unread };
}
