/**
 * OpenTelemetry GenAI spans exported as OTLP JSON: each file one `ExportTraceServiceRequest`
 * (`.json`) or one per line (`.jsonl`, as the collector's file exporter writes):
 * `resourceSpans[] → scopeSpans[] → spans[]`, attributes as `{key, value: {stringValue |
 * intValue | doubleValue | boolValue}}` lists, times as nanoseconds since the epoch.
 *
 * A span whose `gen_ai.operation.name` is a workflow operation (`invoke_workflow`) is a run, its
 * mission `gen_ai.workflow.name`; its child spans with a task operation (`invoke_agent`,
 * `execute_tool`) are task executions, the task `gen_ai.agent.name` or `gen_ai.tool.name`; KPI values
 * are workflow attributes `mission.kpi.<name>`; span events carry interventions, escalations,
 * approvals, holds and risks. Every attribute and operation name is configurable (the GenAI
 * conventions are still moving).
 */
import type { DataIssue } from "../../model/issues";
import { sqlString, type Engine } from "../engine";
import type { SourceConfig } from "./config";
import { dataFiles } from "./detect";
import { createCanonicalViews, fileFormatOf, runChecks, sqlList, unmatchedTaskWarnings } from "./source-kit";

const attrMap = (list: string): string =>
  `map_from_entries(list_transform(coalesce(${list}, []), a -> struct_pack(k := json_extract_string(a, '$.key'),
    v := coalesce(json_extract_string(a, '$.value.stringValue'), json_extract_string(a, '$.value.intValue'),
      json_extract_string(a, '$.value.doubleValue'), json_extract_string(a, '$.value.boolValue')))))`;
const nanos = (expr: string): string => `to_timestamp(try_cast(${expr} as HUGEINT) / 1e9)`;
const attr = (map: string, key: string): string => `map_extract_value(${map}, ${sqlString(key)})`;

/**
 * Reads the OTLP JSON files of `folder`, checks the spans' required fields and creates the
 * canonical views. Problems go to `issues`; returns the mapping lines to print.
 */
export async function buildOtelViews(
  engine: Engine,
  folder: string,
  config: SourceConfig,
  issues: DataIssue[],
): Promise<string[]> {
  const o = config.otel;
  const sig = config.signals;
  const files = dataFiles(folder).filter((f) => fileFormatOf(f) === "json" || fileFormatOf(f) === "jsonl");
  const docs = files.map((f) => {
    const shown = f.slice(folder.length + 1);
    return fileFormatOf(f) === "jsonl"
      ? `select ${sqlString(shown)} as src_file, i as src_loc, try_cast(t as JSON) as j, t from (select unnest(s) as t, generate_subscripts(s, 1) as i from (select string_split(replace(content, chr(13), ''), chr(10)) as s from read_text(${sqlString(f)}))) where trim(t) <> ''`
      : `select ${sqlString(shown)} as src_file, 1 as src_loc, try_cast(content as JSON) as j, content as t from read_text(${sqlString(f)})`;
  });
  await engine.run(
    `create or replace temp table ot_docs as ${docs.length > 0 ? docs.join(" union all ") : "select null::VARCHAR as src_file, null::BIGINT as src_loc, null::JSON as j, null::VARCHAR as t where false"}`,
  );
  await engine.run(
    `create or replace temp table ot_bad as select src_file, src_loc, 'line' as loc_kind, t from ot_docs where j is null or json_type(j) <> 'OBJECT'`,
  );
  await runChecks(
    engine,
    [
      {
        table: "ot_bad",
        where: "true",
        code: "bad_json",
        field: "(document)",
        expected: "an OTLP JSON ExportTraceServiceRequest object",
        found: "t",
        message: (n) => `${n} document${n === 1 ? " is" : "s are"} not a JSON object`,
      },
    ],
    issues,
  );
  await engine.run(`create or replace temp table ot_spans as
    with rs as (select src_file, src_loc, unnest(r) as r, generate_subscripts(r, 1) - 1 as ri
      from (select src_file, src_loc, json_extract(j, '$.resourceSpans[*]') as r from ot_docs where json_type(j) = 'OBJECT')),
    ss as (select src_file, src_loc, ri, unnest(s) as s, generate_subscripts(s, 1) - 1 as si
      from (select *, json_extract(r, '$.scopeSpans[*]') as s from rs)),
    sp as (select src_file, src_loc, ri, si, unnest(p) as p, generate_subscripts(p, 1) - 1 as pi
      from (select *, json_extract(s, '$.spans[*]') as p from ss))
    select src_file, src_loc, 'line' as loc_kind, 'resourceSpans[' || ri || '].scopeSpans[' || si || '].spans[' || pi || ']' as path,
      nullif(json_extract_string(p, '$.traceId'), '') as trace_id, nullif(json_extract_string(p, '$.spanId'), '') as span_id,
      nullif(json_extract_string(p, '$.parentSpanId'), '') as parent_id, json_extract_string(p, '$.name') as name,
      json_extract_string(p, '$.startTimeUnixNano') as start_text, json_extract_string(p, '$.endTimeUnixNano') as end_text,
      ${nanos("json_extract_string(p, '$.startTimeUnixNano')")} as start_ts, ${nanos("json_extract_string(p, '$.endTimeUnixNano')")} as end_ts,
      json_extract_string(p, '$.status.code') in ('2', 'STATUS_CODE_ERROR') as is_error,
      ${attrMap("json_extract(p, '$.attributes[*]')")} as attrs,
      json_extract(p, '$.events[*]') as events
    from sp`);
  await runChecks(
    engine,
    [
      {
        table: "ot_spans",
        where: "trace_id is null",
        code: "missing_field",
        field: "traceId",
        expected: "a trace id",
        found: "path",
        message: (n) => `${n} span${n === 1 ? "" : "s"} without traceId`,
      },
      {
        table: "ot_spans",
        where: "span_id is null",
        code: "missing_field",
        field: "spanId",
        expected: "a span id",
        found: "path",
        message: (n) => `${n} span${n === 1 ? "" : "s"} without spanId`,
      },
      {
        table: "ot_spans",
        where: "start_ts is null",
        code: "bad_timestamp",
        field: "startTimeUnixNano",
        expected: "nanoseconds since 1970 (integer text)",
        found: "path || ' = ' || coalesce(start_text, 'nothing')",
        message: (n) => `${n} span start time${n === 1 ? "" : "s"} missing or unreadable`,
      },
      {
        table: "ot_spans",
        where: "end_ts is null",
        code: "bad_timestamp",
        field: "endTimeUnixNano",
        expected: "nanoseconds since 1970 (integer text)",
        found: "path || ' = ' || coalesce(end_text, 'nothing')",
        message: (n) => `${n} span end time${n === 1 ? "" : "s"} missing or unreadable`,
      },
      {
        table: "ot_spans",
        where: "end_ts < start_ts",
        code: "end_before_start",
        field: "endTimeUnixNano",
        expected: "an end not before startTimeUnixNano",
        found: "path",
        message: (n) => `${n} span${n === 1 ? " ends" : "s end"} before starting`,
      },
      {
        table: "ot_spans",
        where: `${attr("attrs", o.operation)} in ${sqlList(o.workflow_operations)} and ${attr("attrs", o.workflow_name)} is null`,
        code: "missing_field",
        field: o.workflow_name,
        expected: "the workflow's name (the mission)",
        found: "path",
        message: (n) => `${n} workflow span${n === 1 ? "" : "s"} without ${o.workflow_name}`,
      },
    ],
    issues,
  );
  await engine.run(
    `create or replace temp table ot_s as select * from ot_spans where trace_id is not null and span_id is not null and start_ts is not null and end_ts is not null`,
  );
  await engine.run(`create or replace temp table ot_w as
    select s.trace_id || '/' || s.span_id as wf, s.span_id, s.trace_id, m.mission_id, s.start_ts, s.end_ts, s.is_error, s.attrs, ${attr("s.attrs", o.workflow_name)} as mission_value
    from ot_s s left join cfg_missions m on m.match = ${attr("s.attrs", o.workflow_name)}
    where ${attr("s.attrs", o.operation)} in ${sqlList(o.workflow_operations)}`);
  const unknown = await engine.rows(
    `select count(*) as n, list(distinct mission_value)[1:5] as vals from ot_w where mission_id is null`,
  );
  if (Number(unknown[0]?.n ?? 0) > 0)
    issues.push({
      severity: "warning",
      code: "unmapped_mission",
      field: o.workflow_name,
      expected: "a mission's match in missions.yaml",
      found: JSON.stringify(unknown[0]?.vals ?? []),
      message: `${Number(unknown[0]?.n)} workflow spans whose ${o.workflow_name} no mission of missions.yaml matches are ignored`,
    });
  const runCount = await engine.rows(
    `select count(*) as n, count(distinct trace_id) as t from ot_w where mission_id is not null`,
  );
  const runIdExpr = Number(runCount[0]?.n) === Number(runCount[0]?.t) ? "w.trace_id" : "w.wf";
  await engine.run(`create or replace temp table ot_t as
    select ${runIdExpr} as run_id, w.mission_id, s.span_id, s.trace_id, s.name, s.start_ts, s.end_ts, s.is_error, s.attrs, s.events,
      coalesce(${attr("s.attrs", o.agent_name)}, ${attr("s.attrs", o.tool_name)}, s.name) as task_match
    from ot_s s join ot_w w on w.trace_id = s.trace_id and w.span_id = s.parent_id
    where w.mission_id is not null and ${attr("s.attrs", o.operation)} in ${sqlList(o.task_operations)}`);
  await engine.run(`create or replace temp table ot_ev as
    select t.run_id, t.mission_id, t.span_id, t.task_match, unnest(t.events) as e, generate_subscripts(t.events, 1) as ei from ot_t t
    union all
    select ${runIdExpr}, w.mission_id, null, null, unnest(s.events), generate_subscripts(s.events, 1)
    from ot_s s join ot_w w on w.trace_id = s.trace_id and w.span_id = s.span_id where w.mission_id is not null`);
  await engine.run(`create or replace temp view ot_events as
    select run_id, mission_id, span_id, task_match, ei, json_extract_string(e, '$.name') as name,
      ${nanos("json_extract_string(e, '$.timeUnixNano')")} as at_ts, ${attrMap("json_extract(e, '$.attributes[*]')")} as attrs
    from ot_ev`);
  await engine.run(`create or replace temp view ot_waits as
    with req as (select span_id, at_ts, case when name in ${sqlList(sig.approval_request)} then 'A' else 'H' end as kind
      from ot_events where span_id is not null and (name in ${sqlList(sig.approval_request)} or name in ${sqlList(sig.hold_start)})),
    fin as (select span_id, at_ts, case when name in ${sqlList(sig.hold_end)} then 'H' else 'A' end as kind
      from ot_events where span_id is not null and (name in ${sqlList([...sig.approved, ...sig.rejected])} or name in ${sqlList(sig.hold_end)}))
    select r.span_id, r.kind, r.at_ts, f.at_ts as end_at from req r asof left join fin f on f.span_id = r.span_id and f.kind = r.kind and r.at_ts <= f.at_ts`);
  await engine.run(`create or replace temp view src_execs as
    with w as (select w.span_id, sum(epoch_ms(coalesce(w.end_at, t.end_ts)) - epoch_ms(w.at_ts)) / 60000.0 as wait_minutes, bool_or(w.kind = 'A') as approval
      from ot_waits w join ot_t t using (span_id) group by w.span_id),
    f as (select span_id, bool_or(name in ${sqlList(sig.rejected)}) as rejected, bool_or(name in ${sqlList(sig.escalation)}) as escalated
      from ot_events where span_id is not null group by span_id)
    select t.run_id, t.mission_id, t.task_match, coalesce(${attr("t.attrs", o.agent_id)}, ${attr("t.attrs", o.agent_name)}) as agent_id,
      t.start_ts, t.end_ts, coalesce(w.wait_minutes, 0) as wait_minutes, coalesce(w.approval, false) as approval_required,
      coalesce(case when ${attr("t.attrs", o.outcome)} in ('completed','approved','rejected','escalated','failed','skipped') then ${attr("t.attrs", o.outcome)} end,
        case when t.is_error then 'failed' when f.rejected then 'rejected' when f.escalated then 'escalated'
             when coalesce(w.approval, false) then 'approved' else 'completed' end) as outcome,
      t.is_error
    from ot_t t left join w using (span_id) left join f using (span_id)`);
  await engine.run(`create or replace temp view src_risks as
    select coalesce(span_id, run_id) || '-' || ei as event_id, run_id, mission_id, task_match,
      coalesce(map_extract_value(attrs, 'risk.type'), 'risk') as risk_type,
      case when map_extract_value(attrs, 'risk.severity') in ('low','medium','high') then map_extract_value(attrs, 'risk.severity') else 'medium' end as severity,
      at_ts as detected_ts,
      case when map_extract_value(attrs, 'risk.status') in ('open','mitigated','closed') then map_extract_value(attrs, 'risk.status') else 'open' end as status,
      map_extract_value(attrs, 'risk.description') as description
    from ot_events where name = ${sqlString(o.risk_event)}`);
  await engine.run(`create or replace temp view src_runs as
    with c as (select run_id, count(*) filter (where name in ${sqlList(sig.intervention)}) as interventions,
      count(*) filter (where name in ${sqlList(sig.escalation)}) as escalations from ot_events group by run_id),
    failed as (select distinct run_id from src_execs where is_error)
    select ${runIdExpr} as run_id, w.mission_id, w.start_ts, w.end_ts,
      coalesce(case when ${attr("w.attrs", o.status)} in ('completed','failed','aborted','partial') then ${attr("w.attrs", o.status)} end,
        case when w.is_error or f.run_id is not null then 'failed' else 'completed' end) as status,
      coalesce(c.interventions, 0) as human_interventions, coalesce(c.escalations, 0) as escalations
    from ot_w w left join c on c.run_id = ${runIdExpr} left join failed f on f.run_id = ${runIdExpr}
    where w.mission_id is not null`);
  await engine.run(`create or replace temp view src_kpi_values as
    select run_id, substr(k, ${o.kpi_prefix.length + 1}) as kpi_match, try_cast(v as DOUBLE) as value
    from (select ${runIdExpr} as run_id, unnest(map_keys(w.attrs)) as k, unnest(map_values(w.attrs)) as v from ot_w w where w.mission_id is not null)
    where starts_with(k, ${sqlString(o.kpi_prefix)}) and try_cast(v as DOUBLE) is not null`);
  const kpiNames = (await engine.rows("select distinct kpi from cfg_kpis order by kpi")).map((r) =>
    String(r.kpi),
  );
  await createCanonicalViews(engine, kpiNames);
  await unmatchedTaskWarnings(engine, "spans named", issues);
  return [
    `OTLP JSON: ${files.map((f) => f.slice(folder.length + 1)).join(", ") || "none"}`,
    `run = span with ${o.operation} in ${o.workflow_operations.join("/")} (mission = ${o.workflow_name}, KPI values = attributes ${o.kpi_prefix}<kpi>, status = ${o.status})`,
    `task execution = child span with ${o.operation} in ${o.task_operations.join("/")} (task = ${o.agent_name} or ${o.tool_name}, agent = ${o.agent_id})`,
    `span events: interventions ${sig.intervention.join("/")}, escalations ${sig.escalation.join("/")}, approvals ${sig.approval_request.join("/")} → ${[...sig.approved, ...sig.rejected].join("/")}, risks ${o.risk_event}`,
  ];
}
