/**
 * The risk register: every open high- and medium-severity risk event detected up to the as-of
 * instant, by mission, type, task, age (whole days to the as-of instant) and status — worst
 * first: high before medium, then oldest first, then the weaker mission first.
 */
import type { BriefContext } from "../brief-types";
import { plural } from "../format";
import { html, type SafeHtml } from "../html";
import { sectionHtml } from "./parts";

const DAY_MS = 86_400_000;

/** One row of the risk register (plain text cells). */
export interface RiskRow {
  readonly eventId: string;
  readonly missionId: string;
  readonly missionName: string;
  /** Anchor of the mission's detail block, or null when it has none. */
  readonly missionAnchor: string | null;
  readonly severity: "high" | "medium";
  /** e.g. "missed match". */
  readonly riskType: string;
  /** Task name and id, or "—". */
  readonly task: string;
  /** Whole days from detection to the as-of instant. */
  readonly ageDays: number;
  readonly status: string;
  /** Detection date, YYYY-MM-DD. */
  readonly detected: string;
}

/** The risk register's content. */
export interface RiskRegisterModel {
  readonly rows: readonly RiskRow[];
  /** Summary sentence. */
  readonly summary: string;
  /** False when the brief was built without the dataset's risk events (only the evaluator's open high ones). */
  readonly complete: boolean;
}

/**
 * The risk register of an evaluation (open high and medium events, worst first).
 *
 * @example riskRegisterModel(ctx).rows[0].severity // → "high" (demo: the open missed match in kyc-review)
 */
export function riskRegisterModel(ctx: BriefContext): RiskRegisterModel {
  const asOfMs = Date.parse(ctx.result.asOf);
  const order = new Map(ctx.missions.map((m, i) => [m.missionId, i]));
  const byId = new Map(ctx.missions.map((m) => [m.missionId, m]));
  const detailCount = ctx.options.maxDetailMissions;
  const taskText = (missionId: string, taskId: string | undefined): string => {
    if (taskId === undefined) return "—";
    const t = byId.get(missionId)?.metrics.tasks.find((x) => x.taskId === taskId);
    return t && t.taskName && t.taskName !== taskId ? `${t.taskName} (${taskId})` : taskId;
  };
  const events = ctx.options.data.riskEvents;
  const rows: RiskRow[] = [];
  const push = (e: {
    eventId: string;
    missionId: string;
    taskId?: string;
    riskType: string;
    severity: "high" | "medium";
    detectedAt: string;
    status: string;
  }) => {
    const m = byId.get(e.missionId);
    if (!m) return;
    const idx = order.get(e.missionId) ?? 0;
    rows.push({
      eventId: e.eventId,
      missionId: e.missionId,
      missionName: m.missionName,
      missionAnchor: idx < detailCount ? `mission-${idx + 1}` : null,
      severity: e.severity,
      riskType: e.riskType.replace(/_/g, " "),
      task: taskText(e.missionId, e.taskId),
      ageDays: Math.max(0, Math.floor((asOfMs - Date.parse(e.detectedAt)) / DAY_MS)),
      status: e.status,
      detected: e.detectedAt.slice(0, 10),
    });
  };
  if (events) {
    for (const e of events) {
      if (e.status !== "open" || (e.severity !== "high" && e.severity !== "medium")) continue;
      if (!(e.detectedMs <= asOfMs)) continue;
      push({ ...e, severity: e.severity });
    }
  } else {
    for (const m of ctx.missions)
      for (const e of m.metrics.risk.openHighRiskEvents)
        push({ ...e, missionId: m.missionId, severity: "high", status: "open" });
  }
  rows.sort(
    (a, b) =>
      (a.severity === "high" ? 0 : 1) - (b.severity === "high" ? 0 : 1) ||
      b.ageDays - a.ageDays ||
      (order.get(a.missionId) ?? 0) - (order.get(b.missionId) ?? 0) ||
      (a.eventId < b.eventId ? -1 : a.eventId > b.eventId ? 1 : 0),
  );
  const high = rows.filter((r) => r.severity === "high").length;
  const summary = rows.length
    ? `${plural(rows.length, "open risk event")} of high or medium severity (${high} high, ${rows.length - high} medium), worst first: high before medium, then oldest first. An open high-severity event keeps its mission at Watch or below.`
    : "No open risk event of high or medium severity.";
  return { rows, summary, complete: events !== undefined };
}

/**
 * The register as HTML (`<section id="risks">`).
 *
 * @example String(riskRegisterHtml(model.risks)).startsWith('<section id="risks"') // → true
 */
export function riskRegisterHtml(m: RiskRegisterModel): SafeHtml {
  const rows = m.rows.map(
    (r) => html`<tr class="risk-${r.severity}">
<th scope="row">${r.missionAnchor ? html`<a href="#${r.missionAnchor}">${r.missionName}</a>` : r.missionName}</th>
<td>${r.severity}</td>
<td>${r.riskType}</td>
<td>${r.task}</td>
<td class="num">${r.ageDays}</td>
<td>${r.status}</td>
<td class="nowrap">${r.detected}</td>
</tr>`,
  );
  const table = m.rows.length
    ? html`<table class="risk-table">
<thead><tr><th scope="col">Mission</th><th scope="col">Severity</th><th scope="col">Type</th><th scope="col">Task</th><th scope="col">Age (days)</th><th scope="col">Status</th><th scope="col">Detected</th></tr></thead>
<tbody>${rows}</tbody>
</table>`
    : "";
  const partial = m.complete
    ? ""
    : html`<p class="small muted">Only the open high-severity events the evaluation carries are listed (the brief was built without the dataset's risk events).</p>`;
  return sectionHtml("risks", "Risk register", html`<p>${m.summary}</p>${partial}${table}`, "avoid-break");
}
