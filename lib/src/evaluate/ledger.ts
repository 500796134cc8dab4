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

/** The fields of a {@link LedgerEntry}, writable while it is made. */
type EntryFields = { -readonly [K in keyof LedgerEntry]: LedgerEntry[K] };

/**
 * Makes entries with a constructor rather than an object literal. V8 pretenures an object
 * literal's allocation site once the objects it makes outlive a few young collections — a
 * mission's entries do, while the mission is assessed — and from then on every entry is allocated
 * in the old generation, where it stays as garbage until a full collection: measured, 345 KB per
 * mission and 340 MB more peak memory for 1M runs. A constructor has no such site. Its prototype is
 * `Object.prototype`, so an entry is a plain object all the same.
 */
const PlainEntry = function PlainEntry(
  this: EntryFields,
  run: Run,
  value: number | null,
  secondary: Record<string, number>,
  agg: RunAggregate | undefined,
) {
  this.runId = run.runId;
  this.missionId = run.missionId;
  this.startTime = run.startTime;
  this.startMs = run.startMs;
  this.date = run.startTime.slice(0, 10);
  this.status = run.status;
  this.durationMinutes = run.durationMinutes;
  this.kpiValue = value;
  this.secondaryKpis = secondary;
  this.humanInterventions = run.humanInterventions;
  this.escalations = run.escalations;
  this.humanTouches = run.humanInterventions + run.escalations;
  this.approvalDelayMinutes = agg?.approvalDelay ?? 0;
  this.overrunMinutes = agg?.overrun ?? 0;
  this.riskFlagged = run.riskFlagged;
  this.riskEvents = agg?.riskEvents ?? 0;
  this.riskWeight = agg?.riskWeight ?? 0;
} as unknown as new (
  run: Run,
  value: number | null,
  secondary: Record<string, number>,
  agg: RunAggregate | undefined,
) => LedgerEntry;
PlainEntry.prototype = Object.prototype;

/**
 * The ledger entry of a run whose primary KPI `kpi` has `value` (null: the run did not report it),
 * with its aggregates (none: 0).
 *
 * @example ledgerEntry(run, "days", 4, undefined).humanTouches // → interventions + escalations
 */
export function ledgerEntry(
  run: Run,
  kpi: string,
  value: number | null,
  agg: RunAggregate | undefined,
): LedgerEntry {
  const secondaryKpis = Object.create(Object.prototype) as Record<string, number>; // no literal: see PlainEntry
  for (const name in run.kpis) if (name !== kpi) secondaryKpis[name] = run.kpis[name]!;
  return new PlainEntry(run, value, secondaryKpis, agg);
}

/**
 * One mission's ledger as columns: the runs (indexes into `Dataset.runs`) in the ruleset's run
 * order, with the figures that do not come from the run itself. About 40 bytes a run instead of a
 * few hundred for an entry object.
 */
interface MissionLedgerColumns {
  readonly kpi: string;
  readonly runs: Uint32Array;
  /** NaN where the run did not report the primary KPI (kept under `runsWithoutKpi: include`). */
  readonly kpiValue: Float64Array;
  readonly approvalDelay: Float64Array;
  readonly overrun: Float64Array;
  readonly riskEvents: Uint32Array;
  readonly riskWeight: Float64Array;
}

/**
 * A ledger kept as columns, its entries materialised on demand. `entries(missionId)` makes a fresh
 * array each call (what `evaluate` reads, one mission at a time); `ledger.byMission` has one
 * enumerable property per mission whose value is made on first read and kept only while something
 * else holds it (a weak reference), so a million-run ledger costs its columns, not a million
 * objects, unless a caller keeps every mission's entries.
 */
class ColumnarLedger {
  readonly ledger: Ledger;

  constructor(
    private readonly runs: readonly Run[],
    private readonly missions: ReadonlyMap<string, MissionLedgerColumns>,
    missionIds: readonly string[],
    excluded: readonly ExcludedRun[],
    ignoredAfterAsOf: number,
    /** Per risk event of the dataset: the index of its run when the event counts, else −1. */
    readonly eventRuns: Int32Array,
  ) {
    const byMission: Record<string, readonly LedgerEntry[]> = {};
    for (const missionId of missionIds) {
      let cached: WeakRef<readonly LedgerEntry[]> | undefined;
      Object.defineProperty(byMission, missionId, {
        enumerable: true,
        get: (): readonly LedgerEntry[] => {
          let entries = cached?.deref();
          if (!entries) cached = new WeakRef((entries = this.entries(missionId)));
          return entries;
        },
      });
    }
    this.ledger = { byMission, excluded, ignoredAfterAsOf };
  }

  /** Index in `Dataset.runs` of each of the mission's entries, in ledger order. */
  runIndexes(missionId: string): Uint32Array {
    return this.missions.get(missionId)?.runs ?? new Uint32Array(0);
  }

  /** The mission's entries, made anew ([] for a mission without runs in the ledger). */
  entries(missionId: string): LedgerEntry[] {
    const c = this.missions.get(missionId);
    if (!c) return [];
    const out: LedgerEntry[] = new Array<LedgerEntry>(c.runs.length);
    for (let i = 0; i < c.runs.length; i++) {
      const value = c.kpiValue[i]!;
      out[i] = ledgerEntry(this.runs[c.runs[i]!]!, c.kpi, Number.isNaN(value) ? null : value, {
        approvalDelay: c.approvalDelay[i]!,
        overrun: c.overrun[i]!,
        riskEvents: c.riskEvents[i]!,
        riskWeight: c.riskWeight[i]!,
      });
    }
    return out;
  }
}

/**
 * Builds the ledger of every run started at or before `asOfMs`. Runs of a mission without a primary
 * KPI are excluded with a reason, and so are runs without the primary KPI's value unless the
 * ruleset keeps them (`ledger.runsWithoutKpi: include`: their entry's `kpiValue` is null); risk events detected after `asOfMs` are
 * ignored. The ledger is held as columns; each mission's entries are made when read (see
 * `Ledger.byMission`).
 *
 * @example buildLedger(seedDataset, builtinRuleset("seed-v3"), Infinity).byMission.M002.length // → 2
 */
export function buildLedger(dataset: Dataset, rules: Ruleset, asOfMs: number): Ledger {
  return buildColumnarLedger(dataset, rules, asOfMs).ledger;
}

/** {@link buildLedger}, with the columnar store `evaluate` reads one mission at a time. */
export function buildColumnarLedger(dataset: Dataset, rules: Ruleset, asOfMs: number): ColumnarLedger {
  const primaryKpi = new Map<string, string>();
  for (const k of dataset.kpis) if (k.primary) primaryKpi.set(k.missionId, k.kpi);
  const runs = dataset.runs;

  const table = dataset.runTaskStats;
  // Aligned table (the loader's): run ids resolve through the table's index, no map of runs.
  const aligned = table.alignedWith(runs);
  // Without an aligned table: the index of each run id.
  // (A run id listed twice, possible only in a hand-made dataset: the last run listed counts.)
  let indexById: Map<string, number> | undefined;
  if (!aligned) {
    indexById = new Map();
    for (let i = 0; i < runs.length; i++) indexById.set(runs[i]!.runId, i);
  }
  const runIndexOf = (runId: string): number | undefined =>
    indexById ? indexById.get(runId) : table.runIndexOf(runId);
  let ignoredAfterAsOf = 0;
  for (const run of runs) if (run.startMs > asOfMs) ignoredAfterAsOf++;

  // Risk per run index, from events up to the as-of instant (columns: a map per run costs more),
  // and each event's run (−1: the event is not counted).
  const riskCount = new Uint32Array(runs.length);
  const riskWeight = new Float64Array(runs.length);
  const eventRuns = new Int32Array(dataset.riskEvents.length).fill(-1);
  const weights = rules.ledger.severityWeights;
  dataset.riskEvents.forEach((event, e) => {
    if (event.detectedMs > asOfMs) return;
    const r = runIndexOf(event.runId);
    if (r === undefined || runs[r]!.startMs > asOfMs) return;
    eventRuns[e] = r;
    riskCount[r]! += 1;
    riskWeight[r] = riskWeight[r]! + weights[event.severity];
  });

  // Each mission's included runs with their primary KPI value, in dataset order.
  const missionIds = dataset.missions.map((m) => m.missionId);
  const chosen = new Map<string, { kpi: string; runs: number[]; values: number[] }>();
  const excluded: ExcludedRun[] = [];
  const keepWithoutValue = rules.ledger.runsWithoutKpi === "include";
  for (let r = 0; r < runs.length; r++) {
    const run = runs[r]!;
    if (run.startMs > asOfMs || (indexById && indexById.get(run.runId) !== r)) continue;
    const kpi = primaryKpi.get(run.missionId);
    const value = kpi === undefined ? undefined : run.kpis[kpi];
    if (kpi === undefined || (value === undefined && !keepWithoutValue)) {
      excluded.push({
        runId: run.runId,
        missionId: run.missionId,
        reason: kpi === undefined ? "mission has no primary KPI" : `no value for the primary KPI ${kpi}`,
      });
      continue;
    }
    let list = chosen.get(run.missionId);
    if (!list) chosen.set(run.missionId, (list = { kpi, runs: [], values: [] }));
    list.runs.push(r);
    list.values.push(value ?? NaN);
  }

  const { approvalDelayMinutes, overrunMinutes, runOffsets } = table.columns;
  const compare = compareRunsFor(rules.ledger.order, runs);
  const missions = new Map<string, MissionLedgerColumns>();
  for (const [missionId, list] of chosen) {
    // Positions in ledger order (dataset order already is it for `start_time`; check, else sort).
    const order = list.runs.map((_, i) => i);
    let sorted = true;
    for (let i = 1; i < list.runs.length && sorted; i++)
      sorted = compare(list.runs[i - 1]!, list.runs[i]!) <= 0;
    if (!sorted) order.sort((a, b) => compare(list.runs[a]!, list.runs[b]!));
    const n = order.length;
    const c: MissionLedgerColumns = {
      kpi: list.kpi,
      runs: new Uint32Array(n),
      kpiValue: new Float64Array(n),
      approvalDelay: new Float64Array(n),
      overrun: new Float64Array(n),
      riskEvents: new Uint32Array(n),
      riskWeight: new Float64Array(n),
    };
    for (let i = 0; i < n; i++) {
      const r = list.runs[order[i]!]!;
      c.runs[i] = r;
      c.kpiValue[i] = list.values[order[i]!]!;
      // Task sums straight from the table's range of the run.
      const t = aligned ? r : table.runIndexOf(runs[r]!.runId);
      if (t !== undefined) {
        let approval = 0;
        let overrun = 0;
        for (let k = runOffsets[t]!; k < runOffsets[t + 1]!; k++) {
          approval += approvalDelayMinutes[k]!;
          overrun += overrunMinutes[k]!;
        }
        c.approvalDelay[i] = approval;
        c.overrun[i] = overrun;
      }
      c.riskEvents[i] = riskCount[r]!;
      c.riskWeight[i] = riskWeight[r]!;
    }
    missions.set(missionId, c);
  }
  const listed = new Set(missionIds);
  const allMissionIds = [...missionIds, ...[...chosen.keys()].filter((id) => !listed.has(id))];
  excluded.sort((a, b) => (a.runId < b.runId ? -1 : a.runId > b.runId ? 1 : 0));
  return new ColumnarLedger(runs, missions, allMissionIds, excluded, ignoredAfterAsOf, eventRuns);
}

/** {@link compareEntries} over run indexes, reading the runs. */
function compareRunsFor(order: Ruleset["ledger"]["order"], runs: readonly Run[]) {
  return (x: number, y: number): number => {
    const a = runs[x]!;
    const b = runs[y]!;
    if (order === "date_then_run_id") {
      const da = a.startTime.slice(0, 10);
      const db = b.startTime.slice(0, 10);
      if (da !== db) return da < db ? -1 : 1;
    } else if (a.startMs !== b.startMs) {
      return a.startMs - b.startMs;
    }
    return a.runId < b.runId ? -1 : a.runId > b.runId ? 1 : 0;
  };
}
