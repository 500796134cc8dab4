/**
 * The generator's mission history written as the sources analysts really have: a Langfuse export
 * (traces, observations, scores as JSONL, blob-export field names), OpenTelemetry GenAI spans (OTLP
 * JSON, one export request per line) and a process-mining event log (CSV with XES keys), each with
 * the `missions.yaml` it needs. Every run, execution and risk comes from the same simulation as the
 * canonical tables; only the layout and the field names differ. Skipped task executions are not
 * written (a trace or a log has no record of work that did not happen).
 */
import { createHash } from "node:crypto";
import { stringify as stringifyYaml } from "yaml";
import type { RiskEvent } from "../model/dataset";
import type { MissionPlan } from "./mission-plan";
import { runRecords, type Portfolio } from "./portfolio";
import type { RunRecord, TaskExecutionRow } from "./simulate-run";

/** The source layouts the samples are written in. */
export type SampleKind = "langfuse" | "otel" | "eventlog";

/** One timed task execution of a run. */
interface TimedExecution {
  readonly row: TaskExecutionRow;
  /** Index of the execution in the run's rows. */
  readonly index: number;
  readonly startMs: number;
  /** When the agent's work ends and the human wait (if any) begins. */
  readonly workEndMs: number;
  readonly endMs: number;
  readonly skipped: boolean;
}

const MINUTE = 60_000;
const ms = (minutes: number): number => Math.round(minutes * MINUTE);

/**
 * Places each execution in time as the simulation does: a task starts when the tasks it depends on
 * have finished; repeated executions of a task follow each other; each takes its actual minutes,
 * then its human wait.
 */
function timeline(plan: MissionPlan, record: RunRecord): TimedExecution[] {
  const start = record.run.startMs;
  const finish = new Map<string, number>();
  const out: TimedExecution[] = [];
  for (const task of plan.tasks) {
    const def = task.definition;
    const ready = Math.max(0, ...def.dependsOn.map((d) => finish.get(d) ?? 0));
    let cursor = ready;
    record.executions.forEach((row, index) => {
      if (row.taskId !== def.taskId) return;
      const work = ms(row.actualMinutes);
      const wait = ms(row.humanDelayMinutes);
      out.push({
        row,
        index,
        startMs: start + cursor,
        workEndMs: start + cursor + work,
        endMs: start + cursor + work + wait,
        skipped: row.outcome === "skipped",
      });
      cursor += work + wait;
    });
    finish.set(def.taskId, cursor);
  }
  return out.sort((a, b) => a.startMs - b.startMs || a.index - b.index);
}

/** Langfuse's export time format: `YYYY-MM-DD HH:MM:SS.ffffff`, UTC, no zone. */
const langfuseTime = (t: number): string => new Date(t).toISOString().replace("T", " ").replace("Z", "000");
const isoTime = (t: number): string => new Date(t).toISOString();
const hex = (text: string, length: number): string =>
  createHash("sha256").update(text).digest("hex").slice(0, length);

/**
 * The `missions.yaml` of the portfolio for a source layout (missions, KPIs, task plans, and the
 * source section the samples need), after `header` (a comment).
 *
 * @example missionsYaml(planPortfolio({ preset: "demo" }), "otel", "").startsWith("source: otel") // → true
 */
export function missionsYaml(portfolio: Portfolio, kind: SampleKind, header: string): string {
  const missions = portfolio.plans.map((p) => ({
    id: p.mission.missionId,
    name: p.mission.name,
    ...(p.mission.description ? { description: p.mission.description } : {}),
    ...(p.mission.businessOwner ? { business_owner: p.mission.businessOwner } : {}),
    ...(p.mission.aiRole ? { ai_role: p.mission.aiRole } : {}),
    ...(p.mission.escalationPath ? { escalation_path: p.mission.escalationPath } : {}),
    kpis: p.kpis.map(({ spec: k }) => ({
      name: k.kpi,
      direction: k.direction,
      primary: k.primary,
      ...(k.unit ? { unit: k.unit } : {}),
      ...(k.baseline !== undefined ? { baseline: k.baseline } : {}),
      ...(k.target !== undefined ? { target: k.target } : {}),
      ...(k.targetDate ? { target_date: k.targetDate } : {}),
      ...(kind === "eventlog" ? { match: `case:${k.kpi}` } : {}),
    })),
    tasks: p.tasks.map(({ definition: t }) => ({
      id: t.taskId,
      name: t.name,
      estimated_minutes: t.estimatedMinutes,
      requires_approval: t.requiresApproval,
      ...(t.dependsOn.length > 0 ? { depends_on: [...t.dependsOn] } : {}),
    })),
  }));
  const sections: Record<string, unknown> = { source: kind, missions };
  if (kind === "langfuse") sections.langfuse = { risk_levels: [] }; // a failed task (level ERROR) is a failed execution, not also a risk
  if (kind === "eventlog") sections.eventlog = { agent_resources: ["%-agent-%"] };
  return `${header}${stringifyYaml(sections, { lineWidth: 0 })}`;
}

function jsonl(records: readonly unknown[]): string {
  return records.map((r) => `${JSON.stringify(r)}\n`).join("");
}

function interventionTimes(record: RunRecord): number[] {
  const n = record.run.humanInterventions;
  const span = record.run.endMs - record.run.startMs;
  return Array.from({ length: n }, (_, i) => record.run.startMs + Math.floor(((i + 1) * span) / (n + 1)));
}

/** The Langfuse export records of one run (blob-export field names). */
export interface LangfuseRunRecords {
  readonly traces: Record<string, unknown>[];
  readonly observations: Record<string, unknown>[];
  readonly scores: Record<string, unknown>[];
}

/**
 * The Langfuse export records of every run of the portfolio, one run at a time (memory stays flat,
 * so a million traces can be streamed to files).
 *
 * @example [...langfuseRunRecords(planPortfolio({ preset: "demo" }))].length // → 160
 */
export function* langfuseRunRecords(portfolio: Portfolio): Generator<LangfuseRunRecords, void, undefined> {
  const plans = new Map(portfolio.plans.map((p) => [p.mission.missionId, p]));
  const project = "demo-project";
  for (const record of runRecords(portfolio)) {
    const run = record.run;
    const plan = plans.get(run.missionId) as MissionPlan;
    const traces: Record<string, unknown>[] = [];
    const observations: Record<string, unknown>[] = [];
    const scores: Record<string, unknown>[] = [];
    traces.push({
      id: run.runId,
      project_id: project,
      timestamp: langfuseTime(run.startMs),
      name: run.missionId,
      environment: "production",
      tags: [],
      metadata: run.status === "aborted" || run.status === "partial" ? { status: run.status } : {},
      session_id: null,
      user_id: null,
    });
    let n = 0;
    const obs = (o: Record<string, unknown>): string => {
      const id = `${run.runId}-o${++n}`;
      observations.push({ id, trace_id: run.runId, project_id: project, environment: "production", ...o });
      return id;
    };
    const event = (parent: string | null, name: string, at: number, extra: Record<string, unknown> = {}) =>
      obs({
        type: "EVENT",
        name,
        start_time: langfuseTime(at),
        end_time: null,
        parent_observation_id: parent,
        level: "DEFAULT",
        status_message: null,
        metadata: {},
        ...extra,
      });
    const lastObsOfTask = new Map<string, string>();
    for (const e of timeline(plan, record)) {
      const row = e.row;
      const id = obs({
        type: "AGENT",
        name: row.taskId,
        start_time: langfuseTime(e.startMs),
        end_time: langfuseTime(e.endMs),
        parent_observation_id: null,
        level: row.outcome === "failed" ? "ERROR" : "DEFAULT",
        status_message: row.outcome === "failed" ? "task failed" : null,
        metadata: e.skipped ? { agent_id: row.agentId, outcome: "skipped" } : { agent_id: row.agentId },
      });
      lastObsOfTask.set(row.taskId, id);
      if (row.approvalRequired) {
        event(id, "approval_requested", e.workEndMs);
        event(id, row.outcome === "rejected" ? "approval_rejected" : "approval_granted", e.endMs);
      } else if (e.endMs > e.workEndMs) {
        event(id, "human_hold_started", e.workEndMs);
        event(id, "human_hold_ended", e.endMs);
      }
      if (row.outcome === "escalated") event(id, "escalation", e.workEndMs);
    }
    for (const at of interventionTimes(record)) event(null, "human_intervention", at);
    for (const r of record.riskEvents) risk(r, lastObsOfTask.get(r.taskId ?? "") ?? null);
    for (const [kpi, value] of Object.entries(run.kpis))
      scores.push({
        id: `${run.runId}-${kpi}`,
        project_id: project,
        timestamp: langfuseTime(run.endMs),
        trace_id: run.runId,
        observation_id: null,
        name: kpi,
        value,
        source: "API",
        data_type: "NUMERIC",
        comment: null,
      });
    function risk(r: RiskEvent, parent: string | null): void {
      observations.push({
        id: r.eventId,
        trace_id: run.runId,
        project_id: project,
        environment: "production",
        type: "GUARDRAIL",
        name: r.riskType,
        start_time: langfuseTime(r.detectedMs),
        end_time: langfuseTime(r.detectedMs),
        parent_observation_id: parent,
        level: r.severity === "high" ? "ERROR" : r.severity === "medium" ? "WARNING" : "DEFAULT",
        status_message: r.description ?? null,
        metadata: { status: r.status, severity: r.severity },
      });
    }
    yield { traces, observations, scores };
  }
}

function langfuseFiles(portfolio: Portfolio): Map<string, string> {
  const traces: unknown[] = [];
  const observations: unknown[] = [];
  const scores: unknown[] = [];
  for (const r of langfuseRunRecords(portfolio)) {
    traces.push(...r.traces);
    observations.push(...r.observations);
    scores.push(...r.scores);
  }
  return new Map([
    ["traces.jsonl", jsonl(traces)],
    ["observations.jsonl", jsonl(observations)],
    ["scores.jsonl", jsonl(scores)],
  ]);
}

type OtlpValue =
  { stringValue: string } | { intValue: string } | { doubleValue: number } | { boolValue: boolean };
const kv = (key: string, value: string | number): { key: string; value: OtlpValue } => ({
  key,
  value: typeof value === "number" ? { doubleValue: value } : { stringValue: value },
});
const nano = (t: number): string => `${t}000000`;

function otelFiles(portfolio: Portfolio): Map<string, string> {
  const lines: unknown[] = [];
  const plans = new Map(portfolio.plans.map((p) => [p.mission.missionId, p]));
  for (const record of runRecords(portfolio)) {
    const run = record.run;
    const plan = plans.get(run.missionId) as MissionPlan;
    const traceId = hex(run.runId, 32);
    const root = hex(`${run.runId}/root`, 16);
    const ev = (name: string, at: number, attributes: ReturnType<typeof kv>[] = []) => ({
      timeUnixNano: nano(at),
      name,
      attributes,
    });
    const spans: unknown[] = [];
    const taskSpans = new Map<string, { events: unknown[] }>();
    for (const e of timeline(plan, record)) {
      const row = e.row;
      const events: unknown[] = [];
      if (row.approvalRequired) {
        events.push(ev("approval_requested", e.workEndMs));
        events.push(ev(row.outcome === "rejected" ? "approval_rejected" : "approval_granted", e.endMs));
      } else if (e.endMs > e.workEndMs) {
        events.push(ev("human_hold_started", e.workEndMs), ev("human_hold_ended", e.endMs));
      }
      if (row.outcome === "escalated") events.push(ev("escalation", e.workEndMs));
      const span = {
        traceId,
        spanId: hex(`${run.runId}/${e.index}`, 16),
        parentSpanId: root,
        name: `invoke_agent ${row.taskId}`,
        kind: 1,
        startTimeUnixNano: nano(e.startMs),
        endTimeUnixNano: nano(e.endMs),
        attributes: [
          kv("gen_ai.operation.name", "invoke_agent"),
          kv("gen_ai.agent.name", row.taskId),
          kv("gen_ai.agent.id", row.agentId),
          ...(e.skipped ? [kv("mission.task.outcome", "skipped")] : []),
        ],
        events,
        status: row.outcome === "failed" ? { code: 2, message: "task failed" } : { code: 0 },
      };
      spans.push(span);
      taskSpans.set(row.taskId, span);
    }
    for (const r of record.riskEvents) {
      const target = taskSpans.get(r.taskId ?? "");
      const attributes = [
        kv("risk.type", r.riskType),
        kv("risk.severity", r.severity),
        kv("risk.status", r.status),
        ...(r.description ? [kv("risk.description", r.description)] : []),
      ];
      target?.events.push(ev("mission.risk", r.detectedMs, attributes));
    }
    spans.unshift({
      traceId,
      spanId: root,
      name: `invoke_workflow ${run.missionId}`,
      kind: 1,
      startTimeUnixNano: nano(run.startMs),
      endTimeUnixNano: nano(run.endMs),
      attributes: [
        kv("gen_ai.operation.name", "invoke_workflow"),
        kv("gen_ai.workflow.name", run.missionId),
        ...(run.status === "aborted" || run.status === "partial"
          ? [kv("mission.run.status", run.status)]
          : []),
        ...Object.entries(run.kpis).map(([k, v]) => kv(`mission.kpi.${k}`, v)),
      ],
      events: interventionTimes(record).map((at) => ev("human_intervention", at)),
      status: { code: 0 },
    });
    lines.push({
      resourceSpans: [
        {
          resource: { attributes: [kv("service.name", "mission-simulator")] },
          scopeSpans: [{ scope: { name: "mission-orchestrator-notebook/generate" }, spans }],
        },
      ],
    });
  }
  return new Map([["spans.jsonl", jsonl(lines)]]);
}

function csvCell(value: string): string {
  return /[",\n\r]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

function eventLogFiles(portfolio: Portfolio): Map<string, string> {
  const kpiColumns = portfolio.kpiNames.map((k) => `case:${k}`);
  const header = [
    "case:concept:name",
    "concept:name",
    "time:timestamp",
    "org:resource",
    "lifecycle:transition",
    "process",
    "case:status",
    ...kpiColumns,
  ];
  const rows: string[][] = [];
  const plans = new Map(portfolio.plans.map((p) => [p.mission.missionId, p]));
  for (const record of runRecords(portfolio)) {
    const run = record.run;
    const plan = plans.get(run.missionId) as MissionPlan;
    const kpiCells = portfolio.kpiNames.map((k) => (Object.hasOwn(run.kpis, k) ? String(run.kpis[k]) : ""));
    const events: [number, number, string[]][] = [];
    const push = (at: number, order: number, activity: string, resource: string, lifecycle: string) =>
      events.push([
        at,
        order,
        [run.runId, activity, isoTime(at), resource, lifecycle, run.missionId, run.status, ...kpiCells],
      ]);
    for (const e of timeline(plan, record)) {
      const row = e.row;
      if (e.skipped) continue;
      // Approval tasks: the wait for the approver comes before the work; other waits are within it.
      const workStart = row.approvalRequired ? e.endMs - (e.workEndMs - e.startMs) : e.startMs;
      push(workStart, e.index * 2, row.taskId, row.agentId, "start");
      push(e.endMs, e.index * 2 + 1, row.taskId, row.agentId, "complete");
      if (row.outcome === "escalated")
        push(e.workEndMs, e.index * 2 + 1, "escalation", "ops-supervisor", "complete");
    }
    for (const at of interventionTimes(record)) push(at, -1, "human_intervention", "ops-analyst", "complete");
    events.sort((a, b) => a[0] - b[0] || a[1] - b[1]);
    for (const [, , cells] of events) rows.push(cells);
  }
  return new Map([
    ["eventlog.csv", [header, ...rows].map((r) => r.map(csvCell).join(",")).join("\n") + "\n"],
  ]);
}

/**
 * The files of a sample source folder for the portfolio, by file name (`missions.yaml` included).
 *
 * @example sourceSampleFiles(planPortfolio({ preset: "demo" }), "langfuse").has("traces.jsonl") // → true
 */
export function sourceSampleFiles(portfolio: Portfolio, kind: SampleKind): Map<string, string> {
  const header = `# Written by \`mission generate --preset demo --format ${kind}\` (seed ${portfolio.options.seed}); see docs/sources.md.\n`;
  const files =
    kind === "langfuse"
      ? langfuseFiles(portfolio)
      : kind === "otel"
        ? otelFiles(portfolio)
        : eventLogFiles(portfolio);
  files.set("missions.yaml", missionsYaml(portfolio, kind, header));
  return files;
}
