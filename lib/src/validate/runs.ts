/**
 * Validates run records (one execution of a mission, with its outcome telemetry and KPI values).
 */
import { describeFound } from "../io/describe-found";
import { LocationColumn } from "../io/location-column";
import type { RecordLocation } from "../io/source-record";
import { RUN_STATUSES, type Run } from "../model/dataset";
import type { FieldReader } from "./field-reader";
import { checkReference, IdIndex } from "./references";
import { KPI_COLUMN_PREFIX, kpiFieldOf, readRunKpis } from "./run-kpis";
import { StringPool } from "./string-pool";

/** Fields a run record must have (canonical names). */
export const RUN_REQUIRED_FIELDS: readonly string[] = [
  "run_id",
  "mission_id",
  "start_time",
  "end_time",
  "status",
  "duration_minutes",
  "human_interventions",
  "escalations",
  "risk_flagged",
];

export { KPI_COLUMN_PREFIX } from "./run-kpis";

/** Where a KPI name was first reported by a mission's runs, and by how many runs. */
export interface KpiSighting {
  readonly location: RecordLocation;
  /** Field as shown in issues (`kpi.<name>` or `kpis.<name>`). */
  readonly field: string;
  runs: number;
}

/** Where a valid run was read and how its KPI fields are named there. */
export interface RunPlace {
  readonly location: RecordLocation;
  /** `kpi.` (CSV columns) or `kpis.` (JSON object). */
  readonly kpiPrefix: string;
}

/** Runs read so far. */
export class RunTable {
  /** Run ids seen → mission id ("" when the run's mission_id is invalid or unknown). */
  readonly ids = new IdIndex<string>();
  /** Mission → KPI name → first sighting in a valid run. */
  readonly kpiSightings = new Map<string, Map<string, KpiSighting>>();
  // Valid runs with their locations and KPI prefixes as columns: an object or two per run more
  // would live through the whole load only to be dropped at its end (a few hundred MB at 1M runs).
  private readonly valid: Run[] = [];
  private readonly locations = new LocationColumn();
  private readonly prefixes: string[] = [];
  private readonly prefixOf: number[] = [];
  /** One string per mission id, shared by every run of the mission (not one copy per run). */
  private readonly missionIds = new StringPool();

  /**
   * Validates one run record: run_id (unique), mission_id (a known mission), start_time and
   * end_time (ISO 8601 with zone; end not before start), status
   * (completed|failed|aborted|partial), duration_minutes (≥ 0), human_interventions and escalations
   * (integers ≥ 0), risk_flagged (boolean); KPI values (CSV `kpi.<name>` columns, JSON `kpis`
   * object) must be finite numbers when present.
   */
  add(reader: FieldReader, missions: IdIndex<true>): void {
    const runId = reader.requiredText("run_id");
    const missionId = reader.requiredText("mission_id");
    const start = reader.timestamp("start_time", true);
    const end = reader.timestamp("end_time", true);
    const status = reader.enumValue("status", RUN_STATUSES, true);
    const durationMinutes = reader.number("duration_minutes", { min: 0 }, true);
    const humanInterventions = reader.number("human_interventions", { min: 0, integer: true }, true);
    const escalations = reader.number("escalations", { min: 0, integer: true }, true);
    const riskFlagged = reader.boolean("risk_flagged", true);
    const kpis = readRunKpis(reader);
    const missionKnown =
      missionId !== undefined && checkReference(reader, "mission_id", missionId, missions, "mission");
    if (start && end && end.ms < start.ms) {
      reader.error({
        code: "end_before_start",
        field: "end_time",
        expected: `a time at or after start_time ${start.iso}`,
        found: describeFound(end.iso),
        message: "the run ends before it starts",
      });
    }
    if (runId === undefined) return;
    if (
      !this.ids.register(
        reader,
        "run_id",
        runId,
        missionKnown ? this.missionIds.shared(missionId) : "",
        "run",
      )
    )
      return;
    if (
      reader.failed ||
      !missionKnown ||
      !start ||
      !end ||
      status === undefined ||
      durationMinutes === undefined ||
      humanInterventions === undefined ||
      escalations === undefined ||
      riskFlagged === undefined ||
      !kpis
    ) {
      return;
    }
    const sharedMissionId = this.missionIds.shared(missionId);
    this.valid.push({
      runId,
      missionId: sharedMissionId,
      startTime: start.iso,
      endTime: end.iso,
      startMs: start.ms,
      endMs: end.ms,
      status,
      durationMinutes,
      humanInterventions,
      escalations,
      riskFlagged,
      kpis,
    });
    this.locations.push(reader.record.location);
    const prefix = reader.fieldName(reader.record.textual ? KPI_COLUMN_PREFIX : "kpis.");
    let p = this.prefixes.indexOf(prefix);
    if (p < 0) p = this.prefixes.push(prefix) - 1;
    this.prefixOf.push(p);
    this.recordSightings(sharedMissionId, kpis, reader);
  }

  private recordSightings(
    missionId: string,
    kpis: Readonly<Record<string, number>>,
    reader: FieldReader,
  ): void {
    let byName = this.kpiSightings.get(missionId);
    if (!byName) {
      byName = new Map();
      this.kpiSightings.set(missionId, byName);
    }
    for (const name in kpis) {
      const seen = byName.get(name);
      if (seen) seen.runs++;
      else byName.set(name, { location: reader.record.location, field: kpiFieldOf(reader, name), runs: 1 });
    }
  }

  /** Valid runs, in input order. */
  get runs(): readonly Run[] {
    return this.valid;
  }

  /** Where the valid run at `index` (of {@link runs}) was read. */
  placeOf(index: number): RunPlace {
    return { location: this.locations.at(index), kpiPrefix: this.prefixes[this.prefixOf[index]!]! };
  }
}
