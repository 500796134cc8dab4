/**
 * An evaluation's ledger and metrics as rows and DataFrames (notebooks 1 and 2).
 */
import { beforeAll, describe, expect, it } from "vitest";
import { join, resolve } from "node:path";
import {
  builtinRuleset,
  datasetFromInline,
  evaluate,
  LEDGER_COLUMNS,
  ledgerRows,
  ledgerToFrame,
  loadDataset,
  metricsRows,
  metricsToFrame,
  toDataFrame,
  type EvaluationResult,
  type LedgerEntry,
} from "../../lib/src/index";

const demoFolder = join(resolve(__dirname, "..", ".."), "data", "demo");
let demo: EvaluationResult;
beforeAll(async () => {
  demo = evaluate(await loadDataset(demoFolder), builtinRuleset("default"));
});

describe("ledgerRows", () => {
  it("flattens ledger entries with their position among the analysed runs (doc example)", () => {
    const result = evaluate(
      datasetFromInline([{ id: "M1", kpi: { name: "d", direction: "lower_is_better" }, values: [5, 4] }]),
      builtinRuleset("default"),
    );
    expect(ledgerRows(result)[1]).toMatchObject({
      missionId: "M1",
      position: 2,
      runId: "M1-R02",
      date: "2026-01-06",
      status: "completed",
      kpiValue: 4,
    });
    expect(Object.keys(ledgerRows(result)[0] ?? {})).toEqual([...LEDGER_COLUMNS]);
  });

  it("adds one secondary.<kpi> column per other KPI seen, null where a run has none", () => {
    const rows = ledgerRows(demo);
    expect(rows.length).toBe(160);
    expect(Object.keys(rows[0] ?? {}).slice(LEDGER_COLUMNS.length)).toEqual([
      "secondary.activation_rate_pct",
      "secondary.csat_score",
    ]);
    const sales = rows.find((r) => r.missionId === "sales-pipeline");
    expect(sales?.["secondary.csat_score"]).toBeNull();
    const onboarding = ledgerRows(demo, "onboarding-time");
    expect(onboarding.every((r) => typeof r["secondary.activation_rate_pct"] === "number")).toBe(true);
    expect(onboarding.map((r) => r.position)).toEqual(onboarding.map((_, i) => i + 1));
  });

  it("refuses a mission that is not in the ledger", () => {
    expect(() => ledgerRows(demo, "nope")).toThrow(/unknown mission "nope" in the ledger/);
  });
});

describe("ledgerToFrame", () => {
  it("is a DataFrame with the ledger columns (doc example)", () => {
    const frame = ledgerToFrame(demo, "sales-pipeline");
    expect(frame.shape).toEqual([40, 15]);
    expect(frame.columns).toEqual([...LEDGER_COLUMNS]);
    expect(ledgerToFrame(demo).shape).toEqual([160, 17]);
  });
});

describe("metricsRows", () => {
  it("gives one row per mission with the figures behind its verdict (doc example)", () => {
    const rows = metricsRows(demo);
    expect(rows.map((r) => r.missionId)).toEqual(demo.portfolio.missions.map((m) => m.missionId));
    const sales = rows.find((r) => r.missionId === "sales-pipeline");
    expect(sales).toMatchObject({
      touchDirection: "rising",
      trend: "improving",
      primaryDriver: "AUTONOMY_REGRESSION",
      kpi: "lead_to_opportunity_days",
      baseline: 21,
      target: 9,
    });
    expect(sales?.triggers.split(", ")).toContain("AUTONOMY_REGRESSION");
    const kyc = rows.find((r) => r.missionId === "kyc-review");
    expect(kyc).toMatchObject({
      trend: "insufficient_data",
      trendPValue: null,
      slopePerRun: null,
      confidence: "LOW",
    });
  });

  it("is a DataFrame with one row per mission (doc example)", () => {
    const frame = metricsToFrame(demo);
    expect(frame.shape[0]).toBe(6);
    expect(frame.column("health").values).toEqual(demo.portfolio.missions.map((m) => m.health));
  });
});

describe("toDataFrame", () => {
  it("accepts records typed by interfaces (no index signature)", () => {
    const entries: readonly LedgerEntry[] = demo.ledger.byMission["kyc-review"] ?? [];
    expect(toDataFrame(entries, { columns: ["runId", "kpiValue"] }).shape).toEqual([2, 2]);
  });
});
