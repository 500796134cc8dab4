/**
 * The ledger is kept as columns and its entries made when read; the mission series reads task
 * aggregates straight from the run-task table. Both must give exactly what the object forms give.
 */
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import {
  buildLedger,
  datasetFromInline,
  evaluate,
  loadDataset,
  MissionSeries,
  runStatsLookup,
  type Dataset,
  type RunTaskStat,
} from "../../lib/src/index";
import { defaultRules, seedM002, seedV3 } from "./helpers";

const DEMO = path.resolve(__dirname, "../../data/demo");
let demo: Dataset;
beforeAll(async () => {
  demo = await loadDataset(DEMO);
});

describe("the columnar ledger", () => {
  it("makes the seed M002 entries by hand: values, aggregates and plain objects", () => {
    const ledger = buildLedger(datasetFromInline([seedM002]), seedV3, Infinity);
    expect(Object.keys(ledger.byMission)).toEqual(["M002"]);
    const entries = ledger.byMission.M002!;
    // Run 2: KPI 8, 2 interventions + 1 escalation, approval delay 6 on T5 (approval task),
    // overrun (12 − 8) + (9 − 6) = 7, two risk events (T4 low, T5 high). Run 1: KPI 10, 1 + 0
    // touches, delay 3, overrun (9 − 8) + (7 − 6) = 2, no risk.
    expect(
      entries.map((e) => [
        e.kpiValue,
        e.humanTouches,
        e.approvalDelayMinutes,
        e.overrunMinutes,
        e.riskEvents,
      ]),
    ).toEqual([
      [10, 1, 3, 2, 0],
      [8, 3, 6, 7, 2],
    ]);
    for (const e of entries) expect(Object.getPrototypeOf(e)).toBe(Object.prototype);
    expect(entries[1]).toStrictEqual({ ...entries[1] });
  });

  it("serialises, compares and re-reads like a plain record of arrays", () => {
    const ledger = buildLedger(demo, defaultRules, Infinity);
    const plain = JSON.parse(JSON.stringify(ledger.byMission)) as Record<string, unknown[]>;
    expect(Object.keys(plain)).toEqual(demo.missions.map((m) => m.missionId));
    expect(ledger.byMission).toEqual(plain);
    const first = ledger.byMission[demo.missions[0]!.missionId];
    expect(ledger.byMission[demo.missions[0]!.missionId]).toBe(first); // kept while held
    const total = Object.values(ledger.byMission).reduce((n, list) => n + list.length, 0);
    expect(total + ledger.excluded.length + ledger.ignoredAfterAsOf).toBe(demo.runs.length);
  });

  it("is what evaluate returns, for every as-of instant", () => {
    for (const asOf of [undefined, "2026-02-15", "2026-01-20T12:00:00Z"]) {
      const result = evaluate(demo, defaultRules, asOf === undefined ? {} : { asOf });
      const asOfMs = Date.parse(result.asOf);
      expect(result.ledger).toEqual(buildLedger(demo, defaultRules, asOfMs));
    }
  });
});

describe("the mission series over the run-task table", () => {
  it("sums each task exactly as it does from materialised aggregates", () => {
    const ledger = buildLedger(demo, defaultRules, Infinity);
    const table = demo.runTaskStats;
    const asMap = new Map<string, RunTaskStat[]>();
    for (let r = 0; r < table.runCount; r++) {
      const stats = table.forRun(r);
      if (stats.length > 0) asMap.set(table.columns.runIds[r]!, stats);
    }
    const config = {
      order: defaultRules.ledger.order,
      severityWeights: defaultRules.ledger.severityWeights,
      topRunIds: 5,
    };
    for (const mission of demo.missions) {
      const entries = ledger.byMission[mission.missionId]!;
      const taskIds = demo.tasks.filter((t) => t.missionId === mission.missionId).map((t) => t.taskId);
      const fromTable = MissionSeries.of(entries, config, { statsByRun: runStatsLookup(table), taskIds });
      const fromMap = MissionSeries.of(entries, config, { statsByRun: asMap, taskIds });
      expect(taskIds.length).toBeGreaterThan(0);
      for (const taskId of taskIds) {
        expect(fromTable.taskTotals(taskId)).toEqual(fromMap.taskTotals(taskId));
        for (const e of entries.slice(-3))
          expect(fromTable.taskStat(e.runId, taskId)).toEqual(fromMap.taskStat(e.runId, taskId));
      }
    }
  });
});
