/**
 * `evaluate`: the whole pipeline, pure and deterministic — dataset → ledger → mission metrics →
 * triggers → mission assessments → portfolio assessment — returning every stage.
 */
import type { Dataset, Mission, RiskEvent } from "../model/dataset";
import { adjustAlarms } from "./alarm-adjustment";
import { runStatsLookup } from "../model/run-task-stat-table";
import type { Ruleset } from "../rules/schema";
import { asOfToMs } from "./as-of";
import { assessMission } from "./assess-mission";
import { assessPortfolio } from "./assess-portfolio";
import { buildColumnarLedger } from "./ledger";
import { missionMetrics } from "./mission-metrics";
import { missionTriggers } from "./triggers";
import type {
  EvaluateOptions,
  EvaluationResult,
  MissionAssessment,
  MissionMetrics,
  NotStartedMission,
} from "./types";

function groupBy<T>(items: readonly T[], key: (item: T) => string): Map<string, T[]> {
  const out = new Map<string, T[]>();
  for (const item of items) {
    const k = key(item);
    const list = out.get(k);
    if (list) list.push(item);
    else out.set(k, [item]);
  }
  return out;
}

/**
 * Evaluates a dataset under a ruleset. With `asOf`, everything later (runs started after it, risk
 * events detected after it) is ignored — the basis of backtesting. Without it, the as-of instant
 * is the start of the latest run. The dataset is not modified; the result depends only on the
 * dataset, the ruleset and `asOf`.
 *
 * @throws Error when `asOf` is not a date or a zoned date-time.
 * @example evaluate(seedDataset, builtinRuleset("seed-v3")).portfolio.verdict // → "WATCH"
 */
export function evaluate(dataset: Dataset, rules: Ruleset, options: EvaluateOptions = {}): EvaluationResult {
  let asOfMs: number;
  if (options.asOf !== undefined) asOfMs = asOfToMs(options.asOf);
  else asOfMs = dataset.runs.reduce((max, r) => Math.max(max, r.startMs), -Infinity);
  const store = buildColumnarLedger(dataset, rules, asOfMs);
  const ledger = store.ledger;

  const table = dataset.runTaskStats;
  // Aligned table (the loader's): run ids resolve through the table's index, no set of runs.
  const aligned = table.alignedWith(dataset.runs);
  const runsUpToAsOf = new Map<string, number>();
  const includedRunIds = aligned ? undefined : new Set<string>();
  for (const run of dataset.runs) {
    if (run.startMs > asOfMs) continue;
    includedRunIds?.add(run.runId);
    runsUpToAsOf.set(run.missionId, (runsUpToAsOf.get(run.missionId) ?? 0) + 1);
  }
  const isIncluded = (runId: string): boolean => {
    if (includedRunIds) return includedRunIds.has(runId);
    const index = table.runIndexOf(runId);
    return index !== undefined && dataset.runs[index]!.startMs <= asOfMs;
  };
  // Materialises the aggregates of a run only when a stage reads them.
  const statsByRun = runStatsLookup(table, (r) =>
    aligned ? dataset.runs[r]!.startMs <= asOfMs : isIncluded(table.columns.runIds[r]!),
  );
  // The events the ledger counted (aligned: it resolved each event's run once already).
  const riskByMission = groupBy<RiskEvent>(
    aligned
      ? dataset.riskEvents.filter((_, i) => store.eventRuns[i]! >= 0)
      : dataset.riskEvents.filter((e) => e.detectedMs <= asOfMs && isIncluded(e.runId)),
    (e) => e.missionId,
  );
  const tasksByMission = groupBy(dataset.tasks, (t) => t.missionId);
  const primary = new Map(dataset.kpis.filter((k) => k.primary).map((k) => [k.missionId, k]));

  const missions = [...dataset.missions].sort((a, b) =>
    a.missionId < b.missionId ? -1 : a.missionId > b.missionId ? 1 : 0,
  );
  const measured: MissionMetrics[] = [];
  const notStarted: NotStartedMission[] = [];
  const onProgress = options.onProgress;
  for (const [index, mission] of missions.entries()) {
    onProgress?.({ stage: "evaluate", missions: index, totalMissions: missions.length });
    const runsTotal = runsUpToAsOf.get(mission.missionId) ?? 0;
    if (runsTotal === 0) {
      // No run by the as-of instant: listed as not started, not scored.
      notStarted.push({ missionId: mission.missionId, missionName: mission.name });
      continue;
    }
    const metrics = missionMetrics(
      {
        mission,
        kpi: primary.get(mission.missionId),
        tasks: tasksByMission.get(mission.missionId) ?? [],
        entries: store.entries(mission.missionId), // made for this mission only, then dropped
        runsTotal,
        statsByRun,
        riskEvents: riskByMission.get(mission.missionId) ?? [],
        asOfMs,
      },
      rules,
    );
    measured.push(metrics);
  }
  onProgress?.({ stage: "evaluate", missions: missions.length, totalMissions: missions.length });
  // The alarms' p-values adjusted together across the portfolio, then the rules fire.
  const byId = new Map(missions.map((m) => [m.missionId, m]));
  const assessments: MissionAssessment[] = adjustAlarms(measured, rules).map((metrics) => {
    const mission = byId.get(metrics.missionId) as Mission;
    return assessMission(mission, metrics, missionTriggers(metrics, rules), rules);
  });
  const portfolio = assessPortfolio(assessments, rules, notStarted);
  return {
    ruleset: { id: rules.id, version: rules.version },
    asOf: Number.isFinite(asOfMs) ? new Date(asOfMs).toISOString() : "",
    ledger,
    metrics: assessments.map((a) => a.metrics),
    triggers: assessments.flatMap((a) => a.triggers),
    portfolio,
    dataWarnings: dataset.warnings,
    inputFingerprint: dataset.source.fingerprint,
  };
}
