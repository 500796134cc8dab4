/**
 * Process-mining event logs: CSV or Parquet files with XES keys (`case:concept:name`,
 * `concept:name`, `time:timestamp`, `org:resource`, `lifecycle:transition`; the names are
 * configurable). A case is a run, an activity a task execution: a `start` paired with its
 * `complete` gives the actual minutes; a `complete` without a `start` runs from the case's
 * previous event. Before an activity that requires approval, the wait since the previous
 * completion is approval delay. A person (a resource matching none of the agent patterns) on an
 * automated activity is a human intervention.
 *
 * Rework — an activity repeated within a case — is kept as what it is: extra task executions. Every
 * occurrence but the last of an activity in a case is unsuccessful (`rejected` when the activity
 * requires approval, else `failed`), the last one succeeds. So rework raises the task's execution
 * count, its minutes and its unsuccessful count — the friction measures the evaluator already has
 * — in the same shape as the project's own generator writes a rejected-then-redone task. It is not
 * a risk event: the log says nothing of a severity or a status, and counting it as a risk would
 * also move the risk triggers, which are meant for things that went wrong or may go wrong.
 *
 * Without `missions.yaml` a log still loads for a first look: one mission per value of the
 * `process` column (or per file when there is none), cases as runs, the case cycle time in hours as
 * the primary KPI (lower is better, no baseline, no target), one task per activity estimated at
 * its median minutes.
 */
import type { DataIssue } from "../../model/issues";
import { sqlIdent, sqlString, type Engine } from "../engine";
import type { SourceConfig } from "./config";
import { dataFiles, looksOcel } from "./detect";
import {
  createCanonicalViews,
  fileFormatOf,
  minutesBetween,
  readRawTable,
  runChecks,
  sqlList,
  ts,
  unmatchedTaskWarnings,
  type FieldSpec,
} from "./source-kit";

/** KPI measures an event log yields by itself (`match` values in missions.yaml). */
export const DERIVED_EVENTLOG_KPIS = ["cycle_time_hours", "cycle_time_minutes", "rework_count"] as const;

/**
 * OCEL 2.0 JSON logs flattened to one event row per (event, related object of the case type):
 * `objectId` → case, event `type` → activity, `time` → timestamp, attribute `org:resource` or
 * `resource` → resource, attribute `lifecycle:transition` or `lifecycle` → lifecycle. The place of
 * a row is the event's position in `events` (`row`).
 */
async function readOcel(
  engine: Engine,
  folder: string,
  files: readonly string[],
  caseType: string | undefined,
  fields: readonly FieldSpec[],
): Promise<void> {
  const nulls = fields
    .filter((f) => !["case_id", "activity", "timestamp", "resource", "lifecycle"].includes(f.key))
    .map((f) => `null::VARCHAR as ${sqlIdent(f.key)}`)
    .join(", ");
  if (files.length === 0) {
    await engine.run(
      `create or replace temp table el_ocel as select null::VARCHAR as src_file, null::BIGINT as src_loc, null::VARCHAR as loc_kind, null::VARCHAR as case_id, null::VARCHAR as activity, null::VARCHAR as timestamp, null::VARCHAR as resource, null::VARCHAR as lifecycle, ${nulls} where false`,
    );
    return;
  }
  const docs = files
    .map(
      (f) =>
        `select ${sqlString(f.slice(folder.length + 1))} as src_file, try_cast(content as JSON) as j from read_text(${sqlString(f)})`,
    )
    .join(" union all ");
  await engine.run(`create or replace temp table el_ocel_ev as
    with docs as (${docs}),
    objs as (select src_file, unnest(json_extract(j, '$.objects[*]')) as o from docs),
    types as (select src_file, json_extract_string(o, '$.id') as id, json_extract_string(o, '$.type') as type from objs),
    ev as (select src_file, unnest(e) as e, generate_subscripts(e, 1) as i from (select src_file, json_extract(j, '$.events[*]') as e from docs)),
    rel as (select src_file, i, e, unnest(json_extract(e, '$.relationships[*]')) as r from ev)
    select rel.src_file, rel.i, rel.e, json_extract_string(rel.r, '$.objectId') as object_id, t.type as object_type
    from rel left join types t on t.src_file = rel.src_file and t.id = json_extract_string(rel.r, '$.objectId')`);
  const chosen =
    caseType ??
    String(
      (
        await engine.rows(
          "select object_type from el_ocel_ev where object_type is not null group by all order by count(*) desc, object_type limit 1",
        )
      )[0]?.object_type ?? "",
    );
  const attr = (names: readonly string[]) =>
    `(select json_extract_string(a, '$.value') from (select unnest(json_extract(e, '$.attributes[*]')) as a) where json_extract_string(a, '$.name') in ${sqlList(names)} limit 1)`;
  await engine.run(`create or replace temp table el_ocel as
    select src_file, i as src_loc, 'row' as loc_kind, object_id as case_id, json_extract_string(e, '$.type') as activity,
      json_extract_string(e, '$.time') as timestamp, ${attr(["org:resource", "resource"])} as resource,
      ${attr(["lifecycle:transition", "lifecycle"])} as lifecycle, ${nulls}
    from el_ocel_ev where object_type = ${sqlString(chosen)}`);
}

/** The KPI of a log read without config. */
const FIRST_LOOK_KPI = "case_cycle_time_hours";

/**
 * Reads the event-log files of `folder`, checks their required fields and creates the canonical
 * views. `config` is undefined for a first look; `settings` holds the defaults then.
 */
export async function buildEventLogViews(
  engine: Engine,
  folder: string,
  config: SourceConfig | undefined,
  settings: SourceConfig,
  issues: DataIssue[],
): Promise<string[]> {
  const ev = settings.eventlog;
  const sig = settings.signals;
  const files = dataFiles(folder).filter((f) => fileFormatOf(f) === "csv" || fileFormatOf(f) === "parquet");
  const columnKpis = (config?.missions ?? [])
    .flatMap((m) => m.kpis.map((k) => k.match ?? k.name))
    .filter((m) => !(DERIVED_EVENTLOG_KPIS as readonly string[]).includes(m));
  const kpiColumns = [...new Set(columnKpis)];
  const fields: FieldSpec[] = [
    { key: "case_id", names: [ev.case], required: true },
    { key: "activity", names: [ev.activity], required: true },
    { key: "timestamp", names: [ev.timestamp], required: true },
    { key: "resource", names: [ev.resource] },
    { key: "lifecycle", names: [ev.lifecycle] },
    { key: "process", names: [ev.process] },
    { key: "status", names: [ev.status] },
    ...kpiColumns.map((c, i) => ({ key: `kpi_${i}`, names: [c] })),
  ];
  const raw = await readRawTable(engine, folder, "el_tab", files, fields, issues);
  const ocel = dataFiles(folder).filter((f) => fileFormatOf(f) === "json" && looksOcel(f));
  await readOcel(engine, folder, ocel, ev.ocel_case_type, fields);
  await engine.run(
    "create or replace temp table el_raw as select * from el_tab union all by name select * from el_ocel",
  );
  const zone = ev.assume_timezone;
  const hasZone = `regexp_matches(timestamp, '(Z|z|[+-][0-9]{2}(:?[0-9]{2})?)$')`;
  const tsExpr = zone
    ? `case when ${hasZone} then ${ts("timestamp")} else timezone(${sqlString(zone)}, try_cast(timestamp as TIMESTAMP)) end`
    : `case when ${hasZone} then ${ts("timestamp")} end`;
  await runChecks(
    engine,
    [
      {
        table: "el_raw",
        where: "case_id is null",
        code: "missing_field",
        field: ev.case,
        expected: "a case id",
        found: "null",
        message: (n) => `${n} event${n === 1 ? "" : "s"} without case id`,
      },
      {
        table: "el_raw",
        where: "activity is null",
        code: "missing_field",
        field: ev.activity,
        expected: "an activity name",
        found: "null",
        message: (n) => `${n} event${n === 1 ? "" : "s"} without activity`,
      },
      {
        table: "el_raw",
        where: `timestamp is null or ${ts("timestamp")} is null`,
        code: "bad_timestamp",
        field: ev.timestamp,
        expected: "an ISO 8601 timestamp",
        found: "timestamp",
        message: (n) => `${n} timestamp${n === 1 ? "" : "s"} missing or unreadable`,
      },
      ...(zone
        ? []
        : [
            {
              table: "el_raw",
              where: `${ts("timestamp")} is not null and not ${hasZone}`,
              code: "timestamp_without_zone",
              field: ev.timestamp,
              expected: "a timestamp with a zone (or eventlog.assume_timezone in missions.yaml)",
              found: "timestamp",
              message: (n: number) =>
                `${n} timestamp${n === 1 ? "" : "s"} without a zone: the instant would be ambiguous`,
            },
          ]),
    ],
    issues,
  );
  // Mission of each event: the process column, else the file's name.
  const missionValue = `coalesce(process, regexp_replace(src_file, '^(.*/)?([^/]+?)(\\.[^./]+)?$', '\\2'))`;
  await engine.run(`create or replace temp table el_e as
    select src_file, src_loc, case_id, activity, ${tsExpr} as ts, resource, lower(coalesce(lifecycle, 'complete')) as lifecycle,
      ${missionValue} as mission_value, status ${kpiColumns.map((_, i) => `, ${sqlIdent(`kpi_${i}`)}`).join("")}
    from el_raw where case_id is not null and activity is not null and (${tsExpr}) is not null`);
  if (!config) {
    await engine.run(
      `insert into cfg_missions select distinct mission_value, mission_value, mission_value, 'Read from an event log without missions.yaml (first look).', null, null, null from el_e order by 1`,
    );
    await engine.run(
      `insert into cfg_kpis select distinct mission_value, '${FIRST_LOOK_KPI}', 'cycle_time_hours', 'lower_is_better', true, 'hours', null, null, null from el_e order by 1`,
    );
  }
  await engine.run(`create or replace temp table el_m as
    select e.*, m.mission_id, m.mission_id || '/' || e.case_id as run_key from el_e e join cfg_missions m on m.match = e.mission_value`);
  const unknown = await engine.rows(
    `select count(*) as n, list(distinct mission_value)[1:5] as vals from el_e where mission_value not in (select match from cfg_missions)`,
  );
  if (Number(unknown[0]?.n ?? 0) > 0)
    issues.push({
      severity: "warning",
      code: "unmapped_mission",
      field: ev.process,
      expected: "a mission's match in missions.yaml",
      found: JSON.stringify(unknown[0]?.vals ?? []),
      message: `${Number(unknown[0]?.n)} events of processes no mission of missions.yaml matches are ignored`,
    });
  const cases = await engine.rows(
    `select count(*) as n from (select case_id from el_m group by case_id having count(distinct mission_id) > 1)`,
  );
  const runId = Number(cases[0]?.n ?? 0) > 0 ? "run_key" : "case_id";
  const signalNames = [...sig.intervention, ...sig.escalation];
  // Executions: the k-th start of an activity in a case pairs with its k-th complete.
  await engine.run(`create or replace temp view el_pairs as
    with ordered as (
      select *, lag(ts) over (partition by mission_id, case_id order by ts, src_file, src_loc) as prev_ts,
        last_value(case when lifecycle = 'complete' then ts end ignore nulls) over (partition by mission_id, case_id order by ts, src_file, src_loc rows between unbounded preceding and 1 preceding) as prev_complete
      from el_m where activity not in ${sqlList(signalNames)}),
    starts as (select *, row_number() over (partition by mission_id, case_id, activity order by ts, src_file, src_loc) as k from ordered where lifecycle = 'start'),
    completes as (select *, row_number() over (partition by mission_id, case_id, activity order by ts, src_file, src_loc) as k from ordered where lifecycle = 'complete')
    select c.${runId} as run_id, c.mission_id, c.case_id, c.activity, coalesce(s.resource, c.resource) as resource,
      coalesce(s.ts, c.prev_ts, c.ts) as work_start, c.ts as end_ts,
      case when s.ts is not null then coalesce(s.prev_complete, s.ts) end as wait_start,
      row_number() over (partition by c.mission_id, c.case_id, c.activity order by c.ts desc, c.src_file desc, c.src_loc desc) = 1 as last_attempt
    from completes c left join starts s on s.mission_id = c.mission_id and s.case_id = c.case_id and s.activity = c.activity and s.k = c.k`);
  const patterns = ev.agent_resources.map((p) => `p.resource like ${sqlString(p)}`).join(" or ") || "false";
  await engine.run(`create or replace temp view src_execs as
    select p.run_id, p.mission_id, p.activity as task_match, p.resource as agent_id,
      case when coalesce(t.requires_approval, false) and p.wait_start is not null then p.wait_start else p.work_start end as start_ts,
      p.end_ts,
      case when coalesce(t.requires_approval, false) and p.wait_start is not null then ${minutesBetween("p.wait_start", "p.work_start")} else 0 end as wait_minutes,
      coalesce(t.requires_approval, false) as approval_required,
      case when p.last_attempt then case when coalesce(t.requires_approval, false) then 'approved' else 'completed' end
           else case when coalesce(t.requires_approval, false) then 'rejected' else 'failed' end end as outcome,
      ${config ? `coalesce(t.automated, false) and p.resource is not null and not (${patterns})` : "false"} as human_on_automated
    from el_pairs p left join cfg_tasks t on t.mission_id = p.mission_id and t.match = p.activity`);
  await engine.run(`create or replace temp view src_runs as
    with h as (select run_id, count(*) filter (where human_on_automated) as n from src_execs group by run_id),
    g as (select ${runId} as run_id, mission_id, min(ts) as start_ts, max(ts) as end_ts,
      coalesce(max(case when status in ('completed','failed','aborted','partial') then status end), 'completed') as status,
      count(*) filter (where activity in ${sqlList(sig.intervention)}) as interventions,
      count(*) filter (where activity in ${sqlList(sig.escalation)}) as escalations
      from el_m group by ${runId}, mission_id)
    select g.run_id, g.mission_id, g.start_ts, g.end_ts, g.status, g.interventions + coalesce(h.n, 0) as human_interventions, g.escalations
    from g left join h using (run_id)`);
  const kpiSelects = [
    `select run_id, 'cycle_time_hours' as kpi_match, ${minutesBetween("start_ts", "end_ts")} / 60.0 as value from src_runs`,
    `select run_id, 'cycle_time_minutes', ${minutesBetween("start_ts", "end_ts")} from src_runs`,
    `select r.run_id, 'rework_count', coalesce(x.n, 0) from src_runs r left join (select run_id, count(*) as n from src_execs where outcome in ('rejected', 'failed') group by run_id) x using (run_id)`,
    ...kpiColumns.map(
      (c, i) =>
        `select ${runId}, ${sqlString(c)}, arg_max(try_cast(${sqlIdent(`kpi_${i}`)} as DOUBLE), ts) filter (where try_cast(${sqlIdent(`kpi_${i}`)} as DOUBLE) is not null) from el_m group by ${runId}`,
    ),
  ];
  await engine.run(`create or replace temp view src_kpi_values as ${kpiSelects.join(" union all ")}`);
  await engine.run(`create or replace temp view src_risks as
    select null::VARCHAR as event_id, null::VARCHAR as run_id, null::VARCHAR as mission_id, null::VARCHAR as task_match,
      null::VARCHAR as risk_type, null::VARCHAR as severity, null::TIMESTAMPTZ as detected_ts, null::VARCHAR as status, null::VARCHAR as description
    where false`);
  const kpiNames = (await engine.rows("select distinct kpi from cfg_kpis order by kpi")).map((r) =>
    String(r.kpi),
  );
  await createCanonicalViews(engine, kpiNames);
  if (config) await unmatchedTaskWarnings(engine, "activities named", issues);
  const shown = [...raw.files, ...ocel].map((f) => f.slice(folder.length + 1)).join(", ") || "none";
  return [
    `event log: ${shown}${config ? "" : " (no missions.yaml: first look)"}`,
    `run = case (${ev.case}); task execution = activity (${ev.activity}) completed at ${ev.timestamp}, started at its ${ev.lifecycle} = start event or the case's previous event`,
    `mission = ${ev.process} column, else the file name${config ? ", matched in missions.yaml" : ""}`,
    config
      ? `KPI values = ${DERIVED_EVENTLOG_KPIS.join(", ")} (derived) or case columns; interventions = people on automated activities + activities ${sig.intervention.join("/")}`
      : `primary KPI = ${FIRST_LOOK_KPI} (lower is better, no target); tasks = activities, estimated at their median minutes`,
    "rework (an activity repeated in a case) = extra task executions, all but the last unsuccessful",
  ];
}
