/**
 * KPI specs of the reference bundle: baselines and targets come from `mission_kpis.json`
 * (`baseline_<kpi>` / `target_<kpi>` keys), directions and the primary KPI from the sidecar
 * `mission_kpi_config.json`, which the reference engine keeps in code.
 */
import { describeFound } from "../io/describe-found";
import type { KpiSpec } from "../model/dataset";
import type { DataIssue } from "../model/issues";
import { parseNumber } from "./field-parsers";
import type { FieldReader } from "./field-reader";
import { incompleteKpiIssue, kpiKey, type KpiTable } from "./kpis";
import { checkReference, IdIndex, type Located } from "./references";
import type { KpiSighting } from "./runs";

/** Baselines and targets of one mission, by KPI name. */
export interface MissionTargets {
  readonly baseline: Map<string, number>;
  readonly target: Map<string, number>;
  /** Field (as shown) that first gave each KPI name. */
  readonly fields: Map<string, string>;
  readonly reader: FieldReader;
}

const TARGET_KEY = /^(baseline|target)_(.+)$/;

/** The rows of mission_kpis.json. */
export class MissionKpiTargets {
  /** Missions seen. */
  readonly ids = new IdIndex<true>();
  readonly byMission = new Map<string, MissionTargets>();

  /**
   * Validates one mission_kpis row: mission_id (a known mission, once) and a `kpis` object whose
   * `baseline_<kpi>` / `target_<kpi>` entries must be finite numbers; other keys (constraints such
   * as max_steps) are ignored.
   */
  add(reader: FieldReader, missions: IdIndex<true>): void {
    const missionId = reader.requiredText("mission_id");
    const raw = reader.raw("kpis");
    const targets: MissionTargets = { baseline: new Map(), target: new Map(), fields: new Map(), reader };
    if (typeof raw !== "object" || raw === null || Array.isArray(raw)) {
      reader.error({
        code: raw === undefined || raw === null ? "missing_field" : "bad_type",
        field: "kpis",
        expected: "an object with baseline_<kpi> and target_<kpi> numbers",
        found: describeFound(raw),
        message: "the mission's KPI baselines and targets are missing",
      });
    } else {
      for (const [key, value] of Object.entries(raw as Record<string, unknown>)) {
        const m = TARGET_KEY.exec(key);
        if (!m) continue;
        const parsed = parseNumber(value, false);
        if (!parsed.ok) {
          reader.error({
            code: parsed.code,
            field: `kpis.${key}`,
            expected: parsed.expected,
            found: describeFound(value),
            message: `${m[1]} of KPI ${m[2]} is ${parsed.message}`,
          });
          continue;
        }
        (m[1] === "baseline" ? targets.baseline : targets.target).set(m[2]!, parsed.value);
        if (!targets.fields.has(m[2]!)) targets.fields.set(m[2]!, `kpis.${key}`);
      }
    }
    if (missionId === undefined) return;
    checkReference(reader, "mission_id", missionId, missions, "mission");
    if (!this.ids.register(reader, "mission_id", missionId, true, "mission")) return;
    this.byMission.set(missionId, targets);
  }
}

/** Everything the bundle's KPI specs are built from. */
export interface BundleKpiInput {
  /** Ids of the valid missions. */
  readonly missionIds: readonly string[];
  readonly targets: MissionKpiTargets;
  /** The sidecar's rows, or `undefined` when the sidecar file is absent. */
  readonly config: KpiTable | undefined;
  /** Path the sidecar is expected at. */
  readonly configPath: string;
  /** KPI names reported by each mission's runs. */
  readonly sightings: ReadonlyMap<string, ReadonlyMap<string, KpiSighting>>;
}

const SIDECAR_EXAMPLE =
  '[{"mission_id": "M001", "kpi": "onboarding_time_days", "direction": "lower_is_better", "primary": true}, …]';

/** KPI names known for a mission: baseline_/target_ keys, sidecar entries and names seen in runs. */
export function knownKpiNames(input: BundleKpiInput, missionId: string): string[] {
  const names = new Set<string>();
  for (const name of input.targets.byMission.get(missionId)?.fields.keys() ?? []) names.add(name);
  for (const spec of input.config?.specs ?? [])
    if (spec.value.missionId === missionId) names.add(spec.value.kpi);
  for (const name of input.sightings.get(missionId)?.keys() ?? []) names.add(name);
  return [...names].sort();
}

/**
 * Builds the bundle's KPI specs: one per sidecar entry, with baseline and target from
 * mission_kpis.json (a warning when either is missing). Fatal: no sidecar at all (one
 * `missing_kpi_config` issue naming every mission and its KPI names, with the expected format);
 * a KPI with a baseline or target but no sidecar entry (`kpi_not_configured`). KPI names seen
 * only in runs and not configured are left to the run checks (warning `undeclared_kpi`).
 */
export function buildBundleKpis(input: BundleKpiInput, sink: (issue: DataIssue) => void): Located<KpiSpec>[] {
  if (!input.config) {
    const missions = input.missionIds.map((id) => {
      const names = knownKpiNames(input, id);
      return `${id} (${names.length > 0 ? names.join(", ") : "no KPI names found"})`;
    });
    sink({
      severity: "error",
      code: "missing_kpi_config",
      file: input.configPath,
      field: "direction, primary",
      expected: `a JSON array of {"mission_id", "kpi", "direction": "lower_is_better"|"higher_is_better", "primary": true|false, "unit"?, "target_date"?}, e.g. ${SIDECAR_EXAMPLE}`,
      found: "no such file",
      message: `the KPI direction and primary KPI of every mission must be configured: ${missions.join("; ")}`,
    });
    return [];
  }
  const configured = new Set(input.config.specs.map((s) => kpiKey(s.value.missionId, s.value.kpi)));
  for (const [missionId, targets] of input.targets.byMission) {
    for (const [name, field] of targets.fields) {
      if (configured.has(kpiKey(missionId, name)) || !input.config.keys.complete) continue;
      targets.reader.error({
        code: "kpi_not_configured",
        field,
        expected: `an entry for KPI ${name} of mission ${missionId} in ${input.configPath}`,
        found: "no entry",
        message: `KPI ${name} of mission ${missionId} has a baseline or target but no direction: add it to the KPI config`,
      });
    }
  }
  const specs = input.config.specs.map(({ value, location }) => {
    const targets = input.targets.byMission.get(value.missionId);
    const baseline = targets?.baseline.get(value.kpi);
    const target = targets?.target.get(value.kpi);
    const spec: KpiSpec = {
      ...value,
      ...(baseline !== undefined ? { baseline } : {}),
      ...(target !== undefined ? { target } : {}),
    };
    const incomplete = incompleteKpiIssue(spec, location, "kpi");
    if (incomplete) sink(incomplete);
    return { value: spec, location };
  });
  return specs;
}
