/**
 * Formatting shared by every section of the executive brief, so that a figure reads the same
 * wherever it appears: percentages with two decimals and a space before "%", KPI values with the
 * same number of decimals for one KPI, scores (0–100) as whole numbers, dates as YYYY-MM-DD (UTC),
 * and plain-language labels for the evaluator's codes. Pure; no locale or clock dependence.
 */
import type {
  BottleneckDriver,
  BottleneckStatus,
  Evidence,
  TrajectoryStatus,
  TrendLabel,
} from "../evaluate/types";

/**
 * A percentage with two decimals, e.g. for "better than baseline" figures (sign dropped: the
 * sentence says better or worse).
 *
 * @example formatPercent(73.3333) // → "73.33 %"
 */
export function formatPercent(value: number): string {
  return `${Math.abs(value).toFixed(2)} %`;
}

/**
 * A 0–100 score (health, autonomy) as a whole number.
 *
 * @example formatScore(61.4) // → "61"
 */
export function formatScore(value: number): string {
  return Math.round(value).toFixed(0);
}

/**
 * A count or rate with at most `digits` decimals and no trailing zeros (thousands separated).
 *
 * @example formatCount(2.3333) // → "2.33"
 */
export function formatCount(value: number, digits = 2): string {
  if (!Number.isFinite(value)) return String(value);
  const fixed = Number(value.toFixed(digits));
  const [whole = "0", frac] = Math.abs(fixed).toString().split(".");
  const grouped = whole.replace(/\B(?=(\d{3})+(?!\d))/g, ",");
  return `${fixed < 0 ? "−" : ""}${grouped}${frac ? `.${frac}` : ""}`;
}

/**
 * Decimals (0–2) that show every value of one KPI exactly as the evaluator rounds it (two
 * decimals), so baseline, target, first and latest read consistently ("12.0 h → 3.2 h").
 *
 * @example kpiDecimals([12, 4, 5.2, 3.2]) // → 1
 */
export function kpiDecimals(values: readonly (number | null | undefined)[]): number {
  let decimals = 0;
  for (const v of values) {
    if (v === null || v === undefined || !Number.isFinite(v)) continue;
    const r = Math.round(v * 100);
    if (r % 100 === 0) continue;
    decimals = Math.max(decimals, r % 10 === 0 ? 1 : 2);
  }
  return decimals;
}

// Maps, not object literals: a unit or id such as "constructor" must not find Object.prototype.
const UNIT_ABBREVIATIONS: ReadonlyMap<string, string> = new Map([
  ["hours", "h"],
  ["hour", "h"],
  ["hrs", "h"],
  ["minutes", "min"],
  ["minute", "min"],
  ["mins", "min"],
  ["seconds", "s"],
  ["second", "s"],
  ["percent", "%"],
  ["pct", "%"],
]);

/**
 * The short form of a KPI unit used after numbers ("hours" → "h", "minutes" → "min", "pct" →
 * "%"); other units unchanged; "" when there is none.
 *
 * @example unitSymbol("hours") // → "h"
 */
export function unitSymbol(unit: string | undefined | null): string {
  if (!unit) return "";
  const u = unit.trim();
  return UNIT_ABBREVIATIONS.get(u.toLowerCase()) ?? u;
}

/**
 * A KPI value with `decimals` decimals and its unit symbol.
 *
 * @example formatKpiValue(12, 1, "hours") // → "12.0 h"
 */
export function formatKpiValue(value: number, decimals: number, unit?: string | null): string {
  const symbol = unitSymbol(unit);
  const n = value.toFixed(decimals).replace(/^-/, "−");
  return symbol ? `${n} ${symbol}` : n;
}

const TIME_SUFFIXES = new Set([
  "hours",
  "hour",
  "hrs",
  "h",
  "minutes",
  "minute",
  "mins",
  "min",
  "days",
  "day",
]);
const PERCENT_SUFFIXES = new Set(["pct", "percent"]);

/**
 * A readable KPI name: underscores become spaces and a trailing unit word is dropped ("time" is
 * kept or added for durations), e.g. "resolution_time_hours" → "resolution time",
 * "first_pass_match_rate_pct" → "first pass match rate", "onboarding_days" → "onboarding time".
 * Names without underscores are returned as they are.
 *
 * @example kpiLabel("resolution_time_hours") // → "resolution time"
 */
export function kpiLabel(kpi: string): string {
  if (!/_/.test(kpi) || /\s/.test(kpi)) return kpi;
  const words = kpi.split("_").filter((w) => w !== "");
  if (words.length === 0) return kpi;
  const last = (words[words.length - 1] ?? "").toLowerCase();
  if (words.length > 1 && TIME_SUFFIXES.has(last)) {
    words.pop();
    if ((words[words.length - 1] ?? "").toLowerCase() !== "time") words.push("time");
  } else if (words.length > 1 && PERCENT_SUFFIXES.has(last)) {
    words.pop();
  }
  return words.join(" ");
}

/**
 * An ISO instant or date as YYYY-MM-DD (UTC).
 *
 * @throws RangeError when `iso` does not parse.
 * @example formatDate("2026-02-06T11:18:00.000Z") // → "2026-02-06"
 */
export function formatDate(iso: string): string {
  if (/^\d{4}-\d{2}-\d{2}$/.test(iso)) return iso;
  const ms = Date.parse(iso);
  if (!Number.isFinite(ms)) throw new RangeError(`not an ISO date: ${iso}`);
  return new Date(ms).toISOString().slice(0, 10);
}

/**
 * An ISO instant as "YYYY-MM-DD HH:MM UTC" (a bare date stays a date).
 *
 * @throws RangeError when `iso` does not parse.
 * @example formatInstant("2026-02-06T11:18:00.000Z") // → "2026-02-06 11:18 UTC"
 */
export function formatInstant(iso: string): string {
  if (/^\d{4}-\d{2}-\d{2}$/.test(iso)) return iso;
  const ms = Date.parse(iso);
  if (!Number.isFinite(ms)) throw new RangeError(`not an ISO date: ${iso}`);
  const s = new Date(ms).toISOString();
  return `${s.slice(0, 10)} ${s.slice(11, 16)} UTC`;
}

/**
 * Plain words for a trend label.
 *
 * @example trendText("insufficient_data") // → "too little data"
 */
export function trendText(label: TrendLabel): string {
  const words: Record<TrendLabel, string> = {
    improving: "improving",
    worsening: "worsening",
    flat: "flat",
    no_clear_trend: "no clear trend",
    insufficient_data: "too little data",
  };
  return words[label] ?? String(label).replace(/_/g, " ");
}

/**
 * Plain words for a trajectory status.
 *
 * @example trajectoryText("unknown") // → "not projected"
 */
export function trajectoryText(status: TrajectoryStatus): string {
  const words: Record<TrajectoryStatus, string> = {
    met: "target met",
    on_track: "on track",
    at_risk: "at risk",
    off_track: "off track",
    unknown: "not projected",
  };
  return words[status] ?? String(status).replace(/_/g, " ");
}

const TRIGGER_WORDS: ReadonlyMap<string, string> = new Map([
  ["MISSION_TREND_WORSENING", "KPI worsening"],
  ["TARGET_GAP_PERSISTING", "persistent gap to target"],
  ["KPI_PLATEAU", "KPI plateau"],
  ["APPROVAL_DELAY_PERSISTING", "persistent approval delay"],
  ["ESCALATION_BURDEN_RISING", "rising escalation burden"],
  ["RISK_CLUSTER_FORMING", "risk cluster forming"],
  ["AUTONOMY_REGRESSION", "autonomy regression"],
  ["STABILITY_DROPPING", "stability dropping"],
  ["REPEATED_BOTTLENECK", "repeated bottleneck"],
  ["TRAJECTORY_OFF_TRACK", "trajectory off track"],
]);

/**
 * Plain words for a trigger id (unknown ids: lower case, spaces).
 *
 * @example triggerText("AUTONOMY_REGRESSION") // → "autonomy regression"
 */
export function triggerText(id: string): string {
  return TRIGGER_WORDS.get(id) ?? id.toLowerCase().replace(/_/g, " ");
}

/**
 * Plain words for what drives a bottleneck, with its persistence when given.
 *
 * @example driverText("task_overrun", "recurring") // → "recurring task overrun"
 */
export function driverText(driver: BottleneckDriver, status?: BottleneckStatus): string {
  const words: Record<BottleneckDriver, string> = {
    approval_delay: "approval delay",
    task_overrun: "task overrun",
    risk: "risk",
    mixed: "mixed causes",
  };
  const base = words[driver] ?? String(driver).replace(/_/g, " ");
  return status ? `${status} ${base}` : base;
}

function evidenceValue(value: Evidence["value"]): string {
  if (value === null) return "n/a";
  if (typeof value === "number") return formatCount(value);
  if (typeof value === "boolean") return value ? "yes" : "no";
  return value.replace(/\|/g, " or ").replace(/_/g, " ");
}

/**
 * One line for a piece of rule evidence: metric, value, comparison, threshold and the runs it
 * covers.
 *
 * @example formatEvidence({ rule: "AUTONOMY_REGRESSION", metric: "autonomy_score", value: 46,
 *   comparison: "<", threshold: 55, runsConsidered: 2 }) // → "autonomy score 46 < 55 (over 2 runs)"
 *   (a p-value: "p value rising < 0.0001, threshold ≤ 0.05 (over 26 runs)")
 */
export function formatEvidence(e: Evidence): string {
  const metric = e.metric.replace(/_/g, " ");
  const runs = `over ${e.runsConsidered} run${e.runsConsidered === 1 ? "" : "s"}`;
  if (/[pq]_?value/i.test(e.metric) && typeof e.value === "number" && e.threshold !== null) {
    // p-values arrive rounded; a rounded 0 reads as "< 0.0001", and the threshold is named as such.
    const p = e.value < 0.0001 ? "< 0.0001" : `= ${formatCount(e.value, 4)}`;
    return `${metric} ${p}, threshold ${e.comparison} ${evidenceValue(e.threshold)} (${runs})`;
  }
  if (e.threshold === null) return `${metric} ${evidenceValue(e.value)} (${e.comparison}; ${runs})`;
  return `${metric} ${evidenceValue(e.value)} ${e.comparison} ${evidenceValue(e.threshold)} (${runs})`;
}

/**
 * "1 run" / "3 runs" style counts.
 *
 * @example plural(2, "run") // → "2 runs"
 */
export function plural(n: number, word: string, many = `${word}s`): string {
  return `${formatCount(n, 0)} ${n === 1 ? word : many}`;
}

/**
 * A list in prose: "a", "a and b", "a, b and c".
 *
 * @example listText(["a", "b", "c"]) // → "a, b and c"
 */
export function listText(items: readonly string[]): string {
  if (items.length <= 1) return items[0] ?? "";
  return `${items.slice(0, -1).join(", ")} and ${items[items.length - 1]}`;
}

/** Longest name (in code points) the brief shows; longer ones end in "…" ({@link shortenForDisplay}). */
export const DISPLAY_NAME_MAX = 120;

/**
 * `text` cut to `max` code points, the last one an ellipsis, when it is longer (never splitting a
 * surrogate pair); otherwise unchanged.
 *
 * @example shortenForDisplay("a".repeat(200)).length // → 120
 */
export function shortenForDisplay(text: string, max = DISPLAY_NAME_MAX): string {
  if (text.length <= max) return text;
  const points = Array.from(text);
  return points.length <= max ? text : points.slice(0, max - 1).join("") + "…";
}

/** Keys of an evaluation result whose string values are names from the data. */
const NAME_KEYS = new Set(["missionName", "taskName", "name", "kpi", "kpiName"]);

function mapStrings<T>(value: T, f: (text: string, key: string | undefined) => string, key?: string): T {
  if (typeof value === "string") return f(value, key) as T;
  if (Array.isArray(value)) return value.map((v: unknown) => mapStrings(v, f)) as T;
  if (value === null || typeof value !== "object" || Object.getPrototypeOf(value) !== Object.prototype) {
    return value;
  }
  // fromEntries defines own properties (a "__proto__" key stays a key).
  return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, mapStrings(v, f, k)])) as T;
}

/**
 * A copy of `value` (plain objects and arrays; other values shared) whose names — strings under
 * the keys missionName, taskName, name, kpi, kpiName — are shortened by {@link shortenForDisplay},
 * and whose other strings (the evaluator's sentences quoting a name) show the short form too;
 * `shortened` receives each full name that was cut, once. For the brief: a 100,000-character
 * mission name is shown as 120 characters wherever it appears (tables, charts, headings, reasons).
 */
export function withShortNames<T>(value: T, shortened: Map<string, string>): T {
  const names = mapStrings(value, (text, key) => {
    if (key === undefined || !NAME_KEYS.has(key)) return text;
    const short = shortenForDisplay(text);
    if (short !== text) shortened.set(text, short);
    return short;
  });
  if (shortened.size === 0) return names;
  const longest = [...shortened].sort((a, b) => b[0].length - a[0].length);
  return mapStrings(names, (text) =>
    longest.reduce((t, [full, short]) => (t.includes(full) ? t.split(full).join(short) : t), text),
  );
}
