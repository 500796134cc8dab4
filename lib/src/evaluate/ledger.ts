/**
 * Stage 1 — the per-run ledger: one entry per run with its primary KPI value, approval delay,
 * overrun, human touches and risk, in the ruleset's run order. Linear in runs + task aggregates +
 * risk events.
 */
import type { Dataset, Run } from "../model/dataset";
import type { Ruleset } from "../rules/schema";
import type { ExcludedRun, Ledger, LedgerEntry } from "./types";

/** Task and risk aggregates of one run. */
export interface RunAggregate {
  approvalDelay: number;
  overrun: number;
  riskEvents: number;
  riskWeight: number;
}

/**
 * Comparator of the ruleset's run order: by date then run id (`date_then_run_id`) or by start
 * instant then run id (`start_time`).
 *
 * @example [b, a].sort(compareEntries("start_time")) // → oldest first
 */
export function compareEntries(order: Ruleset["ledger"]["order"]) {
  return (a: LedgerEntry, b: LedgerEntry): number => {
    if (order === "date_then_run_id") {
      if (a.date !== b.date) return a.date < b.date ? -1 : 1;
    } else if (a.startMs !== b.startMs) {
      return a.startMs - b.startMs;
    }
    return a.runId < b.runId ? -1 : a.runId > b.runId ? 1 : 0;
  };
}

/**
 * The ledger entry of a run whose primary KPI `kpi` has `value`, with its aggregates (none: 0).
 *
 * @example ledgerEntry(run, "days", 4, undefined).humanTouches // → interventions + escalations
 */
export function ledgerEntry(
  run: Run,
  kpi: string,
  value: number,
  agg: RunAggregate | undefined,
): LedgerEntry {
  const secondaryKpis: Record<string, number> = {};
  for (const [name, v] of Object.entries(run.kpis)) if (name !== kpi) secondaryKpis[name] = v;
  return {
    runId: run.runId,
    missionId: run.missionId,
    startTime: run.startTime,
    startMs: run.startMs,
    date: run.startTime.slice(0, 10),
    status: run.status,
    durationMinutes: run.durationMinutes,
    kpiValue: value,
    secondaryKpis,
    humanInterventions: run.humanInterventions,
    escalations: run.escalations,
    humanTouches: run.humanInterventions + run.escalations,
    approvalDelayMinutes: agg?.approvalDelay ?? 0,
    overrunMinutes: agg?.overrun ?? 0,
    riskFlagged: run.riskFlagged,
    riskEvents: agg?.riskEvents ?? 0,
    riskWeight: agg?.riskWeight ?? 0,
  };
}

/**
 * Builds the ledger of every run started at or before `asOfMs`. Runs whose mission has no primary
 * KPI value in that run are excluded with a reason; risk events detected after `asOfMs` are
 * ignored.
 *
 * @example buildLedger(seedDataset, builtinRuleset("seed-v3"), Infinity).byMission.M002.length // → 2
 */
export function buildLedger(dataset: Dataset, rules: Ruleset, asOfMs: number): Ledger {
  const primaryKpi = new Map<string, string>();
  for (const k of dataset.kpis) if (k.primary) primaryKpi.set(k.missionId, k.kpi);

  const table = dataset.runTaskStats;
  // Aligned table (the loader's): run ids resolve through the table's index, no map of runs.
  const aligned = table.alignedWith(dataset.runs);
  const included = aligned ? undefined : new Map<string, Run>();
  let ignoredAfterAsOf = 0;
  for (const run of dataset.runs) {
    if (run.startMs > asOfMs) ignoredAfterAsOf++;
    else included?.set(run.runId, run);
  }
  const isIncluded = (runId: string): boolean => {
    if (included) return included.has(runId);
    const index = table.runIndexOf(runId);
    return index !== undefined && dataset.runs[index]!.startMs <= asOfMs;
  };

  // Task sums straight from the table's per-run ranges.
  const { approvalDelayMinutes, overrunMinutes, runOffsets } = table.columns;
  const taskSums = (runIndex: number): RunAggregate | undefined => {
    const start = runOffsets[runIndex]!;
    const end = runOffsets[runIndex + 1]!;
    if (start === end) return undefined;
    const agg: RunAggregate = { approvalDelay: 0, overrun: 0, riskEvents: 0, riskWeight: 0 };
    for (let i = start; i < end; i++) {
      agg.approvalDelay += approvalDelayMinutes[i]!;
      agg.overrun += overrunMinutes[i]!;
    }
    return agg;
  };
  const risk = new Map<string, RunAggregate>();
  const weights = rules.ledger.severityWeights;
  for (const event of dataset.riskEvents) {
    if (event.detectedMs > asOfMs || !isIncluded(event.runId)) continue;
    let agg = risk.get(event.runId);
    if (!agg) risk.set(event.runId, (agg = { approvalDelay: 0, overrun: 0, riskEvents: 0, riskWeight: 0 }));
    agg.riskEvents++;
    agg.riskWeight += weights[event.severity];
  }
  const aggregateOf = (run: Run, runIndex: number): RunAggregate | undefined => {
    const index = aligned ? runIndex : table.runIndexOf(run.runId);
    const sums = index === undefined ? undefined : taskSums(index);
    const r = risk.get(run.runId);
    if (!r) return sums;
    return { ...r, approvalDelay: sums?.approvalDelay ?? 0, overrun: sums?.overrun ?? 0 };
  };

  const byMission: Record<string, LedgerEntry[]> = {};
  for (const m of dataset.missions) byMission[m.missionId] = [];
  const excluded: ExcludedRun[] = [];
  for (let runIndex = 0; runIndex < dataset.runs.length; runIndex++) {
    const run = dataset.runs[runIndex]!;
    if (run.startMs > asOfMs || (included && included.get(run.runId) !== run)) continue;
    const kpi = primaryKpi.get(run.missionId);
    const value = kpi === undefined ? undefined : run.kpis[kpi];
    if (kpi === undefined || value === undefined) {
      excluded.push({
        runId: run.runId,
        missionId: run.missionId,
        reason: kpi === undefined ? "mission has no primary KPI" : `no value for the primary KPI ${kpi}`,
      });
      continue;
    }
    (byMission[run.missionId] ??= []).push(ledgerEntry(run, kpi, value, aggregateOf(run, runIndex)));
  }
  const compare = compareEntries(rules.ledger.order);
  for (const entries of Object.values(byMission)) entries.sort(compare);
  excluded.sort((a, b) => (a.runId < b.runId ? -1 : a.runId > b.runId ? 1 : 0));
  return { byMission, excluded, ignoredAfterAsOf };
}
