/**
 * One mission's ledger as an incremental accumulator: the ordered entries plus running figures
 * (prefix sums, Welford moments, per-task totals, risk counts by severity, the largest run ids,
 * the median interval between runs) so that every stage reads whole-history figures in O(1) and
 * only bounded windows cost more. `evaluate()` builds it in one pass (its result is the final
 * snapshot); a backtest replay feeds it run by run, so replaying a history is linear in its runs.
 *
 * Exactness: a prefix sum is accumulated in ledger order, exactly as a left-to-right sum of the
 * same values; a range sum as a difference of prefix sums is used only for whole-number counts.
 * When an entry arrives out of ledger order (same-date runs under `date_then_run_id`) or changes
 * (a risk event detected later), the running arrays are recomputed from that position, so the
 * state always equals the one built in order.
 */
import type { RunStatsLookup, RunTaskStatTable } from "../model/run-task-stat-table";
import type { RiskEvent, RiskSeverity, RunTaskStat } from "../model/dataset";
import type { Ruleset } from "../rules/schema";
import { compareEntries } from "./ledger";
import { RunningMedian } from "./running-median";
import { welford, welfordAt } from "./welford";
import { SlidingTrendWindow } from "./sliding-trend";
import { TaskRunningTotals, type TaskTotals } from "./task-running-totals";
import type { TrendWindowStats } from "./trend";
import type { LedgerEntry } from "./types";

export type { TaskTotals } from "./task-running-totals";

const DAY_MS = 86_400_000;

/** Per-run figures kept as prefix sums. */
export type SummedField =
  | "humanInterventions"
  | "escalations"
  | "humanTouches"
  | "approvalDelayMinutes"
  | "overrunMinutes"
  | "riskWeight"
  | "riskFlagged";

const SUMMED: readonly SummedField[] = [
  "humanInterventions",
  "escalations",
  "humanTouches",
  "approvalDelayMinutes",
  "overrunMinutes",
  "riskWeight",
  "riskFlagged",
];

/** Risk events counted by severity. */
interface SeverityCounts {
  low: number;
  medium: number;
  high: number;
}

/** Settings of a series (from the ruleset). */
export interface SeriesConfig {
  /** Ledger order, used to place an entry that arrives out of order. */
  readonly order: Ruleset["ledger"]["order"];
  readonly severityWeights: Readonly<Record<RiskSeverity, number>>;
  /** How many of the largest run ids (compared as strings) to keep; 0 for none. */
  readonly topRunIds: number;
}

/** Data a series reads beside its entries. */
export interface SeriesContext {
  /** Task aggregates by run id (may hold runs not yet added). */
  /** Run id → the run's task aggregates (a `ReadonlyMap` will do). */
  readonly statsByRun: RunStatsLookup;
  /** Task ids whose totals over all entries are kept. */
  readonly taskIds: readonly string[];
}

const EMPTY_CONTEXT: SeriesContext = { statsByRun: new Map(), taskIds: [] };

function value(entry: LedgerEntry, field: SummedField): number {
  return field === "riskFlagged" ? (entry.riskFlagged ? 1 : 0) : entry[field];
}

/**
 * The accumulator. Mutable by design (it is the replay's state); every reader gets read-only
 * views. Not part of a result: stages copy what they report.
 *
 * @example const s = MissionSeries.of(entries); s.total("humanTouches") // → Σ interventions + escalations
 */
export class MissionSeries {
  private readonly list: LedgerEntry[] = [];
  /** Primary KPI values of the entries that carry one, and those entries' starts. */
  private readonly kpi: number[] = [];
  private readonly kpiStarts: number[] = [];
  private readonly starts: number[] = [];
  private readonly prefix = new Map<SummedField, number[]>(SUMMED.map((f) => [f, [0]]));
  /** Sequential KPI sum and Welford moments of the KPI and of the duration, per prefix length. */
  private readonly kpiSum = [0];
  private readonly kpiMean = [0];
  private readonly kpiM2 = [0];
  /** KPI values present per prefix length. */
  private readonly kpiCount = [0];
  private readonly durSum = [0];
  private readonly durMean = [0];
  private readonly durM2 = [0];
  private readonly tasks = new Map<string, TaskRunningTotals>();
  private readonly top: string[] = [];
  private readonly intervals = new RunningMedian();
  private readonly missionRisk: SeverityCounts = { low: 0, medium: 0, high: 0 };
  private readonly taskRisk = new Map<string, SeverityCounts>();
  private readonly runEvents = new Map<string, RiskEvent[]>();
  /** Visible high-severity risk events still open (their status in the data), as they became visible. */
  private readonly openHigh: RiskEvent[] = [];
  private readonly compare: (a: LedgerEntry, b: LedgerEntry) => number;
  /** Trend windows by size, once asked for; then kept up to date. */
  private readonly windows = new Map<number, SlidingTrendWindow>();
  /** Trend statistics computed since the last change, by size and confidence level. */
  private readonly statsCache = new Map<string, TrendWindowStats>();

  constructor(
    readonly config: SeriesConfig,
    private readonly context: SeriesContext = EMPTY_CONTEXT,
  ) {
    this.compare = compareEntries(config.order);
    for (const id of context.taskIds) this.tasks.set(id, new TaskRunningTotals());
  }

  /**
   * A series of `entries` taken in the given order (already the ledger's), with the mission's
   * visible risk events.
   *
   * @example MissionSeries.of(entries).length // → entries.length
   */
  static of(
    entries: readonly LedgerEntry[],
    config: Partial<SeriesConfig> = {},
    context: SeriesContext = EMPTY_CONTEXT,
    riskEvents: readonly RiskEvent[] = [],
  ): MissionSeries {
    const s = new MissionSeries(
      {
        order: config.order ?? "start_time",
        severityWeights: config.severityWeights ?? { low: 1, medium: 2, high: 3 },
        topRunIds: config.topRunIds ?? 0,
      },
      context,
    );
    for (const e of entries) s.append(e);
    for (const ev of riskEvents) s.addRiskEvent(ev);
    return s;
  }

  /** Number of entries. */
  get length(): number {
    return this.list.length;
  }

  /** Entries in ledger order (read-only view). */
  get entries(): readonly LedgerEntry[] {
    return this.list;
  }

  /** Primary KPI values in ledger order, of the entries that carry one (read-only view). */
  get kpiValues(): readonly number[] {
    return this.kpi;
  }

  /** Start instants (epoch ms) of the entries that carry a KPI value, aligned with {@link kpiValues}. */
  get kpiStartMs(): readonly number[] {
    return this.kpiStarts;
  }

  /** Start instants (epoch ms) in ledger order (read-only view). */
  get startMs(): readonly number[] {
    return this.starts;
  }

  /** Adds an entry known to come last in ledger order. */
  append(entry: LedgerEntry): void {
    const n = this.list.length;
    const prev = this.starts[n - 1];
    this.list.push(entry);
    this.starts.push(entry.startMs);
    this.extend(n);
    if (prev !== undefined) this.intervals.add((entry.startMs - prev) / DAY_MS);
    this.addRunId(entry.runId);
    if (entry.kpiValue !== null) {
      const v = entry.kpiValue;
      this.kpi.push(v);
      this.kpiStarts.push(entry.startMs);
      for (const w of this.windows.values()) w.push(v);
    }
    this.statsCache.clear();
  }

  /** Adds an entry at its place in ledger order (cost: the entries after it). */
  insert(entry: LedgerEntry): void {
    let p = this.list.length;
    while (p > 0 && this.compare(entry, this.list[p - 1] as LedgerEntry) < 0) p--;
    if (p === this.list.length) {
      this.append(entry);
      return;
    }
    const before = this.starts[p - 1];
    const after = this.starts[p] as number;
    if (before !== undefined) {
      this.intervals.remove((after - before) / DAY_MS);
      this.intervals.add((entry.startMs - before) / DAY_MS);
    }
    this.intervals.add((after - entry.startMs) / DAY_MS);
    this.list.splice(p, 0, entry);
    this.starts.splice(p, 0, entry.startMs);
    this.recomputeFrom(p);
    this.addRunId(entry.runId);
    if (entry.kpiValue !== null) {
      let k = 0; // the KPI position: entries before p that carry a value
      for (let i = 0; i < p; i++) if ((this.list[i] as LedgerEntry).kpiValue !== null) k++;
      this.kpi.splice(k, 0, entry.kpiValue);
      this.kpiStarts.splice(k, 0, entry.startMs);
      for (const w of this.windows.values()) if (k >= this.kpi.length - w.capacity) w.reset(this.kpi);
    }
    this.statsCache.clear();
  }

  /** Replaces the entry with the same run id (its risk figures changed). */
  replace(entry: LedgerEntry): void {
    let i = this.list.length - 1;
    while (i >= 0 && (this.list[i] as LedgerEntry).runId !== entry.runId) i--;
    if (i < 0) throw new Error(`MissionSeries.replace: run ${entry.runId} is not in the series`);
    this.list[i] = entry;
    this.recomputeFrom(i);
  }

  /** Counts a risk event of the mission that became visible (its run may lack a ledger entry). */
  addRiskEvent(event: RiskEvent): void {
    this.missionRisk[event.severity]++;
    if (event.severity === "high" && event.status === "open") this.openHigh.push(event);
    if (event.taskId !== undefined) {
      let c = this.taskRisk.get(event.taskId);
      if (!c) this.taskRisk.set(event.taskId, (c = { low: 0, medium: 0, high: 0 }));
      c[event.severity]++;
    }
    const list = this.runEvents.get(event.runId);
    if (list) list.push(event);
    else this.runEvents.set(event.runId, [event]);
  }

  /** Sum of a field over all entries (a left-to-right sum). */
  total(field: SummedField): number {
    const p = this.prefix.get(field) as number[];
    return p[p.length - 1] as number;
  }

  /** Sum of a whole-number field over entries [from, to) by prefix sums (exact for counts). */
  countSum(field: SummedField, from: number, to: number): number {
    const p = this.prefix.get(field) as number[];
    return (p[to] as number) - (p[from] as number);
  }

  /** Mean of a field over the most recent `recentRuns` entries (all when unset); 0 when empty. */
  recentMean(field: SummedField, recentRuns: number | undefined): number {
    const n = this.list.length;
    if (n === 0) return 0;
    if (recentRuns === undefined || recentRuns >= n) return this.total(field) / n;
    let sum = 0;
    for (let i = n - recentRuns; i < n; i++) sum += value(this.list[i] as LedgerEntry, field);
    return sum / recentRuns;
  }

  /**
   * Population coefficient of variation of the KPI values (0 below 2 values or at a zero mean).
   * Entries without a value carry the moments forward, so the figure is over the values present.
   */
  kpiCv(): number {
    return this.cv(this.kpiSum, this.kpiM2, this.kpi.length);
  }

  /** Population coefficient of variation of the run durations. */
  durationCv(): number {
    return this.cv(this.durSum, this.durM2, this.list.length);
  }

  /** Totals of a task (one of the context's task ids) over all entries. */
  taskTotals(taskId: string): TaskTotals {
    return this.tasks.get(taskId)?.at(this.list.length) ?? new TaskRunningTotals().at(0);
  }

  /** Task aggregate of a run (the first one for the task), if any. */
  taskStat(runId: string, taskId: string): RunTaskStat | undefined {
    const lookup = this.context.statsByRun;
    if (lookup.find) return lookup.find(runId, taskId);
    return lookup.get(runId)?.find((x) => x.taskId === taskId);
  }

  /** Visible risk events of the mission: count and severity-weighted sum. */
  missionRiskTotals(): { count: number; weight: number } {
    return this.weigh(this.missionRisk);
  }

  /** Visible high-severity risk events whose status is open (read-only view). */
  openHighRiskEvents(): readonly RiskEvent[] {
    return this.openHigh;
  }

  /** Visible risk events of the mission on one task. */
  taskRiskTotals(taskId: string): { count: number; weight: number } {
    return this.weigh(this.taskRisk.get(taskId) ?? { low: 0, medium: 0, high: 0 });
  }

  /** Visible risk events on one task within the given runs. */
  taskRiskIn(runIds: readonly string[], taskId: string): { count: number; weight: number } {
    const c: SeverityCounts = { low: 0, medium: 0, high: 0 };
    for (const id of runIds)
      for (const ev of this.runEvents.get(id) ?? []) if (ev.taskId === taskId) c[ev.severity]++;
    return this.weigh(c);
  }

  /** The largest run ids (as strings), ascending, at most `config.topRunIds`. */
  largestRunIds(): readonly string[] {
    return this.top;
  }

  /**
   * Mann–Kendall, Sen's slope (at `ciLevel`) and median |value| of the last `size` KPI values —
   * built on the first call, then updated as entries arrive (O(size²) per run instead of
   * recomputing).
   */
  trendStats(size: number, ciLevel: number): TrendWindowStats {
    const key = `${size}|${ciLevel}`;
    const cached = this.statsCache.get(key);
    if (cached) return cached;
    let w = this.windows.get(size);
    if (!w) {
      w = new SlidingTrendWindow(size);
      w.reset(this.kpi);
      this.windows.set(size, w);
    }
    const stats = { mannKendall: w.mannKendall(), sen: w.sen(ciLevel), level: w.medianAbs() };
    this.statsCache.set(key, stats);
    return stats;
  }

  /** Median days between consecutive entries (0 with fewer than two). */
  medianIntervalDays(): number {
    return this.intervals.median();
  }

  private weigh(c: SeverityCounts): { count: number; weight: number } {
    const w = this.config.severityWeights;
    return {
      count: c.low + c.medium + c.high,
      weight: c.low * w.low + c.medium * w.medium + c.high * w.high,
    };
  }

  private cv(sums: readonly number[], m2: readonly number[], n: number): number {
    if (n < 2) return 0;
    const last = sums.length - 1;
    const mean = (sums[last] as number) / n;
    if (mean === 0) return 0;
    return Math.sqrt((m2[last] as number) / n) / Math.abs(mean);
  }

  private addRunId(runId: string): void {
    const k = this.config.topRunIds;
    if (k <= 0) return;
    if (this.top.length >= k) {
      if (runId <= (this.top[0] as string)) return;
      this.top.shift();
    }
    let i = this.top.length;
    while (i > 0 && (this.top[i - 1] as string) > runId) i--;
    this.top.splice(i, 0, runId);
  }

  /** Truncates the running arrays to `p` entries and extends them over the rest. */
  private recomputeFrom(p: number): void {
    for (const arr of this.prefix.values()) arr.length = p + 1;
    for (const arr of [
      this.kpiSum,
      this.kpiMean,
      this.kpiM2,
      this.kpiCount,
      this.durSum,
      this.durMean,
      this.durM2,
    ])
      arr.length = p + 1;
    for (const t of this.tasks.values()) t.truncate(p);
    for (let i = p; i < this.list.length; i++) this.extend(i);
  }

  /**
   * The task part of {@link extend} read straight from the table's columns (the run at `run`, or
   * none): the same sums, in the same order, without materialising an aggregate.
   */
  private extendTasksFromTable(i: number, table: RunTaskStatTable, run: number | undefined): void {
    const c = table.columns;
    const start = run === undefined ? 0 : c.runOffsets[run]!;
    const end = run === undefined ? 0 : c.runOffsets[run + 1]!;
    for (const [taskId, t] of this.tasks) {
      let k = start;
      while (k < end && c.taskIds[c.task[k]!] !== taskId) k++; // the first aggregate of the task
      t.pushTableEntry(i, c, k < end ? k : -1);
    }
  }

  /** Extends every running array with entry `i` (arrays hold i + 1 values before). */
  private extend(i: number): void {
    const e = this.list[i] as LedgerEntry;
    for (const [field, arr] of this.prefix) arr.push((arr[i] as number) + value(e, field));
    if (e.kpiValue === null) {
      // No value: the KPI moments of this prefix are those of the previous one.
      this.kpiSum.push(this.kpiSum[i] as number);
      this.kpiMean.push(this.kpiMean[i] as number);
      this.kpiM2.push(this.kpiM2[i] as number);
      this.kpiCount.push(this.kpiCount[i] as number);
    } else {
      welfordAt(this.kpiSum, this.kpiMean, this.kpiM2, i, this.kpiCount[i] as number, e.kpiValue);
      this.kpiCount.push((this.kpiCount[i] as number) + 1);
    }
    welford(this.durSum, this.durMean, this.durM2, i, e.durationMinutes);
    if (this.tasks.size === 0) return;
    const lookup = this.context.statsByRun;
    if (lookup.table && lookup.admittedRunIndex) {
      this.extendTasksFromTable(i, lookup.table, lookup.admittedRunIndex(e.runId));
      return;
    }
    const stats = lookup.get(e.runId);
    for (const [taskId, t] of this.tasks)
      t.pushStat(
        i,
        stats?.find((x) => x.taskId === taskId),
      );
  }
}
