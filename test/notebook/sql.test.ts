import { beforeAll, describe, expect, it } from "vitest";
import { join } from "node:path";
import { loadDataset, releaseSql, sql, sqlRows, SqlQueryError, type Dataset } from "../../lib/src/index";

const demoFolder = join(__dirname, "..", "..", "data", "demo");
let dataset: Dataset;

beforeAll(async () => {
  dataset = await loadDataset(demoFolder, { now: Date.parse("2026-12-01T00:00:00Z") });
});

const one = async (d: Dataset, query: string) => (await sqlRows(d, query)).rows[0]?.[0];

describe("sql over a dataset", () => {
  it("registers every table with one row per record", async () => {
    let kpiValues = 0;
    for (const r of dataset.runs) kpiValues += Object.keys(r.kpis).length;
    const expected: Record<string, number> = {
      missions: dataset.missions.length,
      kpis: dataset.kpis.length,
      tasks: dataset.tasks.length,
      runs: dataset.runs.length,
      run_kpis: kpiValues,
      run_task_stats: dataset.runTaskStats.length,
      risk_events: dataset.riskEvents.length,
    };
    for (const [table, n] of Object.entries(expected)) {
      expect(await one(dataset, `select count(*) from ${table}`), table).toBe(n);
    }
    expect(expected.runs).toBe(160); // data/README.md: 36 + 40 + 30 + 28 + 2 + 24
  });

  it("gives the mean approval delay per task that a plain loop over the dataset gives", async () => {
    const sums = new Map<string, { total: number; n: number }>();
    for (const s of dataset.runTaskStats) {
      if (s.missionId !== "sales-pipeline") continue;
      const a = sums.get(s.taskId) ?? { total: 0, n: 0 };
      a.total += s.approvalDelayMinutes;
      a.n += 1;
      sums.set(s.taskId, a);
    }
    const result = await sqlRows(
      dataset,
      `select task_id, avg(approval_delay_minutes) as mean_delay, count(*) as n
       from run_task_stats where mission_id = 'sales-pipeline' group by task_id order by task_id`,
    );
    expect(result.columns).toEqual(["task_id", "mean_delay", "n"]);
    expect(result.rows.map((r) => r[0])).toEqual([...sums.keys()].sort());
    for (const [taskId, mean, n] of result.rows) {
      const a = sums.get(taskId as string)!;
      expect(n).toBe(a.n);
      expect(mean as number).toBeCloseTo(a.total / a.n, 9);
    }
  });

  it("converts numbers, strings, booleans, nulls and lists", async () => {
    // Sums and counts per mission against loops.
    for (const m of dataset.missions) {
      const runs = dataset.runs.filter((r) => r.missionId === m.missionId);
      const id = m.missionId.replace(/'/g, "''");
      const [row] = (
        await sqlRows(
          dataset,
          `select sum(human_interventions), count(*) filter (where risk_flagged), sum(duration_minutes)
           from runs where mission_id = '${id}'`,
        )
      ).rows;
      expect(row?.[0]).toBe(runs.reduce((s, r) => s + r.humanInterventions, 0));
      expect(row?.[1]).toBe(runs.filter((r) => r.riskFlagged).length);
      expect(row?.[2] as number).toBeCloseTo(
        runs.reduce((s, r) => s + r.durationMinutes, 0),
        6,
      );
    }
    const kyc = await sqlRows(
      dataset,
      "select business_owner, name from missions where mission_id = 'kyc-review'",
    );
    expect(kyc.rows).toEqual([[null, dataset.missions.find((m) => m.missionId === "kyc-review")?.name]]);
    const flags = await sqlRows(dataset, "select risk_flagged from runs");
    expect(flags.rows.map((r) => r[0])).toEqual(dataset.runs.map((r) => r.riskFlagged));
    const deps = await sqlRows(dataset, "select depends_on from tasks");
    expect(deps.rows.map((r) => r[0])).toEqual(dataset.tasks.map((t) => t.dependsOn));
    // The wide KPI column and the long table hold the same values.
    const first = dataset.runs.find((r) => Object.hasOwn(r.kpis, "onboarding_days"))!;
    const id = first.runId.replace(/'/g, "''");
    expect(await one(dataset, `select "kpi.onboarding_days" from runs where run_id = '${id}'`)).toBe(
      first.kpis.onboarding_days,
    );
    expect(
      await one(dataset, `select value from run_kpis where run_id = '${id}' and kpi = 'onboarding_days'`),
    ).toBe(first.kpis.onboarding_days);
  });

  it("returns a danfojs DataFrame with the result's columns in order", async () => {
    const df = await sql(
      dataset,
      `select mission_id, count(*) as runs, avg(human_interventions) as mean_touches, bool_or(risk_flagged) as any_risk
       from runs group by mission_id order by mission_id`,
    );
    expect(df.columns).toEqual(["mission_id", "runs", "mean_touches", "any_risk"]);
    const ids = [...new Set(dataset.runs.map((r) => r.missionId))].sort();
    expect(df.shape).toEqual([ids.length, 4]);
    const values = df.values as (string | number | boolean)[][];
    expect(values.map((r) => r[0])).toEqual(ids);
    expect(values.map((r) => r[1])).toEqual(
      ids.map((m) => dataset.runs.filter((r) => r.missionId === m).length),
    );
    expect(values.map((r) => r[3])).toEqual(
      ids.map((m) => dataset.runs.some((r) => r.missionId === m && r.riskFlagged)),
    );
    const dotted = await sql(dataset, `select run_id, "kpi.onboarding_days" from runs limit 3`);
    expect(dotted.columns).toEqual(["run_id", "kpi.onboarding_days"]);
    const empty = await sql(dataset, "select run_id, status from runs where false");
    expect(empty.columns).toEqual(["run_id", "status"]);
    expect(empty.shape[0]).toBe(0);
  });

  it("rethrows DuckDB's error with the query", async () => {
    const bad = "select * from no_such_table";
    const err = await sqlRows(dataset, bad).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(SqlQueryError);
    expect((err as SqlQueryError).message).toMatch(/no_such_table/);
    expect((err as SqlQueryError).message).toContain(`in query: ${bad}`);
    expect((err as SqlQueryError).query).toBe(bad);
    // The session survives the error.
    expect(await one(dataset, "select count(*) from missions")).toBe(dataset.missions.length);
  });

  it("keeps one database per dataset object, serialises concurrent queries, and releases it", async () => {
    const other = await loadDataset(demoFolder, { now: Date.parse("2026-12-01T00:00:00Z") });
    await sqlRows(other, "create table scratch as select 42 as x");
    expect(await one(other, "select x from scratch")).toBe(42);
    await expect(sqlRows(dataset, "select x from scratch")).rejects.toBeInstanceOf(SqlQueryError);
    const answers = await Promise.all(
      ["missions", "kpis", "tasks", "runs", "risk_events"].map((t) =>
        one(other, `select count(*) from ${t}`),
      ),
    );
    expect(answers).toEqual([
      other.missions.length,
      other.kpis.length,
      other.tasks.length,
      other.runs.length,
      other.riskEvents.length,
    ]);
    await releaseSql(other);
    await expect(sqlRows(other, "select x from scratch")).rejects.toBeInstanceOf(SqlQueryError);
    expect(await one(other, "select count(*) from runs")).toBe(other.runs.length);
    await releaseSql(other);
  });
});
