/**
 * The incremental state of one mission moving forward in time under one ruleset's metric
 * settings: runs enter the mission series as their start instant passes, risk events as they
 * become visible. Each step costs O(windows + tasks), so a whole replay is linear in the runs.
 */
import { ledgerEntry, type RunAggregate } from "../evaluate/ledger";
import { MissionSeries } from "../evaluate/mission-series";
import { missionMetricsOf, seriesConfig, seriesTaskIds } from "../evaluate/mission-metrics";
import type { StageMemo } from "../evaluate/stage-memo";
import type { LedgerEntry, MissionMetrics } from "../evaluate/types";
import type { Run } from "../model/dataset";
import type { Ruleset } from "../rules/schema";
import type { MissionHistory, VisibleRiskEvent } from "./mission-history";

interface RunState {
  readonly run: Run;
  /** Task aggregates (approval delay, overrun) of the run. */
  readonly base: RunAggregate;
  /** Visible risk events of the run, by dataset position. */
  readonly events: VisibleRiskEvent[];
  /** Whether the run has a ledger entry (carries the primary KPI, or the ruleset keeps runs without it). */
  readonly inLedger: boolean;
}

/**
 * One mission's replay state. `advanceTo` only moves forward; `metrics` is the mission's metrics
 * as of the last instant reached — equal to `evaluate(dataset, rules, { asOf })`'s for that
 * mission.
 *
 * @example const s = new ReplayState(history, rules); s.advanceTo(run.startMs); s.metrics().runsAnalyzed // → runs so far with the KPI
 */
export class ReplayState {
  private readonly series: MissionSeries;
  private readonly runs = new Map<string, RunState>();
  private runPos = 0;
  private eventPos = 0;
  private instant = -Infinity;

  constructor(
    private readonly history: MissionHistory,
    private readonly rules: Ruleset,
  ) {
    this.series = new MissionSeries(seriesConfig(rules), {
      statsByRun: history.statsByRun,
      taskIds: seriesTaskIds(rules, history.tasks),
    });
  }

  /** Runs started up to the current instant. */
  get runsTotal(): number {
    return this.runPos;
  }

  /**
   * Takes in every run started and every risk event visible at or before `asOfMs`.
   *
   * @throws Error when asked to go back in time.
   */
  advanceTo(asOfMs: number): void {
    if (asOfMs < this.instant) throw new Error("ReplayState.advanceTo: instants must not decrease");
    this.instant = asOfMs;
    const { runs, events } = this.history;
    while (this.runPos < runs.length && (runs[this.runPos] as Run).startMs <= asOfMs) {
      this.addRun(runs[this.runPos++] as Run);
    }
    while (this.eventPos < events.length && (events[this.eventPos] as VisibleRiskEvent).visibleMs <= asOfMs) {
      this.addEvent(events[this.eventPos++] as VisibleRiskEvent);
    }
  }

  /**
   * The mission's metrics as of the current instant under `rules` (default: the state's; another
   * ruleset must share its series settings, see `seriesKey`). `memo` shares stages between the
   * rulesets of one step.
   */
  metrics(rules: Ruleset = this.rules, memo?: StageMemo): MissionMetrics {
    const h = this.history;
    return missionMetricsOf(
      this.series,
      { mission: h.mission, kpi: h.kpi, tasks: h.tasks, runsTotal: this.runPos, asOfMs: this.instant },
      rules,
      memo,
    );
  }

  private addRun(run: Run): void {
    const base: RunAggregate = { approvalDelay: 0, overrun: 0, riskEvents: 0, riskWeight: 0 };
    for (const s of this.history.statsByRun.get(run.runId) ?? []) {
      base.approvalDelay += s.approvalDelayMinutes;
      base.overrun += s.overrunMinutes;
    }
    const kpi = this.history.kpi?.kpi;
    const value = kpi === undefined ? undefined : run.kpis[kpi];
    // The ledger's rule: runs without the KPI's value count when the ruleset keeps them.
    const keep = this.rules.ledger.runsWithoutKpi === "include";
    const inLedger = kpi !== undefined && (value !== undefined || keep);
    const state: RunState = { run, base, events: [], inLedger };
    this.runs.set(run.runId, state);
    if (kpi !== undefined && inLedger) this.series.insert(ledgerEntry(run, kpi, value ?? null, base));
  }

  private addEvent(v: VisibleRiskEvent): void {
    this.series.addRiskEvent(v.event);
    const state = this.runs.get(v.event.runId);
    if (!state) return;
    let i = state.events.length;
    while (i > 0 && (state.events[i - 1] as VisibleRiskEvent).index > v.index) i--;
    state.events.splice(i, 0, v);
    if (!state.inLedger) return;
    const weights = this.rules.ledger.severityWeights;
    let riskWeight = 0;
    for (const e of state.events) riskWeight += weights[e.event.severity];
    const agg: RunAggregate = { ...state.base, riskEvents: state.events.length, riskWeight };
    const kpi = this.history.kpi?.kpi as string;
    const entry: LedgerEntry = ledgerEntry(state.run, kpi, state.run.kpis[kpi] ?? null, agg);
    this.series.replace(entry);
  }
}
