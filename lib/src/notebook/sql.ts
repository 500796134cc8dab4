/**
 * SQL over a loaded dataset, for notebooks: the validated `Dataset`'s arrays are registered once
 * (per dataset object) as DuckDB tables with snake_case columns, and each query's result comes back
 * as plain rows or a danfojs DataFrame. The dataset is never modified; the tables are a copy.
 *
 * Tables (columns as in data/README.md, plus the loader's derived fields):
 * - `missions` (mission_id, name, description, business_owner, ai_role, escalation_path)
 * - `kpis` (mission_id, kpi, direction, unit, baseline, target, target_date, primary)
 * - `tasks` (mission_id, task_id, name, order, depends_on VARCHAR[], estimated_minutes,
 *   requires_approval)
 * - `runs` (run_id, mission_id, start_time, end_time, start_ms, end_ms, status, duration_minutes,
 *   human_interventions, escalations, risk_flagged, then one `kpi.<name>` DOUBLE column per KPI name
 *   seen in any run, sorted, null when not observed)
 * - `run_kpis` (run_id, mission_id, kpi, value): the same KPI values in long form, one row per
 *   observed value — easier to group by KPI than the wide columns
 * - `run_task_stats` (run_id, mission_id, task_id, executions, actual_minutes,
 *   human_delay_minutes, approval_delay_minutes, approval_required_count, overrun_minutes,
 *   overrun_count, unsuccessful_count, agents VARCHAR[]): the per-(run, task) aggregates of the
 *   task executions
 * - `risk_events` (event_id, run_id, mission_id, task_id, risk_type, severity, description,
 *   detected_at, detected_ms, status)
 *
 * Counts are BIGINT, `order` INTEGER, minutes and KPI values DOUBLE, flags BOOLEAN. Timestamps are
 * the ISO text as given (`start_time`, `detected_at`) plus epoch milliseconds
 * (`start_ms`, `detected_ms`, DOUBLE); `to_timestamp(start_ms / 1000)` gives a DuckDB timestamp.
 */
import { LEDGER_TASK_COLUMNS } from "../ingest/ledger";
import type { DataFrame } from "danfojs-node";
import type { Dataset } from "../model/dataset";
import { openEngine, sqlIdent, type Engine, type EngineValue } from "../ingest/engine";
import { toDataFrame, type FlatValue } from "./data-frame";

type Cell = string | number | boolean | null;
type ColumnType = "VARCHAR" | "DOUBLE" | "INTEGER" | "BIGINT" | "BOOLEAN" | "VARCHAR[]";

/** Thrown when DuckDB rejects a query: its message, then the query. */
export class SqlQueryError extends Error {
  /** The query as given. */
  readonly query: string;
  constructor(message: string, query: string, cause: unknown) {
    super(`${message}\n  in query: ${query}`, { cause });
    this.name = "SqlQueryError";
    this.query = query;
  }
}

/** One registered table: its columns and a source of rows in column order. */
interface TableSpec {
  readonly name: string;
  readonly columns: readonly (readonly [string, ColumnType])[];
  rows(): Iterable<readonly Cell[]>;
}

const opt = <T>(v: T | undefined): T | null => (v === undefined ? null : v);

function tableSpecs(dataset: Dataset): TableSpec[] {
  const kpiNames = new Set<string>();
  for (const r of dataset.runs) for (const k of Object.keys(r.kpis)) kpiNames.add(k);
  const kpiList = [...kpiNames].sort();
  const stats = dataset.runTaskStats;
  return [
    {
      name: "missions",
      columns: [
        ["mission_id", "VARCHAR"],
        ["name", "VARCHAR"],
        ["description", "VARCHAR"],
        ["business_owner", "VARCHAR"],
        ["ai_role", "VARCHAR"],
        ["escalation_path", "VARCHAR"],
      ],
      rows: () =>
        dataset.missions.map((m) => [
          m.missionId,
          m.name,
          m.description,
          opt(m.businessOwner),
          opt(m.aiRole),
          opt(m.escalationPath),
        ]),
    },
    {
      name: "kpis",
      columns: [
        ["mission_id", "VARCHAR"],
        ["kpi", "VARCHAR"],
        ["direction", "VARCHAR"],
        ["unit", "VARCHAR"],
        ["baseline", "DOUBLE"],
        ["target", "DOUBLE"],
        ["target_date", "VARCHAR"],
        ["primary", "BOOLEAN"],
      ],
      rows: () =>
        dataset.kpis.map((k) => [
          k.missionId,
          k.kpi,
          k.direction,
          opt(k.unit),
          opt(k.baseline),
          opt(k.target),
          opt(k.targetDate),
          k.primary,
        ]),
    },
    {
      name: "tasks",
      columns: [
        ["mission_id", "VARCHAR"],
        ["task_id", "VARCHAR"],
        ["name", "VARCHAR"],
        ["order", "INTEGER"],
        ["depends_on", "VARCHAR[]"],
        ["estimated_minutes", "DOUBLE"],
        ["requires_approval", "BOOLEAN"],
      ],
      rows: () =>
        dataset.tasks.map((t) => [
          t.missionId,
          t.taskId,
          t.name,
          t.order,
          JSON.stringify(t.dependsOn),
          t.estimatedMinutes,
          t.requiresApproval,
        ]),
    },
    {
      name: "runs",
      columns: [
        ["run_id", "VARCHAR"],
        ["mission_id", "VARCHAR"],
        ["start_time", "VARCHAR"],
        ["end_time", "VARCHAR"],
        ["start_ms", "DOUBLE"],
        ["end_ms", "DOUBLE"],
        ["status", "VARCHAR"],
        ["duration_minutes", "DOUBLE"],
        ["human_interventions", "BIGINT"],
        ["escalations", "BIGINT"],
        ["risk_flagged", "BOOLEAN"],
        ...kpiList.map((k) => [`kpi.${k}`, "DOUBLE"] as const),
      ],
      rows: () =>
        dataset.runs.map((r) => [
          r.runId,
          r.missionId,
          r.startTime,
          r.endTime,
          r.startMs,
          r.endMs,
          r.status,
          r.durationMinutes,
          r.humanInterventions,
          r.escalations,
          r.riskFlagged,
          ...kpiList.map((k) => (Object.hasOwn(r.kpis, k) ? (r.kpis[k] ?? null) : null)),
        ]),
    },
    {
      name: "run_kpis",
      columns: [
        ["run_id", "VARCHAR"],
        ["mission_id", "VARCHAR"],
        ["kpi", "VARCHAR"],
        ["value", "DOUBLE"],
      ],
      rows: function* () {
        for (const r of dataset.runs)
          for (const [k, v] of Object.entries(r.kpis)) yield [r.runId, r.missionId, k, v];
      },
    },
    {
      name: "run_task_stats",
      columns: [
        ["run_id", "VARCHAR"],
        ["mission_id", "VARCHAR"],
        ...LEDGER_TASK_COLUMNS,
        ["agents", "VARCHAR[]"],
      ],
      rows: function* () {
        // Straight from the columns: no object per entry (millions of entries at scale).
        const c = stats.columns;
        const agentText = c.agentLists.map((a) => JSON.stringify(a));
        for (let r = 0; r < c.runIds.length; r++) {
          const runId = c.runIds[r]!;
          const missionId = c.missionIds[r]!;
          for (let i = c.runOffsets[r]!; i < c.runOffsets[r + 1]!; i++) {
            yield [
              runId,
              missionId,
              c.taskIds[c.task[i]!]!,
              c.executions[i]!,
              c.actualMinutes[i]!,
              c.humanDelayMinutes[i]!,
              c.approvalDelayMinutes[i]!,
              c.approvalRequiredCount[i]!,
              c.overrunMinutes[i]!,
              c.overrunCount[i]!,
              c.unsuccessfulCount[i]!,
              agentText[c.agents[i]!]!,
            ];
          }
        }
      },
    },
    {
      name: "risk_events",
      columns: [
        ["event_id", "VARCHAR"],
        ["run_id", "VARCHAR"],
        ["mission_id", "VARCHAR"],
        ["task_id", "VARCHAR"],
        ["risk_type", "VARCHAR"],
        ["severity", "VARCHAR"],
        ["description", "VARCHAR"],
        ["detected_at", "VARCHAR"],
        ["detected_ms", "DOUBLE"],
        ["status", "VARCHAR"],
      ],
      rows: () =>
        dataset.riskEvents.map((e) => [
          e.eventId,
          e.runId,
          e.missionId,
          opt(e.taskId),
          e.riskType,
          e.severity,
          opt(e.description),
          e.detectedAt,
          e.detectedMs,
          e.status,
        ]),
    },
  ];
}

/** Creates and fills the tables of `dataset` in `engine` (lists staged as JSON text, then typed). */
async function register(engine: Engine, dataset: Dataset): Promise<void> {
  for (const spec of tableSpecs(dataset)) {
    const hasList = spec.columns.some(([, t]) => t === "VARCHAR[]");
    const target = hasList ? `stage_${spec.name}` : spec.name;
    const defs = spec.columns.map(([c, t]) => `${sqlIdent(c)} ${t === "VARCHAR[]" ? "VARCHAR" : t}`);
    await engine.run(`CREATE TABLE ${sqlIdent(target)} (${defs.join(", ")})`);
    await engine.append(target, spec.rows());
    if (hasList) {
      const select = spec.columns
        .map(([c, t]) =>
          t === "VARCHAR[]" ? `from_json(${sqlIdent(c)}, '["VARCHAR"]') AS ${sqlIdent(c)}` : sqlIdent(c),
        )
        .join(", ");
      await engine.run(`CREATE TABLE ${sqlIdent(spec.name)} AS SELECT ${select} FROM ${sqlIdent(target)}`);
      await engine.run(`DROP TABLE ${sqlIdent(target)}`);
    }
  }
}

/** A registered dataset: its engine and a queue that runs one statement at a time. */
interface Session {
  readonly engine: Promise<Engine>;
  tail: Promise<unknown>;
}

const sessions = new WeakMap<Dataset, Session>();

function session(dataset: Dataset): Session {
  let s = sessions.get(dataset);
  if (!s) {
    const engine = (async () => {
      const e = await openEngine();
      try {
        await register(e, dataset);
      } catch (err) {
        e.close();
        throw err;
      }
      return e;
    })();
    s = { engine, tail: Promise.resolve() };
    sessions.set(dataset, s);
    // A failed registration is not cached: the next call tries again.
    engine.catch(() => sessions.delete(dataset));
  }
  return s;
}

/** Runs `work` after every earlier statement of the same dataset (the engine is not concurrent). */
function queued<T>(s: Session, work: (engine: Engine) => Promise<T>): Promise<T> {
  const next = s.tail.then(async () => work(await s.engine));
  s.tail = next.catch(() => undefined);
  return next;
}

/** A result cell as a DataFrame cell: lists and structs become JSON text. */
function flat(v: EngineValue): FlatValue {
  if (v === null || typeof v === "string" || typeof v === "number" || typeof v === "boolean") return v;
  return JSON.stringify(v);
}

/** The result of a query: column names (repeats made unique: `x`, `x_2`) and rows. */
export interface SqlResult {
  readonly columns: readonly string[];
  /** One array per row, aligned with {@link SqlResult.columns}. */
  readonly rows: readonly (readonly EngineValue[])[];
}

function unique(names: readonly string[]): string[] {
  const seen = new Map<string, number>();
  return names.map((n) => {
    const k = (seen.get(n) ?? 0) + 1;
    seen.set(n, k);
    return k === 1 ? n : `${n}_${k}`;
  });
}

/**
 * Runs one SQL query (DuckDB's dialect) over the tables of `dataset` (see the module comment:
 * missions, kpis, tasks, runs with `kpi.<name>` columns, run_kpis, run_task_stats, risk_events)
 * and returns its columns and rows as plain values: numbers for every numeric type (BIGINT and
 * DECIMAL converted to JavaScript numbers), strings, booleans, null, arrays for lists, objects for
 * structs, text for dates and timestamps. The tables are registered on the first query for a
 * dataset object and kept while the object lives (one in-memory DuckDB database per dataset);
 * queries on the same dataset run one after the other.
 *
 * @throws SqlQueryError when DuckDB rejects the query (syntax, unknown table or column, a failed
 *   cast): DuckDB's message followed by the query.
 * @example (await sqlRows(dataset, "select count(*) as n from runs")).rows // → [[160]] for the demo
 */
export async function sqlRows(dataset: Dataset, query: string): Promise<SqlResult> {
  return queued(session(dataset), async (engine) => {
    const rows: EngineValue[][] = [];
    let columns: readonly string[];
    try {
      columns = await engine.stream(query, (chunk, names) => {
        for (let r = 0; r < chunk.rowCount; r++) {
          const row: EngineValue[] = new Array<EngineValue>(names.length);
          for (let c = 0; c < names.length; c++) row[c] = chunk.value(c, r);
          rows.push(row);
        }
      });
    } catch (e) {
      throw new SqlQueryError(e instanceof Error ? e.message : String(e), query, e);
    }
    return { columns: unique(columns), rows };
  });
}

/**
 * Runs one SQL query over the tables of `dataset` (see {@link sqlRows} for the tables, the value
 * conversion and caching) and returns the result as a danfojs DataFrame: one column per result
 * column, in order; numbers, strings and booleans kept, null as the missing value, lists and
 * structs as JSON text. An empty result gives a DataFrame with the columns and no rows. Loads
 * danfojs-node on first call.
 *
 * @throws SqlQueryError when DuckDB rejects the query (its message, then the query).
 * @example
 * const df = await sql(dataset, `
 *   select task_id, avg(approval_delay_minutes) as mean_delay
 *   from run_task_stats where mission_id = 'sales-pipeline'
 *   group by task_id order by mean_delay desc`);
 * df.columns // → ["task_id", "mean_delay"]
 */
export async function sql(dataset: Dataset, query: string): Promise<DataFrame> {
  const result = await sqlRows(dataset, query);
  const { columns } = result;
  if (result.rows.length === 0) {
    const danfo = require("danfojs-node") as typeof import("danfojs-node");
    return new danfo.DataFrame([], { columns: [...columns] });
  }
  const records = result.rows.map((row) => {
    const rec: Record<string, FlatValue> = {};
    columns.forEach((c, i) =>
      Object.defineProperty(rec, c, { value: flat(row[i] ?? null), enumerable: true, writable: true }),
    );
    return rec;
  });
  // Every value is flat already, so a name with a dot (`kpi.cost`) stays one column.
  return toDataFrame(records, { columns });
}

/**
 * Closes the DuckDB database registered for `dataset` by {@link sql} / {@link sqlRows} (if any)
 * and forgets it; a later query registers the tables again. Not needed for correctness — the
 * database goes with the dataset object — but frees its memory at once.
 *
 * @example await releaseSql(dataset) // → resolves; the next sql(dataset, …) re-registers
 */
export async function releaseSql(dataset: Dataset): Promise<void> {
  const s = sessions.get(dataset);
  if (!s) return;
  sessions.delete(dataset);
  await queued(s, async (engine) => engine.close()).catch(() => undefined);
}
