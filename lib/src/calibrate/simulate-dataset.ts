/**
 * The calibration simulator: missions described by {@link MissionModel}s turned into a
 * {@link Dataset} in memory, assembled as `validation/inline-history` does (runs sorted by start,
 * run-task aggregates through `runTaskStatTableFrom`) but with irregular start times, missing KPI
 * values, drawn human touches and drawn task telemetry. Seeded: the same models and seed give the
 * same dataset.
 */
import { createHash } from "node:crypto";
import type {
  Dataset,
  KpiSpec,
  Mission,
  RiskEvent,
  Run,
  RunTaskStat,
  TaskDefinition,
} from "../model/dataset";
import { runTaskStatTableFrom } from "../model/run-task-stat-table";
import { logNormalWithMean } from "../generate/random";
import type { Rng } from "../stats/random";
import type { MissionModel } from "./mission-model";
import { kpiValues, runStartDays, touchCounts } from "./series";

const DAY_MS = 86_400_000;
/**
 * First run of every simulated mission, epoch milliseconds: Monday 2026-01-05 09:00 UTC.
 *
 * @example new Date(SIMULATION_START_MS).toISOString() // → "2026-01-05T09:00:00.000Z"
 */
export const SIMULATION_START_MS = Date.parse("2026-01-05T09:00:00Z");
/**
 * Name of the simulated primary KPI (the key of its value in `Run.kpis`).
 *
 * @example SIMULATED_KPI // → "kpi"
 */
export const SIMULATED_KPI = "kpi";

/** One simulated mission's records, before they are merged into a dataset. */
export interface SimulatedMission {
  readonly mission: Mission;
  readonly kpi: KpiSpec;
  readonly tasks: readonly TaskDefinition[];
  readonly runs: readonly Run[];
  readonly stats: readonly RunTaskStat[];
  readonly riskEvents: readonly RiskEvent[];
}

/**
 * Simulates one mission: its definition (with owner, AI role and escalation path, so governance is
 * clean), primary KPI, 2–4 tasks and `model.runs` completed runs with their task aggregates.
 * Run ids are `<missionId>-R<nnn>`. Draws, in order: start offsets, KPI values, touches, tasks, then
 * per run the task telemetry and risk flags.
 *
 * @throws RangeError when the model's parameters are invalid (see the series functions) or
 *   `model.runs` < 1.
 * @example simulateMission(createRng("m"), model, "M0001").runs.length // → model.runs
 */
export function simulateMission(
  rng: Rng,
  model: MissionModel,
  missionId: string,
  firstStartMs = SIMULATION_START_MS,
): SimulatedMission {
  const n = model.spacing.kind === "explicit" ? model.spacing.days.length : model.runs;
  if (!Number.isSafeInteger(n) || n < 1) throw new RangeError(`a mission needs ≥ 1 run, got ${n}`);
  const days = runStartDays(rng, model.spacing, n);
  const values = kpiValues(rng, model.kpi, days);
  const touches = touchCounts(rng, model.touches, n);
  const t = model.tasks;
  const taskCount = rng.int(t.count[0], t.count[1]);
  const tasks: TaskDefinition[] = [];
  for (let i = 0; i < taskCount; i++) {
    tasks.push({
      missionId,
      taskId: `T${i + 1}`,
      name: `Task ${i + 1}`,
      order: i + 1,
      dependsOn: i === 0 ? [] : [`T${i}`],
      estimatedMinutes: Math.round(rng.uniform(t.estimateMinutes[0], t.estimateMinutes[1])),
      requiresApproval: t.approvalEvery > 0 && (i + 1) % t.approvalEvery === 0,
    });
  }
  const runs: Run[] = [];
  const stats: RunTaskStat[] = [];
  const riskEvents: RiskEvent[] = [];
  for (let i = 0; i < n; i++) {
    const runId = `${missionId}-R${String(i + 1).padStart(3, "0")}`;
    const startMs = Math.round(firstStartMs + (days[i] as number) * DAY_MS);
    let duration = 0;
    for (const task of tasks) {
      const actual = logNormalWithMean(rng, task.estimatedMinutes * t.actualToEstimate, t.actualSigma);
      const delay = task.requiresApproval ? logNormalWithMean(rng, t.approvalDelayMinutes, 0.5) : 0;
      duration += actual + delay;
      stats.push({
        runId,
        missionId,
        taskId: task.taskId,
        executions: 1,
        actualMinutes: actual,
        humanDelayMinutes: delay,
        approvalDelayMinutes: delay,
        approvalRequiredCount: task.requiresApproval ? 1 : 0,
        overrunMinutes: Math.max(0, actual - task.estimatedMinutes),
        overrunCount: actual > task.estimatedMinutes ? 1 : 0,
        unsuccessfulCount: 0,
        agents: ["agent-1"],
      });
    }
    const risky = model.riskRunShare !== undefined && rng.bernoulli(model.riskRunShare);
    if (risky) {
      riskEvents.push({
        eventId: `${runId}-risk`,
        runId,
        missionId,
        taskId: tasks[0]?.taskId as string,
        riskType: "simulated",
        severity: "low",
        detectedAt: new Date(startMs + 60_000).toISOString(),
        detectedMs: startMs + 60_000,
        status: "open",
      });
    }
    const durationMinutes = Math.round(duration * 100) / 100;
    const endMs = startMs + Math.round(durationMinutes * 60_000);
    const value = values[i];
    runs.push({
      runId,
      missionId,
      startTime: new Date(startMs).toISOString(),
      endTime: new Date(endMs).toISOString(),
      startMs,
      endMs,
      status: "completed",
      durationMinutes,
      humanInterventions: touches.interventions[i] as number,
      escalations: touches.escalations[i] as number,
      riskFlagged: risky,
      kpis: value === null || value === undefined ? {} : { [SIMULATED_KPI]: value },
    });
  }
  const k = model.kpi;
  return {
    mission: {
      missionId,
      name: `Simulated mission ${missionId}`,
      description: "Calibration simulation",
      businessOwner: "Calibration owner",
      aiRole: "recommend",
      escalationPath: "Calibration on-call",
    },
    kpi: {
      missionId,
      kpi: SIMULATED_KPI,
      direction: k.direction,
      primary: true,
      baseline: k.level,
      ...(k.target !== undefined ? { target: k.target } : {}),
    },
    tasks,
    runs,
    stats,
    riskEvents,
  };
}

/**
 * Simulates a dataset of one mission per model (ids `M0001`, `M0002`, …), each drawn from its own
 * stream `rng.derive(missionId)` — so a mission does not depend on how many others are simulated.
 * Runs are sorted by start (then id); the fingerprint hashes the seed and the models. The data
 * pass the loader's validation (test/calibrate/loader-roundtrip.test.ts); `warnings` is empty,
 * where the loader would warn `primary_kpi_missing` for each run without a KPI value (the
 * evaluation does not read warnings).
 *
 * @throws RangeError when a model is invalid (see {@link simulateMission}).
 * @example simulateDataset([model, model], createRng("portfolio")).missions.length // → 2
 */
export function simulateDataset(models: readonly MissionModel[], rng: Rng, label = "calibration"): Dataset {
  const parts = models.map((model, i) =>
    simulateMission(
      rng.derive(`M${String(i + 1).padStart(4, "0")}`),
      model,
      `M${String(i + 1).padStart(4, "0")}`,
    ),
  );
  const runs = parts
    .flatMap((p) => p.runs)
    .sort((a, b) => a.startMs - b.startMs || (a.runId < b.runId ? -1 : a.runId > b.runId ? 1 : 0));
  const stats = parts.flatMap((p) => p.stats);
  const fingerprint = createHash("sha256")
    .update(rng.seed)
    .update("\u0000")
    .update(JSON.stringify(models))
    .digest("hex");
  return {
    source: { folder: label, format: "canonical", files: [], fingerprint },
    missions: parts.map((p) => p.mission),
    kpis: parts.map((p) => p.kpi),
    tasks: parts.flatMap((p) => p.tasks),
    runs,
    runTaskStats: runTaskStatTableFrom(stats, runs),
    riskEvents: parts.flatMap((p) => p.riskEvents).sort((a, b) => a.detectedMs - b.detectedMs),
    taskExecutionCount: stats.length,
    warnings: [],
  };
}
