/**
 * Validates KPI records (the canonical `kpis` table, and the bundle's KPI sidecar) and checks that
 * every mission has exactly one primary KPI.
 */
import type { RecordLocation } from "../io/source-record";
import { KPI_DIRECTIONS, type KpiSpec } from "../model/dataset";
import type { DataIssue } from "../model/issues";
import type { FieldReader } from "./field-reader";
import { checkReference, IdIndex, locationFields, type Located } from "./references";

/** Fields a KPI record must have (canonical names). */
export const KPI_REQUIRED_FIELDS: readonly string[] = ["mission_id", "kpi", "direction", "primary"];

/** Key of a (mission, KPI) pair. */
export const kpiKey = (missionId: string, kpi: string): string => `${missionId}\u0000${kpi}`;

/**
 * The `kpi_incomplete` warning for a KPI without baseline or target, located at `location`
 * (field: the first missing one, or `field` when given); `undefined` when the KPI has both.
 */
export function incompleteKpiIssue(
  spec: KpiSpec,
  location: RecordLocation,
  field?: string,
): DataIssue | undefined {
  const missing = [
    spec.baseline === undefined ? "baseline" : "",
    spec.target === undefined ? "target" : "",
  ].filter((m) => m !== "");
  if (missing.length === 0) return undefined;
  return {
    severity: "warning",
    code: "kpi_incomplete",
    ...locationFields(location),
    field: field ?? missing[0],
    message: `KPI ${spec.kpi} of mission ${spec.missionId} has no ${missing.join(" and no ")}: progress against it cannot be measured`,
  };
}

/** What a KPI record says about being primary (read even when other fields are invalid). */
export type PrimaryClaim = Pick<KpiSpec, "missionId" | "kpi" | "primary">;

/** KPI specs read so far. */
export class KpiTable {
  /** (mission, KPI) keys seen. */
  readonly keys = new IdIndex<true>();
  private readonly valid: Located<KpiSpec>[] = [];
  private readonly primaryClaims: Located<PrimaryClaim>[] = [];

  /**
   * @param withTargets whether records carry `baseline`/`target` (canonical table) or not (the
   *   bundle sidecar, whose baselines and targets come from mission_kpis.json)
   */
  constructor(private readonly withTargets: boolean) {}

  /**
   * Validates one KPI record: mission_id (a known mission), kpi, direction
   * (lower_is_better|higher_is_better), primary (boolean) required; unit, baseline, target
   * (finite numbers), target_date (YYYY-MM-DD) optional. A (mission, KPI) pair given twice is
   * fatal; a KPI without baseline or target is a warning (canonical table only).
   */
  add(reader: FieldReader, missions: IdIndex<true>): void {
    const missionId = reader.requiredText("mission_id");
    const kpi = reader.requiredText("kpi");
    const direction = reader.enumValue("direction", KPI_DIRECTIONS, true);
    const primary = reader.boolean("primary", true);
    const unit = reader.optionalText("unit");
    const baseline = this.withTargets ? reader.number("baseline", {}, false) : undefined;
    const target = this.withTargets ? reader.number("target", {}, false) : undefined;
    const targetDate = reader.date("target_date", false);
    if (missionId !== undefined) checkReference(reader, "mission_id", missionId, missions, "mission");
    if (missionId === undefined || kpi === undefined) return;
    if (
      !this.keys.register(
        reader,
        "kpi",
        kpiKey(missionId, kpi),
        true,
        "KPI",
        `${kpi} of mission ${missionId}`,
      )
    ) {
      return;
    }
    if (primary !== undefined)
      this.primaryClaims.push({ value: { missionId, kpi, primary }, location: reader.record.location });
    if (reader.failed || direction === undefined || primary === undefined || !missions.has(missionId)) return;
    const spec: KpiSpec = {
      missionId,
      kpi,
      direction,
      ...(unit !== undefined ? { unit } : {}),
      ...(baseline !== undefined ? { baseline } : {}),
      ...(target !== undefined ? { target } : {}),
      ...(targetDate !== undefined ? { targetDate } : {}),
      primary,
    };
    const incomplete = this.withTargets ? incompleteKpiIssue(spec, reader.record.location) : undefined;
    if (incomplete) reader.warn(incomplete);
    this.valid.push({ value: spec, location: reader.record.location });
  }

  /** Valid KPI specs, in input order. */
  get specs(): readonly Located<KpiSpec>[] {
    return this.valid;
  }

  /**
   * Every (mission, KPI, primary) stated by a record whose mission_id, kpi and primary are valid,
   * even if other fields are not: the primary-KPI check uses these, so a typo in a unit does not
   * also make the mission look like it has no primary KPI.
   */
  get claims(): readonly Located<PrimaryClaim>[] {
    return this.primaryClaims;
  }
}

/**
 * Reports a fatal `primary_kpi_count` for every mission without a primary KPI (located at `file`,
 * naming the mission and its KPIs or `knownNames`) and for every second (third, …) primary KPI of
 * a mission (located at that KPI's record).
 */
export function checkPrimaryKpis(
  missionIds: Iterable<string>,
  specs: readonly Located<PrimaryClaim>[],
  file: string,
  sink: (issue: DataIssue) => void,
  knownNames: (missionId: string) => readonly string[] = () => [],
): void {
  const byMission = new Map<string, Located<PrimaryClaim>[]>();
  for (const spec of specs) {
    const list = byMission.get(spec.value.missionId) ?? [];
    list.push(spec);
    byMission.set(spec.value.missionId, list);
  }
  for (const missionId of missionIds) {
    const list = byMission.get(missionId) ?? [];
    const primaries = list.filter((s) => s.value.primary);
    const expected = "exactly one KPI with primary = true";
    if (primaries.length === 0) {
      const names = list.length > 0 ? list.map((s) => s.value.kpi) : [...knownNames(missionId)];
      sink({
        severity: "error",
        code: "primary_kpi_count",
        file,
        field: "primary",
        expected,
        found:
          list.length > 0
            ? `no primary KPI among ${names.join(", ")}`
            : `no KPI declared${names.length > 0 ? ` (KPI names seen: ${names.join(", ")})` : ""}`,
        message: `mission ${missionId} has no primary KPI`,
      });
      continue;
    }
    const names = primaries.map((s) => s.value.kpi).join(", ");
    for (const extra of primaries.slice(1)) {
      sink({
        severity: "error",
        code: "primary_kpi_count",
        ...locationFields(extra.location),
        field: "primary",
        expected,
        found: `${primaries.length} primary KPIs: ${names}`,
        message: `mission ${missionId} has more than one primary KPI`,
      });
    }
  }
}
