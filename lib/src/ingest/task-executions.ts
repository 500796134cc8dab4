/**
 * Task executions — the one table that runs into millions of rows — are checked and folded in
 * DuckDB, never streamed row by row into JavaScript. One query reads the files, types every field
 * with the same acceptance as the JavaScript field parsers (trimmed decimal text, true/false/1/0/
 * yes/no, the outcome words; JSON and Parquet values of the right type), joins each execution to
 * its run and task, and folds the good rows into one aggregate per (run, task). Rows it cannot
 * accept — a bad value, an unknown run or task, another mission — are "suspects": they are read
 * back (with their line or row) and handed to the JavaScript validator, which is the one place
 * where a field's rule and its message are written. A suspect the validator accepts after all is
 * folded in JavaScript, so the result never depends on the fast path being exact.
 */
import { describeFound } from "../io/describe-found";
import type { TaskDefinition } from "../model/dataset";
import { TASK_OUTCOMES } from "../model/dataset";
import type { RunTaskStatTable } from "../model/run-task-stat-table";
import type { FieldAliases } from "../validate/field-reader";
import {
  TASK_EXECUTION_REQUIRED_FIELDS,
  validateTaskExecution,
  type TaskExecution,
  type TaskExecutionContext,
} from "../validate/task-executions";
import type { TableFile } from "./dataset-layout";
import { sqlIdent, sqlPath, sqlString, type Engine } from "./engine";
import { checkFile } from "./file-check";
import { Aggregates, TASK_POSITIONS, withAccepted } from "./run-task-layout";
import { markIfOutside, planFor, type ScanContext } from "./scan-context";
import { readRawRows } from "./suspect-rows";
import { csvHeader, csvRelation, emptyCsvIssue, ndjsonLines } from "./table-relations";
import { checkCsvHeader } from "../validate/header-check";

/** Suspect rows read back for the JavaScript validator, at most. */
const MAX_SUSPECTS = 100_000;

/** The decimal syntax of `parseNumber` (after trimming). */
const DECIMAL = "^[+-]?([0-9]+([.][0-9]*)?|[.][0-9]+)([eE][+-]?[0-9]+)?$";

/** The valid runs and tasks the executions are folded against. */
export interface FoldTargets {
  /** Valid runs in dataset order: run ids and their missions. */
  readonly runIds: readonly string[];
  readonly missionIds: readonly string[];
  /** Run ids seen but invalid (not an unknown run, but not folded). */
  readonly invalidRunIds: Iterable<readonly [string, string]>;
  /** Valid tasks in dataset order. */
  readonly tasks: readonly TaskDefinition[];
  /** (mission, task) keys of invalid tasks (known, not folded). */
  readonly invalidTasks: Iterable<readonly [string, string]>;
  /** Whether unknown run ids are reported (false when the runs could not all be read). */
  readonly checkRuns: boolean;
  /** Whether a task table exists. */
  readonly hasTasks: boolean;
}

/** What folding gives. */
export interface FoldResult {
  readonly table: RunTaskStatTable;
  /** Rows folded. */
  readonly executions: number;
  /** Whether every file was read to its end. */
  readonly complete: boolean;
}

/** SQL expressions typing one file's fields, as text columns, plus per-field JSON types. */
export interface FieldSource {
  /** Canonical field → on-disk name (bundle aliases, or mapping.yaml's columns). */
  readonly aliases: FieldAliases;
  /** Canonical field → (trimmed source value → canonical value), from mapping.yaml. */
  readonly values: ReadonlyMap<string, ReadonlyMap<string, string>>;
  /** SQL expression of the field's text (null when absent), trimmed. */
  text(field: string): string;
  /** SQL condition: the field's value has the right type for `kind`. */
  typed(field: string, kind: "text" | "number" | "boolean"): string;
  /** The relation to select from. */
  readonly from: string;
  /** SQL of the row number within the file (1-based), or undefined when it needs a window. */
  readonly textual: boolean;
}

/** The on-disk name of a canonical field. */
const onDisk = (aliases: FieldAliases, field: string): string => aliases[field] ?? field;

function csvSource(
  file: TableFile,
  aliases: FieldAliases,
  names: readonly (string | undefined)[],
  delimiter: string,
  skip: number,
  cells: number,
): Omit<FieldSource, "values"> {
  const col = (field: string): string | undefined => {
    const i = names.indexOf(onDisk(aliases, field));
    return i === -1 ? undefined : `c${i}`;
  };
  return {
    text: (field) => {
      const c = col(field);
      return c ? `nullif(trim(${c}), '')` : "null::VARCHAR";
    },
    typed: () => "true",
    from: csvRelation(file, cells, delimiter, skip),
    textual: true,
    aliases,
  };
}

/** The task-execution fields the fast path reads from a JSON record, in extraction order. */
const JSON_FIELDS = [
  "run_id",
  "task_id",
  "mission_id",
  "agent_id",
  "actual_minutes",
  "human_delay_minutes",
  "approval_required",
  "outcome",
] as const;

function jsonSource(file: TableFile, aliases: FieldAliases): Omit<FieldSource, "values"> {
  const path = (field: string) => sqlString(`$.${JSON.stringify(onDisk(aliases, field))}`);
  const ndjson = file.format === "ndjson";
  // NDJSON: one row per physical line (blank and malformed lines too, so row number = line);
  // a JSON array: one row per element.
  const rows = ndjson
    ? `(select case when json_valid(line) then line end as json, trim(coalesce(line, '')) = '' as blank from ${ndjsonLines(file)})`
    : `(select json, false as blank from read_json_objects(${sqlPath(file.path)}, format = 'array', compression = ${sqlString(file.compression ?? "uncompressed")}))`;
  // Every field in one extraction: each JSON text is parsed once, not once per field.
  const paths = `[${JSON_FIELDS.map(path).join(", ")}]`;
  const from = `(select *, json_extract_string(json, ${paths}) as __v, json_type(json, ${paths}) as __t from ${rows})`;
  const at = (field: string) => JSON_FIELDS.indexOf(field as (typeof JSON_FIELDS)[number]) + 1;
  return {
    text: (field) => `nullif(trim(__v[${at(field)}]), '')`,
    typed: (field, kind) => {
      const t = `__t[${at(field)}]`;
      const types =
        kind === "number"
          ? "('BIGINT','UBIGINT','DOUBLE')"
          : kind === "boolean"
            ? "('BOOLEAN')"
            : "('VARCHAR')";
      return `coalesce(${t} in ${types} or ${t} = 'NULL', true)`;
    },
    from,
    textual: false,
    aliases,
  };
}

function parquetSource(
  file: TableFile,
  aliases: FieldAliases,
  types: ReadonlyMap<string, string>,
): Omit<FieldSource, "values"> {
  return {
    text: (field) => {
      const name = onDisk(aliases, field);
      return types.has(name) ? `nullif(trim(${sqlIdent(name)}::VARCHAR), '')` : "null::VARCHAR";
    },
    typed: (field, kind) => {
      const type = types.get(onDisk(aliases, field));
      if (type === undefined) return "true";
      const ok =
        kind === "number"
          ? /^(DOUBLE|FLOAT|REAL|DECIMAL|TINYINT|SMALLINT|INTEGER|BIGINT|HUGEINT|UTINYINT|USMALLINT|UINTEGER|UBIGINT)/.test(
              type,
            )
          : kind === "boolean"
            ? type === "BOOLEAN"
            : type === "VARCHAR";
      return ok ? "true" : "false";
    },
    from: `read_parquet(${sqlPath(file.path)})`,
    textual: false,
    aliases,
  };
}

/** The typed, checked rows of one file: canonical columns plus `good` and the run/task keys. */
function checkedRows(source: FieldSource, fileIndex: number, withRow: boolean): string {
  const t = (f: string) => {
    const map = source.values.get(f);
    if (!map || map.size === 0) return source.text(f);
    const whens = [...map].map(([from, to]) => `when ${sqlString(from)} then ${sqlString(to)}`).join(" ");
    return `(case ${source.text(f)} ${whens} else ${source.text(f)} end)`;
  };
  const num = (f: string) => `try_cast(${t(f)} as DOUBLE)`;
  const numberOk = (f: string) =>
    source.textual
      ? `(regexp_full_match(${t(f)}, '${DECIMAL}') and isfinite(${num(f)}) and ${num(f)} >= 0)`
      : `(${source.typed(f, "number")} and isfinite(${num(f)}) and ${num(f)} >= 0)`;
  const bool = (f: string) =>
    source.textual
      ? `(case when lower(${t(f)}) in ('true','1','yes') then true when lower(${t(f)}) in ('false','0','no') then false end)`
      : `(case when ${source.typed(f, "boolean")} then ${t(f)} = 'true' end)`;
  const textOk = (f: string) =>
    source.textual ? `${t(f)} is not null` : `(${t(f)} is not null and ${source.typed(f, "text")})`;
  const optionalTextOk = (f: string) =>
    source.textual ? "true" : `(${t(f)} is null or ${source.typed(f, "text")})`;
  const outcomes = TASK_OUTCOMES.map(sqlString).join(", ");
  const from = withRow ? `(select row_number() over () as rn, * from ${source.from})` : source.from;
  return `select ${fileIndex} as f,${withRow ? " rn," : ""}
      ${t("run_id")} as run_id, ${t("task_id")} as task_id, ${t("mission_id")} as stated_mission,
      ${t("agent_id")} as agent_id,
      ${num("actual_minutes")} as actual, ${num("human_delay_minutes")} as delay,
      ${bool("approval_required")} as approval, ${t("outcome")} as outcome,
      (${textOk("run_id")} and ${textOk("task_id")} and ${optionalTextOk("mission_id")} and ${optionalTextOk("agent_id")}
        and ${numberOk("actual_minutes")} and ${numberOk("human_delay_minutes")}
        and ${bool("approval_required")} is not null and ${source.textual ? "true" : source.typed("outcome", "text")}
        and ${t("outcome")} in (${outcomes})) as valid
    from ${from}${source.textual || source.from.startsWith("read_parquet") ? "" : " where not blank"}`;
}

/** Registers the runs and tasks to fold against as DuckDB tables `__runs` and `__tasks`. */
async function registerTargets(engine: Engine, targets: FoldTargets): Promise<void> {
  await engine.run(
    "create or replace temp table __runs (run_id VARCHAR, run_idx INTEGER, mission_id VARCHAR);" +
      "create or replace temp table __tasks (mission_id VARCHAR, task_id VARCHAR, task_pos INTEGER, estimate DOUBLE);",
  );
  const { runIds, missionIds } = targets;
  await engine.append(
    "__runs",
    (function* () {
      for (let i = 0; i < runIds.length; i++) yield [runIds[i]!, i, missionIds[i]!];
      for (const [id, mission] of targets.invalidRunIds) yield [id, -1, mission];
    })(),
  );
  await engine.append(
    "__tasks",
    (function* () {
      for (let i = 0; i < targets.tasks.length; i++) {
        const t = targets.tasks[i]!;
        yield [t.missionId, t.taskId, i, t.estimatedMinutes];
      }
      for (const [mission, task] of targets.invalidTasks) yield [mission, task, -1, null];
    })(),
  );
}

/** The source of one file, or undefined (with the problem reported) when it cannot be read. */
async function sourceOf(
  ctx: ScanContext,
  file: TableFile,
  bundleAliases: FieldAliases,
): Promise<FieldSource | undefined> {
  const own = file.table === "task_executions" ? ctx.mapping?.tables.task_executions : undefined;
  const values: ReadonlyMap<string, ReadonlyMap<string, string>> = own?.values ?? new Map();
  const source = await plainSourceOf(ctx, file, bundleAliases);
  return source && { ...source, values };
}

/** The source of one file before value maps (see {@link sourceOf}). */
async function plainSourceOf(
  ctx: ScanContext,
  file: TableFile,
  bundleAliases: FieldAliases,
): Promise<Omit<FieldSource, "values"> | undefined> {
  let aliases = bundleAliases;
  if (file.format === "csv") {
    const header = await csvHeader(ctx.engine, file);
    if (!header) {
      ctx.sink(emptyCsvIssue(file.path));
      return undefined;
    }
    const names = header.cells.map((c) => c.trim());
    const at = { file: file.path, line: header.line };
    const plan = planFor(
      ctx,
      file.table,
      names.filter((n) => n !== ""),
      at,
    );
    if (plan) {
      if (plan.missing.length > 0 || plan.issues.some((i) => i.severity === "error")) return undefined;
      aliases = plan.aliases;
    } else {
      const issues: import("../model/issues").DataIssue[] = [];
      checkCsvHeader(
        names.filter((n) => n !== ""),
        TASK_EXECUTION_REQUIRED_FIELDS,
        at,
        (i) => issues.push(i),
        aliases,
      );
      for (const issue of issues) ctx.sink(ctx.locations.markPhysical(issue));
      if (issues.some((i) => i.severity === "error")) return undefined;
    }
    ctx.locations.register(file, header.delimiter, header.line);
    return csvSource(file, aliases, names, header.delimiter, header.skip, header.cells.length);
  }
  if (file.format === "parquet") {
    const described = await ctx.engine.describe(`select * from read_parquet(${sqlPath(file.path)})`);
    const types = new Map(described.map((d) => [d.name, d.type]));
    const plan = planFor(
      ctx,
      file.table,
      described.map((d) => d.name),
      { file: file.path },
    );
    if (plan) {
      if (plan.missing.length > 0 || plan.issues.some((i) => i.severity === "error")) return undefined;
      aliases = plan.aliases;
    }
    const missing = TASK_EXECUTION_REQUIRED_FIELDS.filter((f) => !types.has(onDisk(aliases, f)));
    for (const field of missing) {
      ctx.sink({
        severity: "error",
        code: "missing_column",
        file: file.path,
        field: onDisk(aliases, field),
        expected: `a column named ${onDisk(aliases, field)}`,
        found: `columns ${describeFound(described.map((d) => d.name).join(","))}`,
        message: `the file has no ${onDisk(aliases, field)} column`,
      });
    }
    return missing.length > 0 ? undefined : parquetSource(file, aliases, types);
  }
  const own = file.table === "task_executions" ? ctx.mapping?.tables.task_executions : undefined;
  if (own) aliases = { ...aliases, ...Object.fromEntries(own.columns) };
  return jsonSource(file, aliases);
}

/**
 * The most run-task entries the targets allow: for each run, the tasks of its mission (the
 * columns are allocated once, at this size).
 */
function entryBound(targets: FoldTargets): number {
  const perMission = new Map<string, number>();
  for (const t of targets.tasks) perMission.set(t.missionId, (perMission.get(t.missionId) ?? 0) + 1);
  let n = 0;
  for (const m of targets.missionIds) n += perMission.get(m) ?? 0;
  return n;
}

/** SQL of the executions of every file joined to their run and task, with a `good` flag. */
function joined(rows: string): string {
  return `select e.*, r.run_idx, r.mission_id as run_mission, t.task_pos, t.estimate,
      coalesce(e.valid and r.run_idx >= 0 and t.task_pos >= 0
        and (e.stated_mission is null or e.stated_mission = r.mission_id), false) as good,
    from (${rows}) e
    left join __runs r on r.run_id = e.run_id
    left join __tasks t on t.mission_id = r.mission_id and t.task_id = e.task_id`;
}

/**
 * Checks and folds the task executions of `files` into run-task aggregates (see the module
 * comment). Problems go to `ctx.sink`, located like every other table's; the aggregates are
 * grouped by run in the order of `targets.runIds`, each run's entries in task order.
 */
export async function foldTaskExecutions(
  ctx: ScanContext,
  files: readonly TableFile[],
  aliases: FieldAliases,
  targets: FoldTargets,
  context: TaskExecutionContext,
): Promise<FoldResult> {
  const engine = ctx.engine;
  if (targets.tasks.length >= TASK_POSITIONS) {
    ctx.sink({
      severity: "error",
      code: "too_many_tasks",
      file: files[0]!.path,
      expected: `fewer than ${TASK_POSITIONS.toLocaleString("en-US")} task definitions`,
      found: `${targets.tasks.length.toLocaleString("en-US")} tasks`,
      message: "too many task definitions to fold the task executions",
    });
    return {
      table: new Aggregates(targets.runIds.length, files.length).table(targets),
      executions: 0,
      complete: false,
    };
  }
  await registerTargets(engine, targets);
  const table = files[0]?.table ?? "task_executions";
  // The bytes of each file first: a file that is not UTF-8 text is not parsed at all.
  const checks = [];
  const sources: (FieldSource | undefined)[] = [];
  for (const f of files) {
    markIfOutside(ctx, f.path);
    const check = await checkFile(f);
    checks.push(check);
    for (const issue of check.issues) ctx.sink(ctx.locations.markPhysical(issue));
    sources.push(check.issues.length > 0 ? undefined : await sourceOf(ctx, f, aliases));
  }
  let complete = sources.every((s) => s !== undefined);

  const readable = sources
    .map((s, i) => [s, i] as const)
    .filter((x): x is readonly [FieldSource, number] => x[0] !== undefined);
  const union = readable.map(([s, i]) => checkedRows(s, i, false)).join("\nunion all\n");
  const agg = new Aggregates(targets.runIds.length, files.length, entryBound(targets));
  if (readable.length > 0) {
    // Sorted by run and task position, so that the table is laid out in one pass; numbers as
    // INTEGER / DOUBLE without nulls, which cross into JavaScript as typed arrays.
    // No GROUP BY: with about one execution per run and task, DuckDB's hash aggregate over
    // millions of groups costs more than sorting the executions by run and task and folding the
    // rare repeats in the linear pass. Agents cross over as numbers: each distinct agent once.
    try {
      const joinedRows = joined(union);
      await ctx.engine.run(
        `create or replace temp table __agents as select agent_id, (row_number() over (order by agent_id) - 1)::INTEGER as n
         from (select distinct agent_id from (${readable
           .map(([src]) => `select ${src.text("agent_id")} as agent_id from ${src.from}`)
           .join(" union all ")}) where agent_id is not null)`,
      );
      const setOfAgent: number[] = [agg.agentIndex("")];
      await ctx.engine.stream(`select agent_id from __agents order by n`, (chunk) => {
        for (let r = 0; r < chunk.rowCount; r++) setOfAgent.push(agg.agentIndex(chunk.value(0, r) as string));
      });
      agg.setOfAgent = Int32Array.from(setOfAgent);
      // Five numeric columns (fewer vectors per chunk: less for JavaScript's collector to track);
      // approval delay and overrun are derived from them in the linear pass.
      const sql = `select (case when good then run_idx::DOUBLE * ${TASK_POSITIONS} + task_pos else -1 end)::DOUBLE as key,
          coalesce(actual, 0)::DOUBLE as actual_minutes, coalesce(delay, 0)::DOUBLE as human_delay_minutes,
          ((case when approval then 1 else 0 end)
            + (case when outcome in ('failed', 'rejected', 'escalated') then 2 else 0 end) + 4 * j.f)::INTEGER as flags,
          (coalesce(a.n, -1) + 1)::INTEGER as agents
        from (${joinedRows}) j left join __agents a on a.agent_id = j.agent_id
        order by key, j.f`;
      const estimates = Float64Array.from(targets.tasks, (t) => t.estimatedMinutes);
      await ctx.engine.stream(sql, (chunk) => {
        agg.consumeExecutions(chunk, estimates);
        ctx.onProgress?.({ stage: "read", table, rows: agg.executions + agg.suspects });
      });
      await ctx.engine.run("drop table __agents");
    } catch (e) {
      complete = false;
      ctx.sink({
        severity: "error",
        code: "unreadable_file",
        file: files[0]!.path,
        expected: "task-execution files DuckDB can read",
        found: "an error",
        message: `cannot read the task executions: ${(e as Error).message.split("\n")[0]}`,
      });
    }
  }
  const { suspects, executions, rowsPerFile } = agg;

  // Suspect rows: read back with their place, judged by the JavaScript validator.
  const extra: TaskExecution[] = [];
  if (suspects > 0) {
    const withRows = readable.map(([s, i]) => checkedRows(s, i, true)).join("\nunion all\n");
    const sql = `select f, rn from (${joined(withRows)}) where not good order by f, rn limit ${MAX_SUSPECTS}`;
    const places = await engine.rows(sql);
    const byFile = new Map<number, number[]>();
    for (const p of places) {
      const list = byFile.get(Number(p.f)) ?? [];
      list.push(Number(p.rn));
      byFile.set(Number(p.f), list);
    }
    for (const [f, rowNumbers] of byFile) {
      const file = files[f]!;
      const wanted = new Set(rowNumbers);
      await readRawRows(ctx, file, sources[f]!, aliases, wanted, (reader) => {
        const execution = validateTaskExecution(reader, context);
        if (execution) extra.push(execution);
      });
    }
    if (suspects > MAX_SUSPECTS) {
      ctx.sink({
        severity: "error",
        code: "too_many_problems",
        file: files[0]!.path,
        expected: "task executions that can be checked",
        found: `${suspects.toLocaleString("en-US")} rows with problems`,
        message: `${suspects.toLocaleString("en-US")} task executions have problems; the first ${MAX_SUSPECTS.toLocaleString("en-US")} were checked one by one`,
      });
    }
  }

  for (const [i, check] of checks.entries()) {
    if (check.issues.length > 0 || !sources[i]) {
      complete = false;
      continue;
    }
    ctx.files.push({
      table: files[i]!.table,
      path: files[i]!.path,
      format: files[i]!.format,
      ...(files[i]!.compression ? { compression: files[i]!.compression } : {}),
      bytes: check.bytes,
      rows: rowsPerFile[i] ?? 0,
      sha256: check.sha256,
    });
  }
  const result = withAccepted(agg.table(targets), extra, targets);
  ctx.onProgress?.({ stage: "read", table, rows: executions + suspects, done: true });
  return { table: result, executions: executions + extra.length, complete };
}

/**
 * Reads the run-task aggregates of a ledger (see ingest/ledger.ts) into the run-task table: the
 * ledger rows with a task, joined to the valid runs and tasks. A row naming a task its mission does
 * not have is reported (with the count of such rows).
 */
export async function foldLedgerStats(
  ctx: ScanContext,
  files: readonly TableFile[],
  targets: FoldTargets,
): Promise<FoldResult> {
  await registerTargets(ctx.engine, targets);
  const relation = files
    .map((f, i) => `select *, ${i} as f from read_parquet(${sqlPath(f.path)})`)
    .join(" union all by name ");
  const sql = `select r.run_idx::INTEGER, coalesce(t.task_pos, -1)::INTEGER, coalesce(l.executions, 0)::INTEGER,
      coalesce(l.actual_minutes, 0)::DOUBLE, coalesce(l.human_delay_minutes, 0)::DOUBLE,
      coalesce(l.approval_delay_minutes, 0)::DOUBLE, coalesce(l.approval_required_count, 0)::INTEGER,
      coalesce(l.overrun_minutes, 0)::DOUBLE, coalesce(l.overrun_count, 0)::INTEGER, coalesce(l.unsuccessful_count, 0)::INTEGER,
      0::INTEGER as agents, l.f::INTEGER
    from (${relation}) l join __runs r on r.run_id = l.run_id and r.run_idx >= 0
    left join __tasks t on t.mission_id = r.mission_id and t.task_id = l.task_id and t.task_pos >= 0
    where l.task_id is not null order by 1, 2, 12`;
  const agg = new Aggregates(targets.runIds.length, files.length, entryBound(targets));
  agg.agentIndex(""); // a ledger carries no agents: every entry has the empty set, number 0
  await ctx.engine.stream(sql, (chunk) => agg.consume(chunk));
  if (agg.suspects > 0) {
    const [first] = await ctx.engine.rows(
      `select l.task_id, l.mission_id, count(*) over () as n from (${relation}) l join __runs r on r.run_id = l.run_id
       left join __tasks t on t.mission_id = r.mission_id and t.task_id = l.task_id
       where l.task_id is not null and t.task_pos is null limit 1`,
    );
    ctx.sink({
      severity: "error",
      code: "unknown_reference",
      file: files[0]!.path,
      field: "task_id",
      expected: `a task of mission ${String(first?.mission_id)}`,
      found: JSON.stringify(String(first?.task_id)),
      message: `${agg.suspects} ledger rows name a task their mission does not define`,
    });
  }
  return { table: agg.table(targets), executions: agg.executions, complete: agg.suspects === 0 };
}
