/**
 * Small mission histories written inline as compact series — for rule tests, notebooks and
 * experiments — turned into a validated {@link Dataset}. One run per KPI value; every other
 * per-run figure is a number (same for all runs) or an array with one value per run.
 */
import { createHash } from "node:crypto";
import { z } from "zod";
import { runTaskStatTableFrom } from "../model/run-task-stat-table";
import type {
  Dataset,
  KpiSpec,
  Mission,
  RiskEvent,
  Run,
  RunTaskStat,
  TaskDefinition,
} from "../model/dataset";

const perRun = z.union([z.number().min(0), z.array(z.number().min(0))]);
const perRunFlag = z.union([z.boolean(), z.array(z.boolean())]);

const InlineTaskSchema = z.strictObject({
  id: z.string().min(1),
  name: z.string().optional(),
  estimate: z.number().min(0),
  approval: z.boolean().default(false),
  /** Actual minutes per run (default: the estimate). */
  actual: perRun.optional(),
  /** Human delay minutes per run (default 0). */
  delay: perRun.optional(),
  /** Severity of a risk event on this task per run (null: none). */
  risk: z.array(z.enum(["low", "medium", "high"]).nullable()).optional(),
});

/** Schema of one inline mission. */
export const InlineMissionSchema = z.strictObject({
  id: z.string().min(1),
  name: z.string().optional(),
  owner: z.string().optional(),
  aiRole: z.enum(["assist", "recommend", "decide", "trigger"]).optional(),
  escalationPath: z.string().optional(),
  kpi: z.strictObject({
    name: z.string().min(1),
    direction: z.enum(["lower_is_better", "higher_is_better"]),
    unit: z.string().optional(),
    baseline: z.number().optional(),
    target: z.number().optional(),
    targetDate: z
      .string()
      .regex(/^\d{4}-\d{2}-\d{2}$/)
      .optional(),
  }),
  /** First run's start, ISO date-time with zone (default 2026-01-05T09:00:00Z). */
  start: z.string().optional(),
  /** Days between runs (default 1). */
  everyDays: z.number().positive().default(1),
  /** Primary KPI value per run; null = the run did not report it. */
  values: z.array(z.number().nullable()).min(1),
  interventions: perRun.default(0),
  escalations: perRun.default(0),
  durations: perRun.default(60),
  riskFlagged: perRunFlag.default(false),
  tasks: z.array(InlineTaskSchema).default([]),
});

/** An inline mission as written (before defaults). */
export type InlineMission = z.input<typeof InlineMissionSchema>;

function at<T>(series: T | readonly T[], i: number, fallback: T): T {
  if (Array.isArray(series)) return (series[i] as T | undefined) ?? fallback;
  return series as T;
}

/**
 * Builds a dataset from inline missions. Run ids are `<mission>-R<nn>`; runs start every
 * `everyDays` days at the same time of day.
 *
 * @throws Error listing every schema problem (path and message) when an inline mission is invalid.
 * @example datasetFromInline([{ id: "M1", kpi: { name: "days", direction: "lower_is_better" }, values: [5, 4, 3] }]).runs.length // → 3
 */
export function datasetFromInline(input: readonly InlineMission[], label = "inline"): Dataset {
  const parsed = z.array(InlineMissionSchema).safeParse(input);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join(".")}: ${i.message}`);
    throw new Error(`${label}: invalid inline history\n${lines.join("\n")}`);
  }
  const missions: Mission[] = [];
  const kpis: KpiSpec[] = [];
  const tasks: TaskDefinition[] = [];
  const runs: Run[] = [];
  const stats: RunTaskStat[] = [];
  const events: RiskEvent[] = [];
  for (const m of parsed.data) {
    missions.push({
      missionId: m.id,
      name: m.name ?? m.id,
      description: "",
      ...(m.owner !== undefined ? { businessOwner: m.owner } : {}),
      ...(m.aiRole !== undefined ? { aiRole: m.aiRole } : {}),
      ...(m.escalationPath !== undefined ? { escalationPath: m.escalationPath } : {}),
    });
    kpis.push({
      missionId: m.id,
      kpi: m.kpi.name,
      direction: m.kpi.direction,
      primary: true,
      ...(m.kpi.unit !== undefined ? { unit: m.kpi.unit } : {}),
      ...(m.kpi.baseline !== undefined ? { baseline: m.kpi.baseline } : {}),
      ...(m.kpi.target !== undefined ? { target: m.kpi.target } : {}),
      ...(m.kpi.targetDate !== undefined ? { targetDate: m.kpi.targetDate } : {}),
    });
    m.tasks.forEach((t, i) =>
      tasks.push({
        missionId: m.id,
        taskId: t.id,
        name: t.name ?? t.id,
        order: i + 1,
        dependsOn: i === 0 ? [] : [m.tasks[i - 1]?.id as string],
        estimatedMinutes: t.estimate,
        requiresApproval: t.approval,
      }),
    );
    const startMs = Date.parse(m.start ?? "2026-01-05T09:00:00Z");
    if (!Number.isFinite(startMs))
      throw new Error(`${label}: mission ${m.id}: start is not an ISO date-time`);
    m.values.forEach((value, i) => {
      const runId = `${m.id}-R${String(i + 1).padStart(2, "0")}`;
      const s = startMs + i * m.everyDays * 86_400_000;
      const duration = at(m.durations, i, 60);
      runs.push({
        runId,
        missionId: m.id,
        startTime: new Date(s).toISOString(),
        endTime: new Date(s + duration * 60_000).toISOString(),
        startMs: s,
        endMs: s + duration * 60_000,
        status: "completed",
        durationMinutes: duration,
        humanInterventions: at(m.interventions, i, 0),
        escalations: at(m.escalations, i, 0),
        riskFlagged: at(m.riskFlagged, i, false),
        kpis: value === null ? {} : { [m.kpi.name]: value },
      });
      for (const t of m.tasks) {
        const actual = at(t.actual ?? t.estimate, i, t.estimate);
        const delay = at(t.delay ?? 0, i, 0);
        stats.push({
          runId,
          missionId: m.id,
          taskId: t.id,
          executions: 1,
          actualMinutes: actual,
          humanDelayMinutes: delay,
          approvalDelayMinutes: t.approval ? delay : 0,
          approvalRequiredCount: t.approval ? 1 : 0,
          overrunMinutes: Math.max(0, actual - t.estimate),
          overrunCount: actual > t.estimate ? 1 : 0,
          unsuccessfulCount: 0,
          agents: [],
        });
        const severity = t.risk?.[i];
        if (severity) {
          events.push({
            eventId: `${runId}-${t.id}-risk`,
            runId,
            missionId: m.id,
            taskId: t.id,
            riskType: "inline",
            severity,
            detectedAt: new Date(s + 60_000).toISOString(),
            detectedMs: s + 60_000,
            status: "open",
          });
        }
      }
    });
  }
  const sortedRuns = runs.sort((a, b) => a.startMs - b.startMs || (a.runId < b.runId ? -1 : 1));
  const fingerprint = createHash("sha256").update(JSON.stringify(input)).digest("hex");
  return {
    source: { folder: label, format: "canonical", files: [], fingerprint },
    missions,
    kpis,
    tasks,
    runs: sortedRuns,
    runTaskStats: runTaskStatTableFrom(stats, sortedRuns),
    riskEvents: events,
    taskExecutionCount: stats.length,
    warnings: [],
  };
}
