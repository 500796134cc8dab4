/**
 * What every source shares: finding a table's files (one file or a folder of files, JSONL / JSON /
 * CSV / Parquet), reading them into DuckDB with the place of every record (file and line or row),
 * checking required source fields in SQL with grouped problems, the config tables, the derived
 * task plan, and the SQL spelling of timestamps and durations in the canonical text formats.
 */
import { readdirSync, statSync } from "node:fs";
import { basename, extname, join, relative } from "node:path";
import type { DataIssue } from "../../model/issues";
import { sqlIdent, sqlString, type Engine } from "../engine";
import type { SourceConfig } from "./config";

/** Formats a source table may be written in. */
export type SourceFileFormat = "jsonl" | "json" | "csv" | "parquet";

const EXTENSIONS: Readonly<Record<string, SourceFileFormat>> = {
  ".jsonl": "jsonl",
  ".ndjson": "jsonl",
  ".json": "json",
  ".csv": "csv",
  ".parquet": "parquet",
};

/** The format of a file by its extension, or undefined. */
export function fileFormatOf(path: string): SourceFileFormat | undefined {
  return EXTENSIONS[extname(path).toLowerCase()];
}

/**
 * The files of source table `stem` in `folder`: `<stem>.<ext>` and every file of a folder
 * `<stem>/` (one level, sorted), for the extensions above.
 *
 * @example tableFiles("data/samples/langfuse", "traces") // → [".../traces.jsonl"]
 */
export function tableFiles(folder: string, stem: string): string[] {
  const out: string[] = [];
  for (const name of readdirSync(folder).sort()) {
    const path = join(folder, name);
    const s = statSync(path);
    const ext = extname(name);
    if (s.isFile() && fileFormatOf(name) && basename(name, ext) === stem) out.push(path);
    if (s.isDirectory() && name === stem) {
      for (const inner of readdirSync(path).sort()) {
        const p = join(path, inner);
        if (statSync(p).isFile() && fileFormatOf(inner)) out.push(p);
      }
    }
  }
  return out;
}

/** One field read from a source table. */
export interface FieldSpec {
  /** Our column name in the raw table. */
  readonly key: string;
  /** The source's names for it, the first present is used (e.g. `trace_id`, `traceId`). */
  readonly names: readonly string[];
  /** Keep it as JSON (objects, arrays) instead of text. */
  readonly json?: boolean;
  /** A file without it is an error (otherwise the field is null). */
  readonly required?: boolean;
  /**
   * A time: the raw table also gets `<key>_ts` (TIMESTAMPTZ; null when absent or unreadable),
   * parsed once — typed Parquet timestamps are taken as they are, text is parsed (zone-less text
   * in the session zone, UTC).
   */
  readonly time?: boolean;
}

/** JSONPath of a top-level key, quoted for any name (`case:concept:name`). */
const jsonKey = (name: string): string => sqlString(`$.${JSON.stringify(name)}`);

/** Normalises a JSON value that may be JSON text inside a string (CSV cells, some exports). */
const unwrapJson = (expr: string): string =>
  `(case when json_type(${expr}) = 'VARCHAR' then coalesce(try_cast(json_extract_string(${expr}, '$') as JSON), ${expr}) else ${expr} end)`;

/** A raw source table: `src_file`, `src_loc` (1-based), `loc_kind` (`line` or `row`) and the fields. */
export interface RawTable {
  readonly name: string;
  readonly files: readonly string[];
  /** Fields absent from every file (null throughout). */
  readonly absent: readonly string[];
}

/**
 * Reads `files` into one DuckDB table (text formats) or view (Parquet) `name`: per record its file
 * (shown relative to `folder`), its place — JSONL: the physical line; JSON array: the element
 * (row); CSV: the data row (header excluded); Parquet: the row — and every field of `fields` as
 * text (or JSON). Malformed JSON lines, non-object records and files without a required field
 * are added to `issues`.
 */
export async function readRawTable(
  engine: Engine,
  folder: string,
  name: string,
  files: readonly string[],
  fields: readonly FieldSpec[],
  issues: DataIssue[],
): Promise<RawTable> {
  const parts: string[] = [];
  const present = new Set<string>();
  let allParquet = true;
  for (const file of files) {
    const shown = relative(folder, file) || file;
    const format = fileFormatOf(file);
    const f = sqlString(file);
    if (format === "jsonl" || format === "json") {
      allParquet = false;
      const src =
        format === "jsonl"
          ? `(select i as src_loc, 'line' as loc_kind, try_cast(t as JSON) as j, t from (select unnest(s) as t, generate_subscripts(s, 1) as i from (select string_split(replace(content, chr(13), ''), chr(10)) as s from read_text(${f}))) where trim(t) <> '')`
          : `(select i as src_loc, 'row' as loc_kind, j, j::VARCHAR as t from (select unnest(a) as j, generate_subscripts(a, 1) as i from (select cast(json_extract(try_cast(content as JSON), '$[*]') as JSON[]) as a from read_text(${f}))))`;
      await engine.run(`create or replace temp table ${sqlIdent(`${name}__json`)} as select * from ${src}`);
      const bad = await engine.rows(
        `select count(*) as n, min(src_loc) as first, any_value(t) as found from ${sqlIdent(`${name}__json`)} where j is null or json_type(j) <> 'OBJECT'`,
      );
      const n = Number(bad[0]?.n ?? 0);
      if (n > 0)
        issues.push({
          severity: "error",
          code: "bad_json",
          file: shown,
          [format === "jsonl" ? "line" : "row"]: Number(bad[0]?.first),
          expected: "one JSON object per record",
          found: clip(String(bad[0]?.found ?? "")),
          message: `${n} record${n === 1 ? " is" : "s are"} not a JSON object`,
        });
      const keys = await engine.rows(
        `select distinct unnest(json_keys(j)) as k from ${sqlIdent(`${name}__json`)} where json_type(j) = 'OBJECT'`,
      );
      const have = new Set(keys.map((r) => String(r.k)));
      const records = await engine.rows(`select count(*) as n from ${sqlIdent(`${name}__json`)}`);
      const emptyFile = Number(records[0]?.n ?? 0) === 0; // nothing to check: no missing-field problem
      const cols = fields.map((fs) => {
        const names = fs.names.filter((n2) => have.has(n2));
        if (names.length > 0) present.add(fs.key);
        else if (fs.required && !emptyFile) issues.push(missingField(shown, fs));
        if (names.length === 0) return nullColumns(fs);
        const expr = fs.json
          ? `coalesce(${names.map((n2) => `json_extract(j, ${jsonKey(n2)})`).join(", ")})`
          : `coalesce(${names.map((n2) => `json_extract_string(j, ${jsonKey(n2)})`).join(", ")})`;
        const text = `nullif(trim(${expr}), '')`;
        return fs.json
          ? `${unwrapJson(expr)} as ${sqlIdent(fs.key)}`
          : `${text} as ${sqlIdent(fs.key)}${fs.time ? `, ${ts(text)} as ${sqlIdent(`${fs.key}_ts`)}` : ""}`;
      });
      parts.push(
        `select ${sqlString(shown)} as src_file, src_loc, loc_kind, ${cols.join(", ")} from ${sqlIdent(`${name}__json`)} where json_type(j) = 'OBJECT'`,
      );
      continue;
    }
    const reader =
      format === "csv"
        ? `read_csv(${f}, header = true, all_varchar = true)`
        : `read_parquet(${f}, file_row_number = true)`;
    if (format === "csv") allParquet = false;
    const described = await engine.describe(`select * from ${reader}`);
    const types = new Map(described.map((d) => [d.name, d.type]));
    const cols = fields.map((fs) => {
      const col = fs.names.find((n2) => types.has(n2));
      if (col !== undefined) present.add(fs.key);
      else if (fs.required) issues.push(missingField(shown, fs));
      if (col === undefined) return nullColumns(fs);
      const type = types.get(col) ?? "VARCHAR";
      if (fs.json)
        return type === "VARCHAR"
          ? `${sqlIdent(col)} as ${sqlIdent(fs.key)}` // JSON text, parsed where a rule reads it
          : `to_json(${sqlIdent(col)}) as ${sqlIdent(fs.key)}`;
      const typedTime = /^TIMESTAMP/.test(type);
      const text = `nullif(trim(cast(${sqlIdent(col)} as VARCHAR)), '')`;
      const time = fs.time
        ? `, ${typedTime ? `cast(${sqlIdent(col)} as TIMESTAMPTZ)` : ts(text)} as ${sqlIdent(`${fs.key}_ts`)}`
        : "";
      return `${text} as ${sqlIdent(fs.key)}${time}`;
    });
    if (format === "csv") {
      // One thread while numbering, so that rows arrive in file order.
      await engine.run("set threads = 1");
      await engine.run(
        `create or replace temp table ${sqlIdent(`${name}__csv${parts.length}`)} as select row_number() over () as src_loc, * from ${reader}`,
      );
      await engine.run("reset threads");
      parts.push(
        `select ${sqlString(shown)} as src_file, src_loc, 'row' as loc_kind, ${cols.join(", ")} from ${sqlIdent(`${name}__csv${parts.length}`)}`,
      );
    } else {
      parts.push(
        `select ${sqlString(shown)} as src_file, file_row_number + 1 as src_loc, 'row' as loc_kind, ${cols.join(", ")} from ${reader}`,
      );
    }
  }
  const empty = `select null::VARCHAR as src_file, null::BIGINT as src_loc, null::VARCHAR as loc_kind, ${fields
    .map(nullColumns)
    .join(", ")} where false`;
  const body = parts.length > 0 ? parts.join("\nunion all\n") : empty;
  await engine.run(
    `create or replace ${allParquet && parts.length > 0 ? "view" : "temp table"} ${sqlIdent(name)} as ${body}`,
  );
  return { name, files, absent: fields.filter((f) => !present.has(f.key)).map((f) => f.key) };
}

function nullColumns(fs: FieldSpec): string {
  const base = `null::${fs.json ? "JSON" : "VARCHAR"} as ${sqlIdent(fs.key)}`;
  return fs.time ? `${base}, null::TIMESTAMPTZ as ${sqlIdent(`${fs.key}_ts`)}` : base;
}

function missingField(file: string, fs: FieldSpec): DataIssue {
  return {
    severity: "error",
    code: "missing_column",
    file,
    field: fs.names[0] ?? fs.key,
    expected: `a field ${fs.names.map((n) => JSON.stringify(n)).join(" or ")}`,
    found: "no such field in the file",
    message: `required field ${fs.names[0] ?? fs.key} is missing`,
  };
}

/** Cuts a found value for display. */
export function clip(text: string): string {
  const s = JSON.stringify(text);
  return s.length > 60 ? `${s.slice(0, 57)}..."` : s;
}

/** One grouped check of a raw table. */
export interface RowCheck {
  readonly table: string;
  /** SQL condition true for a bad record. */
  readonly where: string;
  readonly code: string;
  /** The source's field name, as in the file. */
  readonly field: string;
  readonly expected: string;
  /** SQL expression of the value shown as found (text). */
  readonly found: string;
  /** Sentence for `n` bad records, e.g. `3 traces without id`. */
  readonly message: (n: number) => string;
  /** Warning instead of error. */
  readonly warning?: boolean;
}

/**
 * Runs checks over raw tables: per check and file, one problem with the count, the first places
 * (up to 5) and the first value found. The checks of one table share one counting scan; only a
 * failing check is scanned again for its places.
 */
export async function runChecks(
  engine: Engine,
  checks: readonly RowCheck[],
  issues: DataIssue[],
): Promise<void> {
  const tables = [...new Set(checks.map((c) => c.table))];
  for (const table of tables) {
    const mine = checks.filter((c) => c.table === table);
    // One scan counts every check; only a check that fails is scanned again for its places.
    const counts = await engine.rows(
      `select ${mine.map((c, i) => `count(*) filter (where ${c.where}) as n${i}`).join(", ")} from ${sqlIdent(table)}`,
    );
    for (const [i, c] of mine.entries()) {
      if (Number(counts[0]?.[`n${i}`] ?? 0) === 0) continue;
      const rows = await engine.rows(
        `select src_file, any_value(loc_kind) as kind, count(*) as n, list(src_loc order by src_loc)[1:5] as locs, ` +
          `arg_min(cast(${c.found} as VARCHAR), src_loc) as found from ${sqlIdent(table)} where ${c.where} group by src_file order by src_file`,
      );
      for (const r of rows) {
        const n = Number(r.n);
        const locs = (r.locs as number[]).map(Number);
        const kind = String(r.kind);
        const where = `${kind}${locs.length > 1 ? "s" : ""} ${locs.join(", ")}${n > locs.length ? ", …" : ""}`;
        issues.push({
          severity: c.warning ? "warning" : "error",
          code: c.code,
          file: String(r.src_file),
          [kind === "line" ? "line" : "row"]: locs[0],
          field: c.field,
          expected: c.expected,
          found: r.found === null || r.found === undefined ? "nothing" : clip(String(r.found)),
          message: `${c.message(n)} (${where})`,
        });
      }
    }
  }
}

/** SQL: text → TIMESTAMPTZ (null when absent or unparseable; zone-less text read in the session zone, UTC). */
export const ts = (expr: string): string => `try_cast(${expr} as TIMESTAMPTZ)`;
/**
 * SQL: the canonical ISO 8601 text of a TIMESTAMPTZ in UTC, to the second when the milliseconds
 * are zero (`2026-01-05T09:30:00Z`), else with them (`2026-01-05T09:30:00.250Z`); finer digits are
 * cut, as the loader keeps milliseconds.
 */
export const isoText = (expr: string): string =>
  `(case when epoch_ms(${expr}) % 1000 = 0 then strftime(timezone('UTC', ${expr}), '%Y-%m-%dT%H:%M:%SZ') else strftime(timezone('UTC', ${expr}), '%Y-%m-%dT%H:%M:%S.%gZ') end)`;
/** SQL: minutes from one TIMESTAMPTZ to another (exact to the millisecond). */
export const minutesBetween = (from: string, to: string): string =>
  `((epoch_ms(${to}) - epoch_ms(${from})) / 60000.0)`;
/** SQL list literal of strings. */
export const sqlList = (items: readonly string[]): string =>
  items.length === 0 ? "(null)" : `(${items.map(sqlString).join(", ")})`;

/**
 * Creates the config tables `cfg_missions`, `cfg_kpis`, `cfg_tasks` from `missions.yaml` (each
 * with `match`, the source's name for the mission, KPI or task).
 */
export async function createConfigTables(engine: Engine, config: SourceConfig | undefined): Promise<void> {
  await engine.run(
    `create or replace temp table cfg_missions (mission_id VARCHAR, match VARCHAR, name VARCHAR, description VARCHAR, business_owner VARCHAR, ai_role VARCHAR, escalation_path VARCHAR)`,
  );
  await engine.run(
    `create or replace temp table cfg_kpis (mission_id VARCHAR, kpi VARCHAR, match VARCHAR, direction VARCHAR, "primary" BOOLEAN, unit VARCHAR, baseline DOUBLE, target DOUBLE, target_date VARCHAR)`,
  );
  await engine.run(
    `create or replace temp table cfg_tasks (mission_id VARCHAR, task_id VARCHAR, match VARCHAR, name VARCHAR, "order" DOUBLE, estimated_minutes DOUBLE, requires_approval BOOLEAN, depends_on VARCHAR, automated BOOLEAN)`,
  );
  if (!config) return;
  const missions = config.missions;
  await engine.append(
    "cfg_missions",
    missions.map((m) => [
      m.id,
      m.match ?? m.id,
      m.name ?? m.id,
      m.description ?? null,
      m.business_owner ?? null,
      m.ai_role ?? null,
      m.escalation_path ?? null,
    ]),
  );
  await engine.append(
    "cfg_kpis",
    missions.flatMap((m) =>
      m.kpis.map((k) => [
        m.id,
        k.name,
        k.match ?? k.name,
        k.direction,
        k.primary,
        k.unit ?? null,
        k.baseline ?? null,
        k.target ?? null,
        k.target_date ?? null,
      ]),
    ),
  );
  await engine.append(
    "cfg_tasks",
    missions.flatMap((m) =>
      m.tasks.map((t, i) => [
        m.id,
        t.id,
        t.match ?? t.id,
        t.name ?? t.id,
        i + 1,
        t.estimated_minutes,
        t.requires_approval,
        t.depends_on.join("|"),
        t.automated,
      ]),
    ),
  );
}

/**
 * The canonical views every source ends with, over a source's intermediate views:
 * - `src_runs` (run_id, mission_id, start_ts, end_ts, status, human_interventions, escalations)
 * - `src_execs` (run_id, mission_id, task_match, agent_id, start_ts, end_ts, wait_minutes,
 *   approval_required, outcome) — one row per task execution, `task_match` the source's name;
 * - `src_kpi_values` (run_id, kpi_match, value);
 * - `src_risks` (event_id, run_id, mission_id, task_match, risk_type, severity, detected_ts, status, description).
 *
 * Missions with no task in the config get a derived plan: one task per source name, ordered by
 * median start offset, estimated at the median actual minutes (so overrun measures a deviation
 * from the typical, not from a plan).
 */
export async function createCanonicalViews(engine: Engine, kpiNames: readonly string[]): Promise<void> {
  // Each intermediate result is computed once (the canonical views read them several times).
  for (const v of ["src_runs", "src_execs", "src_kpi_values", "src_risks"])
    await engine.run(`create or replace temp table m_${v.slice(4)} as select * from ${v}`);
  await engine.run(`create or replace temp view c_missions as
    select mission_id, name, description, business_owner, ai_role, escalation_path from cfg_missions`);
  await engine.run(`create or replace temp view c_kpis as
    select mission_id, kpi, direction, unit, baseline, target, target_date, "primary" from cfg_kpis`);
  await engine.run(`create or replace temp view x_execs as
    select e.*, greatest(0, ${minutesBetween("e.start_ts", "e.end_ts")} - coalesce(e.wait_minutes, 0)) as actual_minutes,
      ${minutesBetween("r.start_ts", "e.start_ts")} as offset_minutes
    from m_execs e join m_runs r using (run_id)`);
  await engine.run(`create or replace temp table x_tasks as
    select mission_id, task_id, match, name, "order", estimated_minutes, requires_approval, depends_on from cfg_tasks
    union all
    select mission_id, task_match, task_match, task_match,
      row_number() over (partition by mission_id order by median(offset_minutes), task_match),
      round(median(actual_minutes), 1), bool_or(approval_required), ''
    from x_execs where mission_id not in (select mission_id from cfg_tasks)
    group by mission_id, task_match`);
  await engine.run(`create or replace temp view c_tasks as
    select mission_id, task_id, name, cast("order" as BIGINT) as "order", depends_on, estimated_minutes, requires_approval from x_tasks`);
  const kpiCols = kpiNames
    .map((k) => `max(v.value) filter (where v.kpi = ${sqlString(k)}) as ${sqlIdent(`kpi.${k}`)}`)
    .join(", ");
  await engine.run(`create or replace temp view x_kpi_values as
    select v.run_id, k.kpi, v.value from m_kpi_values v join m_runs r using (run_id)
    join cfg_kpis k on k.mission_id = r.mission_id and k.match = v.kpi_match`);
  await engine.run(`create or replace temp view c_runs as
    select r.run_id, r.mission_id, ${isoText("r.start_ts")} as start_time, ${isoText("r.end_ts")} as end_time, r.status,
      round(${minutesBetween("r.start_ts", "r.end_ts")}, 6) as duration_minutes,
      cast(r.human_interventions as BIGINT) as human_interventions, cast(r.escalations as BIGINT) as escalations,
      coalesce(fl.flagged, false) as risk_flagged
      ${kpiCols ? `, ${kpiNames.map((k) => `kv.${sqlIdent(`kpi.${k}`)}`).join(", ")}` : ""}
    from m_runs r left join (select distinct run_id, true as flagged from m_risks) fl using (run_id)
    ${kpiCols ? `left join (select v.run_id, ${kpiCols} from x_kpi_values v group by v.run_id) kv using (run_id)` : ""}`);
  await engine.run(`create or replace temp view c_task_executions as
    select e.run_id, e.mission_id, t.task_id, e.agent_id, round(e.actual_minutes, 6) as actual_minutes,
      e.approval_required, round(coalesce(e.wait_minutes, 0), 6) as human_delay_minutes, e.outcome
    from x_execs e join x_tasks t on t.mission_id = e.mission_id and t.match = e.task_match`);
  await engine.run(`create or replace temp view c_risk_events as
    select x.event_id, x.run_id, x.mission_id, t.task_id, x.risk_type, x.severity, x.description,
      ${isoText("x.detected_ts")} as detected_at, x.status
    from m_risks x left join x_tasks t on t.mission_id = x.mission_id and t.match = x.task_match`);
}

/** The canonical views, by table name. */
export const CANONICAL_VIEWS = {
  missions: "c_missions",
  kpis: "c_kpis",
  tasks: "c_tasks",
  runs: "c_runs",
  task_executions: "c_task_executions",
  risk_events: "c_risk_events",
} as const;

/** Warnings for source task names that match no configured task of their mission (ignored). */
export async function unmatchedTaskWarnings(
  engine: Engine,
  what: string,
  issues: DataIssue[],
): Promise<void> {
  const rows = await engine.rows(`select e.mission_id, e.task_match, count(*) as n from m_execs e
    where e.mission_id in (select mission_id from cfg_tasks)
      and not exists (select 1 from cfg_tasks t where t.mission_id = e.mission_id and t.match = e.task_match)
    group by all order by all limit 50`);
  for (const r of rows)
    issues.push({
      severity: "warning",
      code: "unmapped_task",
      field: what,
      expected: `a task of mission ${String(r.mission_id)} in missions.yaml`,
      found: clip(String(r.task_match)),
      message: `${Number(r.n)} ${what} ${JSON.stringify(String(r.task_match))} of mission ${String(r.mission_id)} match no task in missions.yaml and are ignored`,
    });
}
