/**
 * `missions.yaml`: what a trace or event-log export does not carry — the missions, their KPIs
 * (direction, baseline, target), their task plans (estimates, approvals) — and how the source's
 * names map onto them. Parsed with `yaml`, validated with zod; every problem names the file, the
 * line, the field, what was expected and what was found.
 */
import { LineCounter, parseDocument, type Document, type Node } from "yaml";
import { z } from "zod";
import { AI_ROLES, KPI_DIRECTIONS } from "../../model/dataset";
import { DatasetLoadError, type DataIssue } from "../../model/issues";

/** The name of the config file in a source folder. */
export const CONFIG_FILE = "missions.yaml";

const text = z.string().trim().min(1);
const minutes = z.number().finite().min(0);
const names = z.array(text);

const KpiSchema = z.strictObject({
  name: text,
  direction: z.enum(KPI_DIRECTIONS as unknown as [string, ...string[]]),
  primary: z.boolean().default(false),
  unit: text.optional(),
  baseline: z.number().finite().optional(),
  target: z.number().finite().optional(),
  target_date: z
    .string()
    .regex(/^\d{4}-\d{2}-\d{2}$/, "a date YYYY-MM-DD")
    .optional(),
  /** Score, attribute or derived measure in the source that carries this KPI (default: name). */
  match: text.optional(),
});

const TaskSchema = z.strictObject({
  id: text,
  name: text.optional(),
  estimated_minutes: minutes,
  requires_approval: z.boolean().default(false),
  depends_on: names.default([]),
  /** Event logs: the activity is done by an agent, so a human resource on it is an intervention. */
  automated: z.boolean().default(true),
  /** Observation name, tool/agent name or activity in the source (default: id). */
  match: text.optional(),
});

const MissionSchema = z.strictObject({
  id: text,
  name: text.optional(),
  description: z.string().optional(),
  business_owner: text.optional(),
  ai_role: z.enum(AI_ROLES as unknown as [string, ...string[]]).optional(),
  escalation_path: text.optional(),
  /** The value in the source (trace name, tag, workflow name, process) meaning this mission (default: id). */
  match: text.optional(),
  kpis: z.array(KpiSchema).min(1),
  tasks: z.array(TaskSchema).default([]),
});

/** Names of events (Langfuse EVENT observations, OTel span events, event-log activities) with a meaning. */
const SignalsSchema = z
  .strictObject({
    intervention: names.default(["human_intervention"]),
    escalation: names.default(["escalation"]),
    approval_request: names.default(["approval_requested"]),
    approved: names.default(["approval_granted"]),
    rejected: names.default(["approval_rejected"]),
    hold_start: names.default(["human_hold_started"]),
    hold_end: names.default(["human_hold_ended"]),
  })
  .default({
    intervention: ["human_intervention"],
    escalation: ["escalation"],
    approval_request: ["approval_requested"],
    approved: ["approval_granted"],
    rejected: ["approval_rejected"],
    hold_start: ["human_hold_started"],
    hold_end: ["human_hold_ended"],
  });

const LangfuseSchema = z
  .strictObject({
    /** Where a trace names its mission: its `name`, a tag `<mission_key>:<value>`, or metadata `<mission_key>`. */
    mission_from: z.enum(["name", "tag", "metadata"]).default("name"),
    mission_key: text.default("mission"),
    /** Observation types that are task executions when directly under the trace. */
    task_types: names.default(["AGENT", "TOOL", "CHAIN", "SPAN"]),
    /** Trace metadata key holding the run status (absent: failed when a task is at level ERROR). */
    status_key: text.default("status"),
    /** Observation metadata key naming the agent. */
    agent_key: text.default("agent_id"),
    /** Observation metadata key holding an outcome that overrides the derived one. */
    outcome_key: text.default("outcome"),
    /** Annotation scores (source ANNOTATION) counted as human interventions. */
    intervention_scores: names.default([]),
    /** Observation levels that raise a risk event. */
    risk_levels: names.default(["WARNING", "ERROR"]),
    /** Observation types that raise a risk event whatever their level. */
    risk_types: names.default(["GUARDRAIL"]),
    /** Observation metadata key holding the risk status; absent → `risk_default_status`. */
    risk_status_key: text.default("status"),
    risk_default_status: z.enum(["open", "mitigated", "closed"]).default("open"),
  })
  .default({
    mission_from: "name",
    mission_key: "mission",
    task_types: ["AGENT", "TOOL", "CHAIN", "SPAN"],
    status_key: "status",
    agent_key: "agent_id",
    outcome_key: "outcome",
    intervention_scores: [],
    risk_levels: ["WARNING", "ERROR"],
    risk_types: ["GUARDRAIL"],
    risk_status_key: "status",
    risk_default_status: "open",
  });

const OtelSchema = z
  .strictObject({
    operation: text.default("gen_ai.operation.name"),
    workflow_operations: names.default(["invoke_workflow"]),
    task_operations: names.default(["invoke_agent", "execute_tool"]),
    workflow_name: text.default("gen_ai.workflow.name"),
    agent_name: text.default("gen_ai.agent.name"),
    tool_name: text.default("gen_ai.tool.name"),
    agent_id: text.default("gen_ai.agent.id"),
    /** Workflow-span attribute prefix of KPI values: `<prefix><kpi>`. */
    kpi_prefix: text.default("mission.kpi."),
    status: text.default("mission.run.status"),
    outcome: text.default("mission.task.outcome"),
    /** Span event that is a risk; its attributes `risk.type`, `risk.severity`, `risk.status`, `risk.description`. */
    risk_event: text.default("mission.risk"),
  })
  .default({
    operation: "gen_ai.operation.name",
    workflow_operations: ["invoke_workflow"],
    task_operations: ["invoke_agent", "execute_tool"],
    workflow_name: "gen_ai.workflow.name",
    agent_name: "gen_ai.agent.name",
    tool_name: "gen_ai.tool.name",
    agent_id: "gen_ai.agent.id",
    kpi_prefix: "mission.kpi.",
    status: "mission.run.status",
    outcome: "mission.task.outcome",
    risk_event: "mission.risk",
  });

const EventLogSchema = z
  .strictObject({
    case: text.default("case:concept:name"),
    activity: text.default("concept:name"),
    timestamp: text.default("time:timestamp"),
    resource: text.default("org:resource"),
    lifecycle: text.default("lifecycle:transition"),
    process: text.default("process"),
    /** Case attribute holding the run status (absent: completed). */
    status: text.default("case:status"),
    /** Resources that are agents (SQL LIKE patterns); any other resource is a person. */
    agent_resources: names.default(["agent%", "bot%"]),
    /** Zone given to timestamps written without one (default: none — such a timestamp is an error). */
    assume_timezone: text.optional(),
    /** OCEL 2.0: the object type whose objects are the cases (default: the type most events relate to). */
    ocel_case_type: text.optional(),
  })
  .default({
    case: "case:concept:name",
    activity: "concept:name",
    timestamp: "time:timestamp",
    resource: "org:resource",
    lifecycle: "lifecycle:transition",
    process: "process",
    status: "case:status",
    agent_resources: ["agent%", "bot%"],
  });

/** The whole `missions.yaml`. */
export const SourceConfigSchema = z.strictObject({
  source: z.enum(["langfuse", "otel", "eventlog"]).optional(),
  missions: z.array(MissionSchema).min(1),
  signals: SignalsSchema,
  langfuse: LangfuseSchema,
  otel: OtelSchema,
  eventlog: EventLogSchema,
});

/** A validated `missions.yaml` (defaults filled in). */
export type SourceConfig = z.infer<typeof SourceConfigSchema>;
/** One mission of a {@link SourceConfig}. */
export type MissionConfig = SourceConfig["missions"][number];

function lineAt(doc: Document, counter: LineCounter, path: readonly PropertyKey[]): number | undefined {
  for (let n = path.length; n >= 0; n--) {
    const node = (n === 0 ? doc.contents : doc.getIn(path.slice(0, n) as unknown[], true)) as
      Node | undefined;
    if (node && typeof node === "object" && "range" in node && node.range)
      return counter.linePos(node.range[0]).line;
  }
  return undefined;
}

function describeFound(doc: Document, path: readonly PropertyKey[]): string {
  const value: unknown = path.length === 0 ? doc.toJS() : doc.getIn(path as unknown[]);
  if (value === undefined) return "nothing";
  const s = JSON.stringify(value) ?? String(value);
  return s.length > 60 ? `${s.slice(0, 57)}...` : s;
}

/** Cross-field rules zod's shape does not express: ids unique, one primary KPI, known dependencies. */
function relationIssues(config: SourceConfig): { path: PropertyKey[]; message: string; expected: string }[] {
  const out: { path: PropertyKey[]; message: string; expected: string }[] = [];
  const ids = new Map<string, number>();
  config.missions.forEach((m, i) => {
    if (ids.has(m.id))
      out.push({
        path: ["missions", i, "id"],
        message: `mission id ${JSON.stringify(m.id)} repeats`,
        expected: "a unique mission id",
      });
    ids.set(m.id, i);
    const primaries = m.kpis.filter((k) => k.primary).length;
    if (primaries !== 1)
      out.push({
        path: ["missions", i, "kpis"],
        message: `mission ${JSON.stringify(m.id)} has ${primaries} primary KPIs`,
        expected: "exactly one KPI with primary: true",
      });
    const kpiNames = new Set<string>();
    m.kpis.forEach((k, j) => {
      if (kpiNames.has(k.name))
        out.push({
          path: ["missions", i, "kpis", j, "name"],
          message: `KPI ${JSON.stringify(k.name)} repeats`,
          expected: "a unique KPI name in the mission",
        });
      kpiNames.add(k.name);
    });
    const taskIds = new Set(m.tasks.map((t) => t.id));
    const seen = new Set<string>();
    m.tasks.forEach((t, j) => {
      if (seen.has(t.id))
        out.push({
          path: ["missions", i, "tasks", j, "id"],
          message: `task ${JSON.stringify(t.id)} repeats`,
          expected: "a unique task id in the mission",
        });
      seen.add(t.id);
      t.depends_on.forEach((d, k) => {
        if (!taskIds.has(d) || d === t.id)
          out.push({
            path: ["missions", i, "tasks", j, "depends_on", k],
            message: `task ${JSON.stringify(t.id)} depends on ${JSON.stringify(d)}, not another task of the mission`,
            expected: "the id of another task of the mission",
          });
      });
    });
  });
  return out;
}

/**
 * Parses and validates the text of a `missions.yaml`.
 *
 * @param file the path shown in problems
 * @throws DatasetLoadError listing every syntax, schema and relation problem, each with file,
 *   line, field (dotted path), expected and found.
 * @example parseSourceConfig("missions:\n  - id: m\n    kpis: [{name: k, direction: lower_is_better, primary: true}]\n", "missions.yaml").missions[0].id // → "m"
 */
export function parseSourceConfig(yamlText: string, file: string): SourceConfig {
  const counter = new LineCounter();
  const doc = parseDocument(yamlText, { lineCounter: counter, prettyErrors: false });
  const issues: DataIssue[] = [];
  if (doc.errors.length > 0) {
    for (const e of doc.errors)
      issues.push({
        severity: "error",
        code: "bad_yaml",
        file,
        line: counter.linePos(e.pos[0]).line,
        expected: "valid YAML",
        found: e.code,
        message: e.message.split("\n")[0] ?? e.message,
      });
    throw new DatasetLoadError(file, issues);
  }
  const parsed = SourceConfigSchema.safeParse(doc.toJS() ?? {});
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      const path = issue.path as PropertyKey[];
      const line = lineAt(doc, counter, path);
      issues.push({
        severity: "error",
        code: "bad_config",
        file,
        ...(line !== undefined ? { line } : {}),
        field: path.map(String).join("."),
        expected: issue.message,
        found: describeFound(doc, path),
        message: `invalid ${path.length > 0 ? String(path[path.length - 1]) : "document"}`,
      });
    }
    throw new DatasetLoadError(file, issues);
  }
  for (const r of relationIssues(parsed.data)) {
    const line = lineAt(doc, counter, r.path);
    issues.push({
      severity: "error",
      code: "bad_config",
      file,
      ...(line !== undefined ? { line } : {}),
      field: r.path.map(String).join("."),
      expected: r.expected,
      found: describeFound(doc, r.path),
      message: r.message,
    });
  }
  if (issues.length > 0) throw new DatasetLoadError(file, issues);
  return parsed.data;
}
