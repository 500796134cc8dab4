/**
 * The per-run ledger as one table a warehouse can compute: one row per run and task executed —
 * the run's own columns (with its KPI values as `kpi.<name>` columns) beside the aggregates of its
 * executions of that task — and one row with empty task columns for a run without executions.
 * {@link LEDGER_SQL} computes it from the canonical tables; `mission ledger --out` writes it from a
 * loaded dataset; a folder whose `ledger.parquet` stands in for `runs` and `task_executions` is
 * read back into the same dataset (the evaluation is identical).
 */
import { rename, rm } from "node:fs/promises";
import { dirname, join } from "node:path";
import type { Dataset } from "../model/dataset";
import { sqlIdent, sqlPath, withEngine } from "./engine";

/**
 * The ledger's task columns, in order, with their SQL types: every other column is the run's.
 *
 * @example LEDGER_TASK_COLUMNS[0] // → ["task_id", "VARCHAR"]
 */
export const LEDGER_TASK_COLUMNS: readonly (readonly [string, "VARCHAR" | "BIGINT" | "DOUBLE"])[] = [
  ["task_id", "VARCHAR"],
  ["executions", "BIGINT"],
  ["actual_minutes", "DOUBLE"],
  ["human_delay_minutes", "DOUBLE"],
  ["approval_delay_minutes", "DOUBLE"],
  ["approval_required_count", "BIGINT"],
  ["overrun_minutes", "DOUBLE"],
  ["overrun_count", "BIGINT"],
  ["unsuccessful_count", "BIGINT"],
];

/** The run columns of the ledger before its KPI columns. */
export const LEDGER_RUN_COLUMNS: readonly (readonly [string, string])[] = [
  ["run_id", "VARCHAR"],
  ["mission_id", "VARCHAR"],
  ["start_time", "VARCHAR"],
  ["end_time", "VARCHAR"],
  ["status", "VARCHAR"],
  ["duration_minutes", "DOUBLE"],
  ["human_interventions", "BIGINT"],
  ["escalations", "BIGINT"],
  ["risk_flagged", "BOOLEAN"],
];

/**
 * The ledger query over the canonical tables `runs`, `tasks` and `task_executions` (typed columns:
 * numbers numeric, booleans boolean, as a warehouse holds them). Plain SQL — `WITH`, `JOIN`,
 * `GROUP BY`, `CASE`, `SUM`, `COUNT` — that DuckDB, Spark SQL, BigQuery, Snowflake, PostgreSQL
 * and Redshift all accept as it is. `r.*` brings the run's KPI columns along.
 *
 * @example LEDGER_SQL.startsWith("-- The per-run ledger") // → true
 */
export const LEDGER_SQL = `-- The per-run ledger of Mission Orchestrator Notebook: one row per run and task executed,
-- one row with empty task columns for a run without task executions.
WITH executions AS (
  SELECT
    e.run_id,
    e.task_id,
    COUNT(*) AS executions,
    SUM(e.actual_minutes) AS actual_minutes,
    SUM(e.human_delay_minutes) AS human_delay_minutes,
    SUM(CASE WHEN e.approval_required THEN e.human_delay_minutes ELSE 0 END) AS approval_delay_minutes,
    SUM(CASE WHEN e.approval_required THEN 1 ELSE 0 END) AS approval_required_count,
    SUM(CASE WHEN e.actual_minutes > t.estimated_minutes
             THEN e.actual_minutes - t.estimated_minutes ELSE 0 END) AS overrun_minutes,
    SUM(CASE WHEN e.actual_minutes > t.estimated_minutes THEN 1 ELSE 0 END) AS overrun_count,
    SUM(CASE WHEN e.outcome IN ('failed', 'rejected', 'escalated') THEN 1 ELSE 0 END) AS unsuccessful_count
  FROM task_executions e
  JOIN runs r ON r.run_id = e.run_id
  JOIN tasks t ON t.mission_id = r.mission_id AND t.task_id = e.task_id
  GROUP BY e.run_id, e.task_id
)
SELECT
  r.*,
  x.task_id,
  x.executions,
  x.actual_minutes,
  x.human_delay_minutes,
  x.approval_delay_minutes,
  x.approval_required_count,
  x.overrun_minutes,
  x.overrun_count,
  x.unsuccessful_count
FROM runs r
LEFT JOIN executions x ON x.run_id = r.run_id
`;

/** KPI names of a dataset's runs, sorted: the ledger's `kpi.<name>` columns. */
function kpiNames(dataset: Dataset): string[] {
  const names = new Set<string>();
  for (const k of dataset.kpis) names.add(k.kpi);
  for (const r of dataset.runs) for (const k in r.kpis) names.add(k);
  return [...names].sort();
}

/** Rows of the ledger of `dataset`, in dataset order (runs, then their tasks in plan order). */
function* ledgerRows(
  dataset: Dataset,
  kpis: readonly string[],
): Generator<(string | number | boolean | null)[]> {
  const table = dataset.runTaskStats;
  const c = table.columns;
  const empty: null[] = LEDGER_TASK_COLUMNS.map(() => null);
  for (const run of dataset.runs) {
    const head: (string | number | boolean | null)[] = [
      run.runId,
      run.missionId,
      run.startTime,
      run.endTime,
      run.status,
      run.durationMinutes,
      run.humanInterventions,
      run.escalations,
      run.riskFlagged,
      ...kpis.map((k) => run.kpis[k] ?? null),
    ];
    const { start, end } = table.range(table.runIndexOf(run.runId) ?? -1);
    if (start === end) {
      yield [...head, ...empty];
      continue;
    }
    for (let k = start; k < end; k++) {
      yield [
        ...head,
        c.taskIds[c.task[k]!]!,
        c.executions[k]!,
        c.actualMinutes[k]!,
        c.humanDelayMinutes[k]!,
        c.approvalDelayMinutes[k]!,
        c.approvalRequiredCount[k]!,
        c.overrunMinutes[k]!,
        c.overrunCount[k]!,
        c.unsuccessfulCount[k]!,
      ];
    }
  }
}

/** Formats the ledger can be written in. */
export type LedgerFormat = "parquet" | "csv";

/**
 * Writes the ledger of a loaded dataset to `out` (Parquet, or CSV by the name's `.csv`),
 * atomically: a temporary file beside it, then a rename. Returns the number of rows.
 *
 * @throws Error when DuckDB cannot write the file (the temporary file is removed).
 * @example await writeLedger(await loadDataset("data/demo"), "/tmp/ledger.parquet") // → 834 (one row per run and task executed)
 */
export async function writeLedger(dataset: Dataset, out: string): Promise<number> {
  const format: LedgerFormat = out.toLowerCase().endsWith(".csv") ? "csv" : "parquet";
  const kpis = kpiNames(dataset);
  const columns = [
    ...LEDGER_RUN_COLUMNS,
    ...kpis.map((k) => [`kpi.${k}`, "DOUBLE"] as const),
    ...LEDGER_TASK_COLUMNS,
  ];
  const temp = join(dirname(out), `.${Date.now()}-${process.pid}.ledger.tmp`);
  return withEngine(async (engine) => {
    // Appended as DOUBLE (the appender's number), written with the ledger's types.
    const loose = (t: string) => (t === "BIGINT" ? "DOUBLE" : t);
    await engine.run(
      `create table ledger (${columns.map(([n, t]) => `${sqlIdent(n)} ${loose(t)}`).join(", ")})`,
    );
    await engine.append("ledger", ledgerRows(dataset, kpis));
    const [{ n }] = (await engine.rows("select count(*) as n from ledger")) as [{ n: number }];
    const typed = columns.map(([c, t]) => `${sqlIdent(c)}::${t} as ${sqlIdent(c)}`).join(", ");
    try {
      await engine.run(
        `copy (select ${typed} from ledger) to ${sqlPath(temp)} (format ${format}${format === "csv" ? ", header true" : ""})`,
      );
      await rename(temp, out);
    } catch (e) {
      await rm(temp, { force: true });
      throw e;
    }
    return n;
  });
}
