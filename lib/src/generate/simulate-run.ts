/**
 * The synthetic process of one run: which tasks execute, how long they take against their
 * estimate, how long humans make them wait (approvals, interventions, escalations), what the KPIs
 * read at the end and which risks are raised. Everything is drawn from the mission's
 * {@link StoryProfile} at the run's position `t` in the history (0 first run … 1 last run).
 */
import type { RiskEvent, RiskSeverity, RiskStatus, Run, RunStatus, TaskOutcome } from "../model/dataset";
import type { KpiPlan, MissionPlan, TaskPlan } from "./mission-plan";
import { kpiGapAt, trendAt } from "./profiles";
import type { Rng } from "../stats/random";
import { logNormalWithMean, pickUniform, weightedIndex } from "./random";

/** One row of the `task_executions` table. */
export interface TaskExecutionRow {
  readonly runId: string;
  readonly missionId: string;
  readonly taskId: string;
  readonly agentId: string;
  /** Working time of the agent, minutes (0 when skipped). */
  readonly actualMinutes: number;
  readonly approvalRequired: boolean;
  /** Time spent waiting for people (approval, intervention, escalation), minutes. */
  readonly humanDelayMinutes: number;
  readonly outcome: TaskOutcome;
}

/** One run with its task executions (in plan order; a rework adds a second row) and risk events. */
export interface RunRecord {
  readonly run: Run;
  readonly executions: readonly TaskExecutionRow[];
  readonly riskEvents: readonly RiskEvent[];
}

/** Mutable working copy of an execution while a run is simulated (never escapes). */
interface Draft {
  taskIndex: number;
  agentId: string;
  actual: number;
  approval: boolean;
  delay: number;
  outcome: TaskOutcome;
}

const round1 = (x: number): number => Math.round(x * 10) / 10;
const roundTo = (x: number, decimals: number): number => {
  const f = 10 ** decimals;
  return Math.round(x * f) / f;
};
/** How much more often people and risks hit the bottleneck task than any other task. */
const BOTTLENECK_WEIGHT = 3;
/** Probability that a risk event of a mission with a bottleneck is raised on the bottleneck task. */
const BOTTLENECK_RISK_SHARE = 0.8;
/** Mean human hold-up of an intervention / escalation: base + share of the task's estimate, minutes. */
const INTERVENTION_MINUTES = { base: 4, perEstimated: 0.4 } as const;
const ESCALATION_MINUTES = { base: 10, perEstimated: 0.8 } as const;
const SEVERITY_WEIGHTS = { normal: [0.55, 0.33, 0.12], bottleneck: [0.3, 0.45, 0.25] } as const;
const SEVERITIES: readonly RiskSeverity[] = ["low", "medium", "high"];

/** ISO 8601 UTC text of an instant, to the second, with a `Z` zone ("2026-01-05T09:30:00Z"). */
function isoUtc(ms: number): string {
  return new Date(Math.floor(ms / 1000) * 1000).toISOString().replace(/\.\d{3}Z$/, "Z");
}

function drawStatus(rng: Rng, failureRate: number, n: number): [RunStatus, number, number] {
  // Returns [status, index of the failed task or −1, index of the first skipped task or n].
  const u = rng.next();
  if (u < failureRate) {
    const failAt = rng.int(0, n - 1);
    return ["failed", failAt, failAt + 1];
  }
  if (n >= 2 && u < failureRate * 1.5) return ["aborted", -1, rng.int(1, n - 1)];
  if (n >= 2 && u < failureRate * 2) return ["partial", -1, n - 1];
  return ["completed", -1, n];
}

function executeTasks(plan: MissionPlan, t: number, rng: Rng, failAt: number, skipFrom: number): Draft[] {
  const { profile, bottleneck } = plan;
  const drafts: Draft[] = [];
  plan.tasks.forEach((task, k) => {
    const def = task.definition;
    const est = def.estimatedMinutes;
    if (k >= skipFrom && k !== failAt) {
      drafts.push({
        taskIndex: k,
        agentId: task.agents[0] ?? "agent",
        actual: 0,
        approval: false,
        delay: 0,
        outcome: "skipped",
      });
      return;
    }
    const agentId = pickUniform(rng, task.agents);
    if (k === failAt) {
      drafts.push({
        taskIndex: k,
        agentId,
        actual: est * rng.uniform(0.2, 1),
        approval: false,
        delay: 0,
        outcome: "failed",
      });
      return;
    }
    const isBottleneck = bottleneck?.taskId === def.taskId;
    const factor =
      isBottleneck && bottleneck?.kind === "overrun"
        ? trendAt(bottleneck.level, t)
        : trendAt(profile.overrun, t);
    const actual = est * factor * logNormalWithMean(rng, 1, 0.15);
    if (!def.requiresApproval) {
      drafts.push({ taskIndex: k, agentId, actual, approval: false, delay: 0, outcome: "completed" });
      return;
    }
    const waitMean =
      isBottleneck && bottleneck?.kind === "approval"
        ? trendAt(bottleneck.level, t)
        : trendAt(profile.approvalDelay, t);
    const delay = logNormalWithMean(rng, waitMean, 0.5);
    if (rng.bernoulli(profile.rejectionRate)) {
      drafts.push({ taskIndex: k, agentId, actual, approval: true, delay, outcome: "rejected" });
      const rework = est * factor * 0.5 * logNormalWithMean(rng, 1, 0.15);
      const wait = logNormalWithMean(rng, waitMean * 0.5, 0.5);
      drafts.push({
        taskIndex: k,
        agentId,
        actual: rework,
        approval: true,
        delay: wait,
        outcome: "approved",
      });
    } else {
      drafts.push({ taskIndex: k, agentId, actual, approval: true, delay, outcome: "approved" });
    }
  });
  return drafts;
}

function lastDraftOf(drafts: readonly Draft[], taskIndex: number): Draft {
  for (let i = drafts.length - 1; i >= 0; i--)
    if (drafts[i]?.taskIndex === taskIndex) return drafts[i] as Draft;
  throw new Error(`no execution of task index ${taskIndex}`);
}

function addHumanTouches(plan: MissionPlan, t: number, rng: Rng, drafts: Draft[]): [number, number] {
  // People step into longer tasks more often (more work, more to correct), and most into a task
  // held up by approvals; a slow (overrunning) task does not draw extra human touches.
  const estimateOf = (k: number): number => Math.max(1, plan.tasks[k]?.definition.estimatedMinutes ?? 1);
  const hot = plan.bottleneck?.kind === "approval" ? plan.bottleneck.taskId : undefined;
  const weightOf = (k: number): number =>
    estimateOf(k) * (plan.tasks[k]?.definition.taskId === hot ? BOTTLENECK_WEIGHT : 1);
  const last = (k: number): Draft => lastDraftOf(drafts, k);
  const attempted = plan.tasks.map((_, k) => k).filter((k) => last(k).outcome !== "skipped");
  const eligible = attempted.filter((k) => last(k).outcome !== "failed");
  // Escalations: distinct tasks, longer ones and an approval bottleneck more likely.
  const escalations = Math.min(rng.poisson(trendAt(plan.profile.escalations, t)), eligible.length);
  const pool = [...eligible];
  for (let e = 0; e < escalations; e++) {
    const j = weightedIndex(rng, pool.map(weightOf));
    const k = pool[j] as number;
    const draft = last(k);
    draft.outcome = "escalated";
    draft.delay += logNormalWithMean(
      rng,
      ESCALATION_MINUTES.base + ESCALATION_MINUTES.perEstimated * estimateOf(k),
      0.5,
    );
    pool.splice(j, 1);
  }
  // Interventions: a person steps in on an attempted task and holds it up for a while.
  const interventions = rng.poisson(trendAt(plan.profile.interventions, t));
  for (let h = 0; h < interventions; h++) {
    const k = attempted[weightedIndex(rng, attempted.map(weightOf))] as number;
    last(k).delay += logNormalWithMean(
      rng,
      INTERVENTION_MINUTES.base + INTERVENTION_MINUTES.perEstimated * estimateOf(k),
      0.5,
    );
  }
  return [interventions, escalations];
}

/** Earliest finish of each task (minutes after run start) along the dependency graph. */
function finishTimes(tasks: readonly TaskPlan[], drafts: readonly Draft[]): number[] {
  const busy = tasks.map(() => 0);
  for (const d of drafts) busy[d.taskIndex] = (busy[d.taskIndex] ?? 0) + round1(d.actual) + round1(d.delay);
  const indexOf = new Map(tasks.map((tp, k) => [tp.definition.taskId, k]));
  const finish: number[] = [];
  tasks.forEach((tp, k) => {
    const ready = Math.max(0, ...tp.definition.dependsOn.map((id) => finish[indexOf.get(id) ?? -1] ?? 0));
    finish[k] = ready + (busy[k] ?? 0);
  });
  return finish;
}

function kpiValue(plan: MissionPlan, kpi: KpiPlan, t: number, rng: Rng): number {
  const gap = kpiGapAt(plan.profile, t);
  const share = kpi.progressShare;
  const ownGap = 1 - share * (1 - gap);
  const baseline = kpi.spec.baseline ?? 0;
  const target = kpi.spec.target ?? baseline;
  const value = target + (baseline - target) * (ownGap + rng.normal(0, plan.profile.kpiNoise));
  return roundTo(Math.min(kpi.max, Math.max(kpi.min, value)), kpi.decimals);
}

function riskStatus(rng: Rng, t: number): RiskStatus {
  const statuses: readonly RiskStatus[] = ["open", "mitigated", "closed"];
  const weights = t < 0.6 ? [0, 0.3, 0.7] : t < 0.85 ? [0.2, 0.5, 0.3] : [0.6, 0.3, 0.1];
  return statuses[weightedIndex(rng, weights)] as RiskStatus;
}

function riskEvents(
  plan: MissionPlan,
  t: number,
  rng: Rng,
  runId: string,
  startMs: number,
  drafts: readonly Draft[],
  finish: readonly number[],
): RiskEvent[] {
  const count = Math.min(3, rng.poisson(trendAt(plan.profile.riskRate, t)));
  const attempted = plan.tasks.map((_, k) => k).filter((k) => lastDraftOf(drafts, k).outcome !== "skipped");
  const hot = plan.tasks.findIndex((tp) => tp.definition.taskId === plan.bottleneck?.taskId);
  const events: RiskEvent[] = [];
  for (let e = 0; e < count; e++) {
    const onHot = hot >= 0 && attempted.includes(hot) && rng.bernoulli(BOTTLENECK_RISK_SHARE);
    const k = onHot ? hot : pickUniform(rng, attempted);
    const task = plan.tasks[k] as TaskPlan;
    const severity = SEVERITIES[
      weightedIndex(rng, SEVERITY_WEIGHTS[onHot ? "bottleneck" : "normal"])
    ] as RiskSeverity;
    const riskType = pickUniform(rng, plan.riskTypes);
    const span = drafts
      .filter((d) => d.taskIndex === k)
      .reduce((s, d) => s + round1(d.actual) + round1(d.delay), 0);
    const detectedMs =
      Math.floor((startMs + ((finish[k] ?? 0) - rng.uniform(0, span)) * 60_000) / 1000) * 1000;
    events.push({
      eventId: `${runId}-E${e + 1}`,
      runId,
      missionId: plan.mission.missionId,
      taskId: task.definition.taskId,
      riskType: riskType.type,
      severity,
      description: `${riskType.label} in task "${task.definition.name}"`,
      detectedAt: isoUtc(detectedMs),
      detectedMs,
      status: riskStatus(rng, t),
    });
  }
  return events;
}

/**
 * Simulates run number `index` of a mission.
 *
 * @param plan the mission's plan (not modified)
 * @param index 0-based run index; the run id is `<missionId>-R` + index + 1 (4+ digits)
 * @param startMs run start, epoch ms (whole seconds)
 * @param rng the mission's run stream (advanced)
 * @returns the run, its executions and its risk events; `end > start` always
 * @example simulateRun(plan, 0, Date.UTC(2026, 0, 5, 9), createRng(1)).run.runId // → "onboarding-time-R0001" (plan = demoMissionPlans()[0])
 */
export function simulateRun(plan: MissionPlan, index: number, startMs: number, rng: Rng): RunRecord {
  const n = plan.runCount;
  const t = n > 1 ? index / (n - 1) : 0;
  const missionId = plan.mission.missionId;
  const runId = `${missionId}-R${String(index + 1).padStart(Math.max(4, String(n).length), "0")}`;
  const [status, failAt, skipFrom] = drawStatus(rng, plan.profile.failureRate, plan.tasks.length);
  const drafts = executeTasks(plan, t, rng, failAt, skipFrom);
  const [humanInterventions, escalations] = addHumanTouches(plan, t, rng, drafts);
  const finish = finishTimes(plan.tasks, drafts);
  const durationMinutes = Math.max(0.1, round1(Math.max(0, ...finish)));
  const endMs = startMs + Math.round(durationMinutes * 60_000);
  const kpis: Record<string, number> = {};
  for (const kpi of plan.kpis) kpis[kpi.spec.kpi] = kpiValue(plan, kpi, t, rng);
  const events = riskEvents(plan, t, rng, runId, startMs, drafts, finish);
  const run: Run = {
    runId,
    missionId,
    startTime: isoUtc(startMs),
    endTime: isoUtc(endMs),
    startMs,
    endMs,
    status,
    durationMinutes,
    humanInterventions,
    escalations,
    riskFlagged: events.length > 0,
    kpis,
  };
  const executions = drafts.map((d): TaskExecutionRow => ({
    runId,
    missionId,
    taskId: (plan.tasks[d.taskIndex] as TaskPlan).definition.taskId,
    agentId: d.agentId,
    actualMinutes: round1(d.actual),
    approvalRequired: d.approval,
    humanDelayMinutes: round1(d.delay),
    outcome: d.outcome,
  }));
  return { run, executions, riskEvents: events };
}
