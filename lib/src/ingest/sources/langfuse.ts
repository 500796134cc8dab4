/**
 * Langfuse export (blob-storage / scheduled export, or the UI/API export): `traces`, `observations`
 * and `scores`, each a file or a folder of files in JSONL, JSON, CSV or Parquet. Field names are
 * accepted as the blob export writes them (snake_case: `trace_id`, `start_time`,
 * `parent_observation_id`, `status_message`, `data_type`…) and as the public API / UI export
 * writes them (camelCase: `traceId`, `startTime`…). Timestamps without a zone are UTC, as Langfuse
 * documents for its export (`YYYY-MM-DD HH:MM:SS.ffffff`).
 *
 * A trace is a run; its mission is the trace name, a tag or a metadata key; observations of the
 * task types directly under the trace are task executions; numeric trace-level scores are KPI
 * values; events name interventions, escalations, approvals and holds; WARNING/ERROR levels and
 * GUARDRAIL observations are risk events.
 */
import type { DataIssue } from "../../model/issues";
import { sqlString, type Engine } from "../engine";
import type { SourceConfig } from "./config";
import {
  createCanonicalViews,
  readRawTable,
  runChecks,
  sqlList,
  tableFiles,
  unmatchedTaskWarnings,
  type FieldSpec,
} from "./source-kit";

const TRACE_FIELDS: readonly FieldSpec[] = [
  { key: "id", names: ["id"], required: true },
  { key: "name", names: ["name"] },
  { key: "timestamp", names: ["timestamp"], required: true, time: true },
  { key: "tags", names: ["tags"], json: true },
  { key: "metadata", names: ["metadata"], json: true },
  { key: "session_id", names: ["session_id", "sessionId"] },
  { key: "user_id", names: ["user_id", "userId"] },
];

const OBSERVATION_FIELDS: readonly FieldSpec[] = [
  { key: "id", names: ["id"], required: true },
  { key: "trace_id", names: ["trace_id", "traceId"], required: true },
  { key: "type", names: ["type"], required: true },
  { key: "name", names: ["name"] },
  { key: "start_time", names: ["start_time", "startTime"], required: true, time: true },
  { key: "end_time", names: ["end_time", "endTime"], time: true },
  { key: "parent", names: ["parent_observation_id", "parentObservationId"] },
  { key: "level", names: ["level"] },
  { key: "status_message", names: ["status_message", "statusMessage"] },
  { key: "metadata", names: ["metadata"], json: true },
];

const SCORE_FIELDS: readonly FieldSpec[] = [
  { key: "id", names: ["id"] },
  { key: "trace_id", names: ["trace_id", "traceId"], required: true },
  { key: "observation_id", names: ["observation_id", "observationId"] },
  { key: "name", names: ["name"], required: true },
  { key: "value", names: ["value"] },
  { key: "data_type", names: ["data_type", "dataType"] },
  { key: "source", names: ["source"] },
  { key: "timestamp", names: ["timestamp"], time: true },
];

/** True when `folder` looks like a Langfuse export (traces and observations tables). */
export function isLangfuseFolder(folder: string): boolean {
  return tableFiles(folder, "traces").length > 0 && tableFiles(folder, "observations").length > 0;
}

const metaText = (col: string, key: string): string =>
  `nullif(trim(json_extract_string(${col}, ${sqlString(`$.${JSON.stringify(key)}`)})), '')`;

/**
 * Reads a Langfuse export folder, checks its required fields and creates the canonical views.
 * Problems go to `issues`; returns the mapping lines to print.
 */
export async function buildLangfuseViews(
  engine: Engine,
  folder: string,
  config: SourceConfig,
  issues: DataIssue[],
): Promise<string[]> {
  const lf = config.langfuse;
  const sig = config.signals;
  const traceFiles = tableFiles(folder, "traces");
  const obsFiles = tableFiles(folder, "observations");
  const scoreFiles = tableFiles(folder, "scores");
  await readRawTable(engine, folder, "lf_traces", traceFiles, TRACE_FIELDS, issues);
  await readRawTable(engine, folder, "lf_obs", obsFiles, OBSERVATION_FIELDS, issues);
  await readRawTable(engine, folder, "lf_scores", scoreFiles, SCORE_FIELDS, issues);
  const readFailed = issues.some((i) => i.severity === "error");

  await runChecks(
    engine,
    [
      {
        table: "lf_traces",
        where: "id is null",
        code: "missing_field",
        field: "id",
        expected: "a trace id",
        found: "null",
        message: (n) => `${n} trace${n === 1 ? "" : "s"} without id`,
      },
      {
        table: "lf_traces",
        where: "id in (select id from lf_traces group by id having count(*) > 1)",
        code: "duplicate_id",
        field: "id",
        expected: "a unique trace id",
        found: "id",
        message: (n) => `${n} traces share an id with another`,
      },
      {
        table: "lf_traces",
        where: "timestamp_ts is null",
        code: "bad_timestamp",
        field: "timestamp",
        expected: "a timestamp (ISO 8601, or YYYY-MM-DD HH:MM:SS[.ffffff] in UTC)",
        found: "timestamp",
        message: (n) => `${n} trace timestamp${n === 1 ? "" : "s"} missing or unreadable`,
      },
      {
        table: "lf_obs",
        where: "id is null",
        code: "missing_field",
        field: "id",
        expected: "an observation id",
        found: "null",
        message: (n) => `${n} observation${n === 1 ? "" : "s"} without id`,
      },
      {
        table: "lf_obs",
        where: "trace_id is null",
        code: "missing_field",
        field: "trace_id",
        expected: "the id of its trace",
        found: "null",
        message: (n) => `${n} observation${n === 1 ? "" : "s"} without trace id`,
      },
      {
        table: "lf_obs",
        where: "start_time_ts is null",
        code: "bad_timestamp",
        field: "start_time",
        expected: "a timestamp",
        found: "start_time",
        message: (n) => `${n} observation start time${n === 1 ? "" : "s"} missing or unreadable`,
      },
      {
        table: "lf_obs",
        where: "end_time is not null and end_time_ts is null",
        code: "bad_timestamp",
        field: "end_time",
        expected: "a timestamp",
        found: "end_time",
        message: (n) => `${n} observation end time${n === 1 ? "" : "s"} unreadable`,
      },
      {
        table: "lf_obs",
        where: "end_time_ts < start_time_ts",
        code: "end_before_start",
        field: "end_time",
        expected: "an end time not before start_time",
        found: "end_time",
        message: (n) => `${n} observation${n === 1 ? " ends" : "s end"} before starting`,
      },
      {
        table: "lf_scores",
        where: "name is null",
        code: "missing_field",
        field: "name",
        expected: "a score name",
        found: "null",
        message: (n) => `${n} score${n === 1 ? "" : "s"} without name`,
      },
      ...(readFailed
        ? []
        : [
            {
              table: "lf_obs",
              where:
                "trace_id is not null and trace_id not in (select id from lf_traces where id is not null)",
              code: "unknown_reference",
              field: "trace_id",
              expected: "the id of a trace in traces",
              found: "trace_id",
              message: (n: number) => `${n} observation${n === 1 ? " names" : "s name"} an unknown trace`,
            },
            {
              table: "lf_scores",
              where:
                "trace_id is not null and trace_id not in (select id from lf_traces where id is not null)",
              code: "unknown_reference",
              field: "trace_id",
              expected: "the id of a trace in traces",
              found: "trace_id",
              message: (n: number) => `${n} score${n === 1 ? " names" : "s name"} an unknown trace`,
              warning: true,
            },
          ]),
    ],
    issues,
  );

  const missionExpr =
    lf.mission_from === "name"
      ? "t.name"
      : lf.mission_from === "metadata"
        ? metaText("try_cast(t.metadata as JSON)", lf.mission_key)
        : `substr(list_filter(from_json(try_cast(t.tags as JSON), '["VARCHAR"]'), x -> starts_with(x, ${sqlString(`${lf.mission_key}:`)}))[1], ${lf.mission_key.length + 2})`;
  await engine.run(`create or replace temp table lf_t as
    select t.id as run_id, m.mission_id, t.timestamp_ts as start_ts, try_cast(t.metadata as JSON) as metadata, t.src_file, t.src_loc, t.loc_kind,
      ${missionExpr} as mission_value
    from lf_traces t left join cfg_missions m on m.match = ${missionExpr}
    where t.id is not null and t.timestamp_ts is not null`);
  const unknown = await engine.rows(
    `select count(*) as n, count(distinct mission_value) as k, list(distinct mission_value)[1:5] as vals from lf_t where mission_id is null`,
  );
  if (Number(unknown[0]?.n ?? 0) > 0)
    issues.push({
      severity: "warning",
      code: "unmapped_mission",
      field:
        lf.mission_from === "name"
          ? "name"
          : lf.mission_from === "tag"
            ? "tags"
            : `metadata.${lf.mission_key}`,
      expected: "a mission's match in missions.yaml",
      found: JSON.stringify(unknown[0]?.vals ?? []),
      message: `${Number(unknown[0]?.n)} traces of ${Number(unknown[0]?.k)} names that no mission of missions.yaml matches are ignored`,
    });
  await engine.run(`create or replace temp table lf_o as
    select o.id, o.trace_id, o.type, o.name, nullif(o.parent, '') as parent, coalesce(o.level, 'DEFAULT') as level, o.status_message,
      -- metadata is read only where a rule uses it: task observations and risk observations
      case when nullif(o.parent, '') is null or o.type in ${sqlList(lf.risk_types)} or o.level in ${sqlList(lf.risk_levels)} then try_cast(o.metadata as JSON) end as metadata,
      o.start_time_ts as start_ts, coalesce(o.end_time_ts, o.start_time_ts) as end_ts, t.mission_id
    from lf_obs o join lf_t t on t.run_id = o.trace_id
    where t.mission_id is not null and o.id is not null and o.start_time_ts is not null`);
  await engine.run(`create or replace temp view lf_tasks as
    select * from lf_o where parent is null and type in ${sqlList(lf.task_types)}`);
  // Waits: a request event to the first matching end event under the same task observation.
  await engine.run(`create or replace temp view lf_waits as
    with req as (
      select parent, start_ts, case when name in ${sqlList(sig.approval_request)} then 'A' else 'H' end as kind
      from lf_o where parent is not null and (name in ${sqlList(sig.approval_request)} or name in ${sqlList(sig.hold_start)})),
    fin as (
      select parent, start_ts, case when name in ${sqlList(sig.hold_end)} then 'H' else 'A' end as kind
      from lf_o where parent is not null and (name in ${sqlList([...sig.approved, ...sig.rejected])} or name in ${sqlList(sig.hold_end)}))
    select r.parent, r.kind, r.start_ts, f.start_ts as end_ts
    from req r asof left join fin f on f.parent = r.parent and f.kind = r.kind and r.start_ts <= f.start_ts`);
  await engine.run(`create or replace temp view src_execs as
    with w as (
      select w.parent, sum(${"epoch_ms(coalesce(w.end_ts, o.end_ts)) - epoch_ms(w.start_ts)"}) / 60000.0 as wait_minutes,
        bool_or(w.kind = 'A') as approval
      from lf_waits w join lf_tasks o on o.id = w.parent group by w.parent),
    flags as (
      select parent, bool_or(name in ${sqlList(sig.rejected)}) as rejected, bool_or(name in ${sqlList(sig.escalation)}) as escalated
      from lf_o where parent is not null group by parent)
    select o.trace_id as run_id, o.mission_id, o.name as task_match,
      ${metaText("o.metadata", lf.agent_key)} as agent_id, o.start_ts, o.end_ts,
      coalesce(w.wait_minutes, 0) as wait_minutes, coalesce(w.approval, false) as approval_required,
      coalesce(
        case when ${metaText("o.metadata", lf.outcome_key)} in ('completed','approved','rejected','escalated','failed','skipped') then ${metaText("o.metadata", lf.outcome_key)} end,
        case when o.level = 'ERROR' then 'failed' when f.rejected then 'rejected' when f.escalated then 'escalated'
             when coalesce(w.approval, false) then 'approved' else 'completed' end) as outcome,
      o.level
    from lf_tasks o left join w on w.parent = o.id left join flags f on f.parent = o.id`);
  await engine.run(`create or replace temp view src_risks as
    select o.id as event_id, o.trace_id as run_id, o.mission_id,
      case when o.parent is null then o.name else p.name end as task_match,
      case when o.type in ${sqlList(lf.risk_types)} then coalesce(o.name, lower(o.type)) else lower(o.level) end as risk_type,
      coalesce(case when ${metaText("o.metadata", "severity")} in ('low','medium','high') then ${metaText("o.metadata", "severity")} end,
        case o.level when 'ERROR' then 'high' when 'WARNING' then 'medium' else 'low' end) as severity,
      o.start_ts as detected_ts,
      coalesce(case when ${metaText("o.metadata", lf.risk_status_key)} in ('open','mitigated','closed') then ${metaText("o.metadata", lf.risk_status_key)} end,
        ${sqlString(lf.risk_default_status)}) as status,
      o.status_message as description
    from lf_o o left join lf_tasks p on p.id = o.parent
    where o.type in ${sqlList(lf.risk_types)} or o.level in ${sqlList(lf.risk_levels)}`);
  await engine.run(`create or replace temp view src_runs as
    with ends as (select trace_id, max(greatest(start_ts, end_ts)) as end_ts from lf_o group by trace_id),
    counts as (select trace_id, count(*) filter (where name in ${sqlList(sig.intervention)}) as interventions,
      count(*) filter (where name in ${sqlList(sig.escalation)}) as escalations from lf_o group by trace_id),
    notes as (select trace_id, count(*) as n from lf_scores where source = 'ANNOTATION' and name in ${sqlList(lf.intervention_scores)} group by trace_id),
    failed as (select distinct run_id from src_execs where level = 'ERROR')
    select t.run_id, t.mission_id, t.start_ts, greatest(t.start_ts, coalesce(e.end_ts, t.start_ts)) as end_ts,
      coalesce(case when ${metaText("t.metadata", lf.status_key)} in ('completed','failed','aborted','partial') then ${metaText("t.metadata", lf.status_key)} end,
        case when f.run_id is not null then 'failed' else 'completed' end) as status,
      coalesce(c.interventions, 0) + coalesce(nn.n, 0) as human_interventions, coalesce(c.escalations, 0) as escalations
    from lf_t t left join ends e on e.trace_id = t.run_id left join counts c on c.trace_id = t.run_id
    left join notes nn on nn.trace_id = t.run_id left join failed f on f.run_id = t.run_id
    where t.mission_id is not null`);
  await engine.run(`create or replace temp view src_kpi_values as
    select trace_id as run_id, name as kpi_match, arg_max(try_cast(value as DOUBLE), coalesce(timestamp_ts, 'epoch'::TIMESTAMPTZ)) as value
    from lf_scores where (observation_id is null or observation_id = '') and try_cast(value as DOUBLE) is not null
      and coalesce(upper(data_type), 'NUMERIC') in ('NUMERIC', 'BOOLEAN')
    group by trace_id, name`);
  const kpiNames = (await engine.rows("select distinct kpi from cfg_kpis order by kpi")).map((r) =>
    String(r.kpi),
  );
  await createCanonicalViews(engine, kpiNames);
  await unmatchedTaskWarnings(engine, "observations named", issues);
  const files = (list: readonly string[]) =>
    list.length === 0 ? "none" : list.map((f) => f.slice(folder.length + 1)).join(", ");
  return [
    `traces: ${files(traceFiles)}; observations: ${files(obsFiles)}; scores: ${files(scoreFiles)}`,
    `run = trace (id → run_id, timestamp → start_time, last observation end → end_time, metadata.${lf.status_key} → status)`,
    `mission = trace ${lf.mission_from === "name" ? "name" : lf.mission_from === "tag" ? `tag ${lf.mission_key}:<mission>` : `metadata.${lf.mission_key}`}, matched in missions.yaml`,
    `task execution = observation of type ${lf.task_types.join("/")} directly under the trace (name → task)`,
    `KPI values = numeric trace-level scores; interventions = events ${sig.intervention.join("/")}; escalations = events ${sig.escalation.join("/")}`,
    `risk events = observations of type ${lf.risk_types.join("/") || "none"} or level ${lf.risk_levels.join("/") || "none"}`,
  ];
}
