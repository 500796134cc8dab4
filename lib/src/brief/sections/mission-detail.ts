/**
 * Section 8 — one block per mission (weakest first): its KPI figures, trend, trajectory,
 * autonomy, bottleneck, rules fired and action, with three charts from the run ledger — the KPI
 * per run with baseline, target and trend line; human interventions, escalations and approval
 * delay per run; and friction per task.
 */
import type { LedgerEntry, MissionAssessment } from "../../evaluate/types";
import type { Band } from "../../rules/schema";
import { bottlenecksChartSpec } from "../charts/bottlenecks";
import { humanTouchesChartSpec } from "../charts/human-touches";
import { kpiTrendChartSpec, type KpiTrendEndpoint } from "../charts/kpi-trend";
import type { BriefChart, BriefContext, BriefFact } from "../brief-types";
import type { PaperSize } from "../document";
import {
  driverText,
  formatCount,
  formatDate,
  formatKpiValue,
  formatScore,
  kpiDecimals,
  kpiLabel,
  plural,
  trendText,
  triggerText,
  unitSymbol,
} from "../format";
import { html, type SafeHtml } from "../html";
import { kpiText } from "../kpi-text";
import { touchesText } from "./autonomy";
import { timeToTargetText } from "./mission-table";
import { factsHtml, statusBadge } from "./parts";
import { secondaryKpiWords, taskWords } from "./plain";
import { SEVEN_QUESTIONS, sevenQuestionsModel, type SevenQuestionsModel } from "./seven-questions";

/** One mission's detail block. */
export interface MissionDetail {
  /** Element id of the block, e.g. "mission-1". */
  readonly anchor: string;
  readonly missionId: string;
  readonly missionName: string;
  readonly health: Band;
  readonly healthScore: string;
  /** e.g. "KPI resolution_time_hours (hours, lower is better) · 3 runs analysed, 2026-02-01 to 2026-02-06". */
  readonly kpiLine: string;
  /** The labelled KPI figures as one sentence. */
  readonly figures: string;
  /** Trend, trajectory, autonomy, bottleneck and confidence, each in words. */
  readonly facts: readonly BriefFact[];
  /** One phrase per rule that fired, most severe first, e.g. "autonomy regression (high)". */
  readonly rules: readonly string[];
  /** Secondary KPIs in words (latest, trend, target status). */
  readonly secondaryKpis: readonly string[];
  /** Missing governance fields, one sentence each. */
  readonly governance: readonly string[];
  readonly action: string;
  /** True when the action is the portfolio's recommended action (shown once, in "The action"). */
  readonly actionIsPrimary: boolean;
  /** Anchor of the mission's entry in "How this was judged". */
  readonly judgedAnchor: string;
  readonly charts: readonly BriefChart[];
  /** The runs behind the charts (most recent `maxChartRuns`), for the drill-down table. */
  readonly runs: readonly RunLine[];
}

/** One run of a mission's drill-down table (plain text cells). */
export interface RunLine {
  /** Run number within the mission, from 1 (as on the charts' run axes). */
  readonly number: number;
  readonly runId: string;
  /** Start date, YYYY-MM-DD. */
  readonly date: string;
  readonly status: string;
  /** Primary KPI value with its unit, or "—". */
  readonly kpi: string;
  /** e.g. "2 + 1" (interventions + escalations). */
  readonly touches: string;
  /** Approval delay, minutes, e.g. "33". */
  readonly delayMinutes: string;
  /** Risk events of the run. */
  readonly riskEvents: number;
}

/** The per-mission section's content. */
export interface MissionDetailsModel {
  readonly missions: readonly MissionDetail[];
  /** Says which missions have a block when not all do, else null. */
  readonly note: string | null;
}

/**
 * The trend line of the KPI chart on the chart's run index (1-based over the mission's analysed
 * runs): the evaluator fits `intercept + slope × j` on a 0-based index `j` within the window of
 * the most recent `trend.n` runs, so the line runs from run N − n + 1 to run N. Null when no line
 * was fitted (too little data, or the three-point method).
 *
 * @example trendLineOnRuns({ intercept: 10, slopePerRun: -1, n: 3 } as TrendAssessment, 5)
 *   // → { from: { runIndex: 3, value: 10 }, to: { runIndex: 5, value: 8 } }
 */
export function trendLineOnRuns(
  trend: MissionAssessment["metrics"]["trend"],
  runs: number,
): { readonly from: KpiTrendEndpoint; readonly to: KpiTrendEndpoint } | null {
  if (trend.intercept === undefined || trend.slopePerRun === undefined || trend.n < 2 || trend.n > runs)
    return null;
  const firstRun = runs - trend.n + 1;
  return {
    from: { runIndex: firstRun, value: trend.intercept },
    to: { runIndex: runs, value: trend.intercept + trend.slopePerRun * (trend.n - 1) },
  };
}

/**
 * Chart sizes of a mission block, px: a block (text and three charts) fills one page; Letter is
 * 18 mm shorter than A4, so its per-run charts are lower.
 */
function chartSizes(paper: PaperSize): {
  readonly half: number;
  readonly kpiHeight: number;
  readonly touchesHeight: number;
} {
  return paper === "letter"
    ? { half: 345, kpiHeight: 100, touchesHeight: 38 }
    : { half: 335, kpiHeight: 130, touchesHeight: 52 };
}

/** The most recent `max` entries, their offset in the mission's runs, and a caption phrase. */
function recentRuns(
  entries: readonly LedgerEntry[],
  max: number,
): { readonly shown: readonly LedgerEntry[]; readonly offset: number; readonly span: string } {
  const shown = entries.slice(-max);
  const offset = entries.length - shown.length;
  const count =
    offset > 0 ? `last ${shown.length} of ${plural(entries.length, "run")}` : plural(entries.length, "run");
  const span = `${count}, ${formatDate(shown[0]?.startTime ?? "")} to ${formatDate(shown[shown.length - 1]?.startTime ?? "")}`;
  return { shown, offset, span };
}

function kpiChart(
  m: MissionAssessment,
  entries: readonly LedgerEntry[],
  anchor: string,
  paper: PaperSize,
  maxRuns: number,
): BriefChart | null {
  const f = m.metrics.figures;
  if (!f || entries.length === 0) return null;
  const { shown, offset, span } = recentRuns(entries, maxRuns);
  const full = trendLineOnRuns(m.metrics.trend, entries.length);
  // A trend window longer than the runs shown: the line starts at the first run shown.
  const slope = m.metrics.trend.slopePerRun ?? 0;
  const line =
    full && full.from.runIndex <= offset
      ? {
          from: { runIndex: offset + 1, value: full.from.value + slope * (offset + 1 - full.from.runIndex) },
          to: full.to,
        }
      : full;
  const label = kpiLabel(f.kpi);
  const refs = [f.baseline !== undefined ? "baseline" : "", f.target !== undefined ? "target" : ""].filter(
    Boolean,
  );
  let trendNote: string;
  if (line)
    trendNote = `dotted: trend over the last ${plural(m.metrics.trend.n, "run")} (${trendText(m.metrics.trend.label)})`;
  else if (m.metrics.trend.label === "insufficient_data")
    trendNote = "too little data for a trend: no line drawn";
  else
    trendNote = `trend (${trendText(m.metrics.trend.label)}) from the latest, previous and first runs: no line fitted`;
  return {
    id: `${anchor}-kpi`,
    kind: "kpi-trend",
    caption: `${label} per run (${span}); ${refs.length ? `dashed: ${refs.join(" and ")}; ` : ""}${trendNote}.`,
    spec: kpiTrendChartSpec(
      {
        kpiName: label,
        ...(unitSymbol(f.unit) ? { unit: unitSymbol(f.unit) } : {}),
        direction: f.direction,
        points: shown.map((e, i) => ({ runIndex: offset + i + 1, value: e.kpiValue ?? NaN })),
        baseline: f.baseline ?? null,
        target: f.target ?? null,
        trend: line,
      },
      {
        xAxis: "index",
        title: `KPI per run: ${label}`,
        width: chartSizes(paper).half,
        height: chartSizes(paper).kpiHeight,
        valueDecimals: kpiDecimals([f.baseline, f.target, f.first, f.latest]),
      },
    ),
  };
}

function touchesChart(
  m: MissionAssessment,
  entries: readonly LedgerEntry[],
  anchor: string,
  paper: PaperSize,
  maxRuns: number,
  scale: TouchScale,
): BriefChart | null {
  if (entries.length === 0) return null;
  const { shown, offset, span } = recentRuns(entries, maxRuns);
  return {
    id: `${anchor}-touches`,
    kind: "human-touches",
    caption:
      `Interventions and escalations per run (bars), approval delay per run in minutes (line); both axes the same on every mission page` +
      `${offset > 0 ? ` (${span})` : ""}; touches ${touchesText(m.metrics.autonomy)}.`,
    spec: humanTouchesChartSpec(
      {
        runs: shown.map((e, i) => ({
          runIndex: offset + i + 1,
          interventions: Math.max(0, e.humanInterventions),
          escalations: Math.max(0, e.escalations),
          approvalDelayMinutes: Math.max(0, e.approvalDelayMinutes),
        })),
      },
      {
        title: "Human touches and approval delay",
        width: chartSizes(paper).half,
        height: chartSizes(paper).touchesHeight,
        countMax: scale.count,
        delayMax: scale.delay,
      },
    ),
  };
}

/** Unit of the friction score, as the axis and captions name it. */
const FRICTION_UNIT = "minutes lost per run ÷ task estimate";

function bottlenecksChart(m: MissionAssessment, anchor: string, scoreMax: number): BriefChart | null {
  const tasks = m.metrics.tasks.filter((t) => Number.isFinite(t.score));
  if (tasks.length === 0) return null;
  const top = m.metrics.topBottleneck;
  return {
    id: `${anchor}-bottlenecks`,
    kind: "bottlenecks",
    caption:
      `Friction score per task (${FRICTION_UNIT}, plus weighted risk; one scale on every mission page), by main driver` +
      (top
        ? `; top bottleneck: ${top.taskName || top.taskId} (${driverText(top.driver, top.status)}).`
        : "."),
    spec: bottlenecksChartSpec(
      { tasks: tasks.map((t) => ({ taskName: t.taskName || t.taskId, score: t.score, driver: t.driver })) },
      { title: "Friction by task", maxTasks: 8, scoreTitle: `Friction score (${FRICTION_UNIT})`, scoreMax },
    ),
  };
}

/** One scale per measure on every mission page: the largest touches and delay of any run shown. */
interface TouchScale {
  readonly count: number;
  readonly delay: number;
}

function touchScale(ctx: BriefContext): TouchScale {
  let count = 0;
  let delay = 0;
  for (const m of ctx.missions.slice(0, ctx.options.maxDetailMissions)) {
    for (const e of (ctx.result.ledger.byMission[m.missionId] ?? []).slice(-ctx.options.maxChartRuns)) {
      count = Math.max(count, Math.max(0, e.humanInterventions) + Math.max(0, e.escalations));
      delay = Math.max(delay, Math.max(0, e.approvalDelayMinutes));
    }
  }
  return { count, delay };
}

/** Highest finite friction score of any task of any mission: the common end of every friction axis. */
function frictionMax(ctx: BriefContext): number {
  let max = 0;
  for (const m of ctx.missions)
    for (const t of m.metrics.tasks) if (Number.isFinite(t.score)) max = Math.max(max, t.score);
  return max;
}

const SEVERITY_RANK: ReadonlyMap<string, number> = new Map([
  ["high", 0],
  ["medium", 1],
  ["low", 2],
]);

function runLines(m: MissionAssessment, entries: readonly LedgerEntry[], max: number): RunLine[] {
  const f = m.metrics.figures;
  const d = f ? kpiDecimals([f.baseline, f.target, f.first, f.latest]) : 2;
  const offset = Math.max(0, entries.length - max);
  return entries.slice(offset).map((e, i) => ({
    number: offset + i + 1,
    runId: e.runId,
    date: e.date,
    status: e.status,
    kpi: e.kpiValue === null ? "—" : formatKpiValue(e.kpiValue, d, f?.unit),
    touches: `${e.humanInterventions} + ${e.escalations}`,
    delayMinutes: formatCount(e.approvalDelayMinutes, 0),
    riskEvents: e.riskEvents,
  }));
}

function governanceLines(m: MissionAssessment, questions: SevenQuestionsModel): string[] {
  const own = questions.missions.find((q) => q.missionId === m.missionId);
  const open = own
    ? own.answers
        .map((a, i) => ({ a, label: SEVEN_QUESTIONS[i]!.label.toLowerCase() }))
        .filter((x) => x.a.finding)
        .map((x) => x.label)
    : [];
  return [
    ...m.governance.map((g) => g.message),
    ...(open.length
      ? [
          `${open.length} of the seven governance questions ${open.length === 1 ? "is" : "are"} unanswered for an AI that ${own?.aiRole ?? "has no recorded role"}${own?.aiRole ? "s" : ""} (${open.join(", ")}).`,
        ]
      : []),
  ];
}

function detail(
  ctx: BriefContext,
  m: MissionAssessment,
  index: number,
  questions: SevenQuestionsModel,
): MissionDetail {
  const anchor = `mission-${index + 1}`;
  const met = m.metrics;
  const entries = ctx.result.ledger.byMission[m.missionId] ?? [];
  const f = met.figures;
  const period =
    met.firstRunDate && met.lastRunDate
      ? `, ${formatDate(met.firstRunDate)} to ${formatDate(met.lastRunDate)}`
      : "";
  const kpiLine = f
    ? `KPI ${f.kpi} (${f.unit ? `${f.unit}, ` : ""}${f.direction === "lower_is_better" ? "lower" : "higher"} is better) · ${plural(met.runsAnalyzed, "run")} analysed${period}`
    : `No primary KPI · ${plural(met.runsAnalyzed, "run")} analysed${period}`;
  const top = met.topBottleneck;
  const slope = met.trend.slopePerRun;
  const slopeWords =
    f && slope !== undefined && met.trend.label !== "insufficient_data" && slope !== 0
      ? ` (about ${formatKpiValue(Math.abs(slope), Math.min(3, kpiDecimals([f.latest]) + 1), f.unit)} ${slope > 0 ? "up" : "down"} per run)`
      : "";
  const facts: BriefFact[] = [
    { label: "Trend", value: `${trendText(met.trend.label)}${slopeWords}` },
    { label: "Trajectory", value: timeToTargetText(m) },
    {
      label: "Autonomy",
      value: `${formatScore(met.autonomy.score)} / 100; human touches ${touchesText(met.autonomy)}`,
    },
    {
      label: "Top bottleneck",
      value: top
        ? `${taskWords(top)}: ${driverText(top.driver, top.status)}, friction in ${top.frictionRuns} of the last ${plural(top.persistenceWindow, "run")}`
        : "none",
    },
    { label: "Confidence", value: m.confidence.level },
  ];
  const paper = ctx.options.paper;
  const charts = [
    // The KPI chart reads the runs that carry the KPI (the trend line's runs); touches read them all.
    kpiChart(
      m,
      entries.filter((e) => e.kpiValue !== null),
      anchor,
      paper,
      ctx.options.maxChartRuns,
    ),
    touchesChart(m, entries, anchor, paper, ctx.options.maxChartRuns, touchScale(ctx)),
    bottlenecksChart(m, anchor, frictionMax(ctx)),
  ].filter((c): c is BriefChart => c !== null);
  return {
    anchor,
    missionId: m.missionId,
    missionName: m.missionName,
    health: m.health,
    healthScore: formatScore(met.healthScore),
    kpiLine,
    figures: f ? kpiText(f, met.runsAnalyzed).sentence : "No run carries a primary KPI value.",
    facts,
    rules: [...m.triggers]
      .map((t, i) => ({ t, i }))
      .sort(
        (a, b) =>
          (SEVERITY_RANK.get(a.t.severity) ?? 3) - (SEVERITY_RANK.get(b.t.severity) ?? 3) || a.i - b.i,
      )
      .map(({ t }) => `${triggerText(t.id)} (${t.severity})`),
    secondaryKpis: (ctx.options.data.secondaryKpis ?? [])
      .filter((s) => s.missionId === m.missionId)
      .map((s) => secondaryKpiWords(s).line),
    governance: governanceLines(m, questions),
    action: m.recommendedAction,
    actionIsPrimary:
      ctx.result.portfolio.primaryDriver?.missionId === m.missionId &&
      m.recommendedAction === ctx.result.portfolio.recommendedAction,
    judgedAnchor: `judged-${index + 1}`,
    charts,
    runs: runLines(m, entries, ctx.options.maxChartRuns),
  };
}

/**
 * The per-mission details of an evaluation, weakest mission first (at most `maxDetailMissions`
 * blocks; per-run charts show the most recent `maxChartRuns` runs).
 *
 * @example missionDetailsModel(ctx).missions[0].charts.map((c) => c.kind) // → ["kpi-trend", "human-touches", "bottlenecks"]
 */
export function missionDetailsModel(ctx: BriefContext): MissionDetailsModel {
  const shown = ctx.missions.slice(0, ctx.options.maxDetailMissions);
  const note =
    shown.length < ctx.missions.length
      ? `Details of the ${shown.length} weakest of ${ctx.missions.length} missions; every mission is in the table above.`
      : null;
  const questions = sevenQuestionsModel(ctx);
  return { missions: shown.map((m, i) => detail(ctx, m, i, questions)), note };
}

/**
 * The section as HTML (`<section id="mission-details">`); `figure` renders a chart.
 *
 * @example String(missionDetailsHtml(model.missionDetails, figure)).startsWith('<section id="mission-details"') // → true
 */
export function missionDetailsHtml(
  m: MissionDetailsModel,
  figure: (chart: BriefChart) => SafeHtml,
): SafeHtml {
  const blocks = m.missions.map((d) => {
    const perRun = d.charts.filter((c) => c.kind !== "bottlenecks");
    const others = d.charts.filter((c) => c.kind === "bottlenecks");
    const rules = d.rules.length
      ? html`<p class="rules"><span class="label-inline">Rules fired:</span> ${d.rules.join(" · ")}</p>`
      : "";
    const governance = d.governance.length
      ? html`<p class="rules"><span class="label-inline">Governance:</span> ${d.governance.join(" ")}</p>`
      : "";
    return html`<article id="${d.anchor}" class="mission-detail">
<div class="avoid-break">
<h3>${d.missionName} <span class="muted small">${d.missionId}</span> ${statusBadge(d.health)} <span class="small nowrap">health ${d.healthScore} / 100</span></h3>
<p class="small muted">${d.kpiLine}</p>
<p class="lead">${d.figures}</p>
${factsHtml(d.facts, "facts facts-detail")}
${d.secondaryKpis.length ? html`<p class="rules"><span class="label-inline">Other KPIs:</span> ${d.secondaryKpis.join(" · ")}</p>` : ""}
${rules}
${governance}
${d.actionIsPrimary ? html`<p class="action"><span class="label-inline">Action:</span> <a href="#focus">the recommended action of this brief, with what it would buy</a></p>` : html`<p class="action"><span class="label-inline">Action:</span> ${d.action}</p>`}
<p class="small muted"><a href="#${d.judgedAnchor}">How this was judged: rules, figures and thresholds</a>${d.runs.length ? html`<span class="screen-only"> · <a href="#${d.anchor}-runs">Run by run</a></span>` : ""}</p>
</div>
${perRun.length ? html`<div class="figure-row">${perRun.map(figure)}</div>` : ""}
${others.map(figure)}
${
  d.runs.length
    ? html`<details id="${d.anchor}-runs" class="runs"><summary>Run by run: ${plural(d.runs.length, "run")} (numbered as on the charts)</summary>
<table class="run-table"><thead><tr><th scope="col">Run</th><th scope="col">Id</th><th scope="col">Start</th><th scope="col">Status</th><th scope="col">KPI</th><th scope="col">Interventions + escalations</th><th scope="col">Approval delay (min)</th><th scope="col">Risk events</th></tr></thead>
<tbody>${d.runs.map((r) => html`<tr id="${d.anchor}-run-${r.number}"><td class="num">${r.number}</td><td>${r.runId}</td><td class="nowrap">${r.date}</td><td>${r.status}</td><td class="num">${r.kpi}</td><td class="num">${r.touches}</td><td class="num">${r.delayMinutes}</td><td class="num">${r.riskEvents}</td></tr>`)}</tbody></table></details>`
    : ""
}
</article>
`;
  });
  return html`<section id="mission-details" class="brief-section page-break" aria-labelledby="h-mission-details">
<h2 id="h-mission-details">Mission details</h2>
${m.note ? html`<p class="small muted">${m.note}</p>` : ""}
${blocks}
</section>
`;
}
