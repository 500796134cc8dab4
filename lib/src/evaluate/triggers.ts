/**
 * Stage 3 — triggers: the ruleset's rules applied to a mission's metrics. Every trigger carries its
 * evidence (rule, metric, value, comparison, threshold, runs considered), a persistence (0–1) and a
 * KPI impact used to rank drivers, and a short figure for action sentences.
 */
import { TRIGGER_IDS, type Ruleset, type TriggerId } from "../rules/schema";
import { round } from "./kpi-compare";
import { adjustAlarms } from "./alarm-adjustment";
import { ev, qEvidence, survives, trendEvidence } from "./trigger-evidence";
import type { Evidence, MissionMetrics, TaskFriction, Trigger } from "./types";

type Draft = Omit<Trigger, "missionId" | "severity" | "kpiImpact" | "id">;

function kpiName(m: MissionMetrics): string {
  return m.figures ? m.figures.kpi.replace(/_/g, " ") : "the KPI";
}

function taskFields(task: TaskFriction | null): Pick<Trigger, "taskId"> {
  return task ? { taskId: task.taskId } : {};
}

/** The evidence of a rate-based autonomy regression (`touch_trend` or `touch_rate_increase`). */
function rateEvidence(
  m: MissionMetrics,
  reg: Extract<Ruleset["autonomy"]["regression"], { method: "touch_trend" | "touch_rate_increase" }>,
): Evidence[] {
  const a = m.autonomy;
  const halves = reg.method === "touch_trend";
  const runs = halves ? (a.testedRuns ?? 0) : 2 * (a.windowRuns ?? 0);
  const pMetric = !halves
    ? "p_value_rising"
    : reg.test === "rank_sum_halves"
      ? "rank_sum_p_value_rising"
      : "mann_kendall_p_value_rising";
  return [
    ev(
      "AUTONOMY_REGRESSION",
      halves ? "recent_half_touches_per_run" : "recent_touches_per_run",
      a.recentTouchRate ?? null,
      halves ? "vs early half" : "vs early",
      a.earlyTouchRate ?? null,
      runs,
    ),
    ev("AUTONOMY_REGRESSION", "rate_ratio", a.rateRatio ?? null, "≥", reg.minRateRatio, runs),
    ...(halves
      ? [
          ev(
            "AUTONOMY_REGRESSION",
            "rate_increase_per_run",
            (a.recentTouchRate ?? 0) - (a.earlyTouchRate ?? 0),
            "≥",
            reg.minRateIncrease,
            runs,
          ),
        ]
      : []),
    ev("AUTONOMY_REGRESSION", pMetric, a.pValue ?? null, "≤", reg.alpha, runs),
    ...qEvidence("AUTONOMY_REGRESSION", m, m.alarmQ?.touches, "touchTests"),
  ];
}

/** Each rule: returns a draft when it fires on the metrics. */
const RULES: {
  [K in TriggerId]: (
    m: MissionMetrics,
    r: NonNullable<Ruleset["triggers"][K]>,
    rules: Ruleset,
  ) => Draft | null;
} = {
  MISSION_TREND_WORSENING(m, _r, rules) {
    if (m.trend.label !== "worsening" || !survives(m, m.alarmQ?.trend)) return null;
    const change = m.figures?.changeSinceFirstRunPct;
    const shift = m.trend.levelShift;
    return {
      persistence: 1,
      figure: shift
        ? `${kpiName(m)} shifted for the worse${shift.date ? ` on ${shift.date}` : ""}, from about ${round(shift.before, 2)} to ${round(shift.after, 2)}`
        : `${kpiName(m)} ${change !== null && change !== undefined ? `${round(-change, 1)} % worse than the first run` : "worsening"}`,
      explanation: `${kpiName(m)} is worsening: ${m.trend.description}`,
      evidence: [
        ...trendEvidence("MISSION_TREND_WORSENING", m, "worsening", rules),
        ...qEvidence("MISSION_TREND_WORSENING", m, m.alarmQ?.trend, "trendTests"),
      ],
      ...taskFields(m.topBottleneck),
    };
  },
  TARGET_GAP_PERSISTING(m, r, rules) {
    const gap = m.figures?.remainingGapToTargetPct;
    if (gap === null || gap === undefined || gap <= r.minGapPct) return null;
    if (!r.trendLabels.includes(m.trend.label)) return null;
    return {
      persistence: 1,
      figure: `${round(gap, 1)} % from target`,
      explanation: `${m.figures?.currentLevel ? `The current level of ${kpiName(m)}` : `The latest ${kpiName(m)}`} is ${round(gap, 2)} % away from the target and the trend is ${m.trend.label.replace(/_/g, " ")}.`,
      evidence: [
        ev("TARGET_GAP_PERSISTING", "remaining_gap_to_target_pct", gap, ">", r.minGapPct, m.runsAnalyzed),
        ...trendEvidence("TARGET_GAP_PERSISTING", m, r.trendLabels.join("|"), rules),
      ],
      ...taskFields(m.topBottleneck),
    };
  },
  KPI_PLATEAU(m, r, rules) {
    const f = m.figures;
    if (!f || m.runsAnalyzed < r.minRuns) return null;
    if (r.method === "three_point") {
      const prev = f.previous ?? f.first;
      const scale = Math.max(Math.abs(f.first), Math.abs(prev), Math.abs(f.latest), 1e-9);
      const dPrev = Math.abs(f.latest - prev) / scale;
      const dFirst = Math.abs(f.latest - f.first) / scale;
      if (dPrev > r.tolerance || dFirst > r.tolerance) return null;
      return {
        persistence: 1,
        figure: `${kpiName(m)} within ${round(r.tolerance * 100, 1)} % of its first value`,
        explanation: `The latest ${kpiName(m)} (${f.latest}) is within ${round(r.tolerance * 100, 1)} % of both the previous (${prev}) and the first (${f.first}) run.`,
        evidence: [
          ev("KPI_PLATEAU", "change_vs_previous", dPrev, "≤", r.tolerance, m.runsAnalyzed),
          ev("KPI_PLATEAU", "change_vs_first", dFirst, "≤", r.tolerance, m.runsAnalyzed),
        ],
        ...taskFields(m.topBottleneck),
      };
    }
    if (m.trend.label !== "flat" || f.targetMet === true) return null;
    return {
      persistence: 1,
      figure: `${kpiName(m)} flat at about ${round(f.latest, 2)}${f.unit ? ` ${f.unit}` : ""}`,
      explanation: `${kpiName(m)} shows no material change over ${m.trend.n} runs while the target is not met. ${m.trend.description}`,
      evidence: [
        ...trendEvidence("KPI_PLATEAU", m, "flat", rules),
        ev("KPI_PLATEAU", "target_met", f.targetMet, "=", false, m.runsAnalyzed),
      ],
      ...taskFields(m.topBottleneck),
    };
  },
  APPROVAL_DELAY_PERSISTING(m, r) {
    const d = m.friction.approvalDelayPerRun;
    if (d < r.minAvgDelayMinutes || m.trend.label === "improving") return null;
    const approvalTask =
      m.tasks.find((t) => t.requiresApproval && t.driver === "approval_delay") ?? m.topBottleneck;
    return {
      persistence:
        approvalTask && approvalTask.persistenceWindow > 0
          ? approvalTask.frictionRuns / approvalTask.persistenceWindow
          : 1,
      figure: `${round(d, 1)} min approval delay per run`,
      explanation: `Approval waits average ${round(d, 2)} minutes per run (≥ ${r.minAvgDelayMinutes}) and the KPI is not improving.`,
      evidence: [
        ev(
          "APPROVAL_DELAY_PERSISTING",
          "approval_delay_minutes_per_run",
          d,
          "≥",
          r.minAvgDelayMinutes,
          m.friction.runs,
        ),
        ev("APPROVAL_DELAY_PERSISTING", "trend", m.trend.label, "≠", "improving", m.trend.n),
      ],
      ...taskFields(approvalTask),
    };
  },
  ESCALATION_BURDEN_RISING(m, r) {
    const e = m.friction.escalationsPerRun;
    const i = m.friction.interventionsPerRun;
    if (r.method === "level") {
      if (!(e > r.minAvgEscalations && e >= i)) return null;
      return {
        persistence: Math.min(1, e),
        figure: `${round(e, 2)} escalations per run`,
        explanation: `Escalations average ${round(e, 2)} per run (> ${r.minAvgEscalations}) and are at least as frequent as interventions (${round(i, 2)}).`,
        evidence: [
          ev("ESCALATION_BURDEN_RISING", "escalations_per_run", e, ">", r.minAvgEscalations, m.friction.runs),
          ev("ESCALATION_BURDEN_RISING", "escalations_vs_interventions", e - i, "≥", 0, m.friction.runs),
        ],
        ...taskFields(m.topBottleneck),
      };
    }
    if (!m.friction.escalationsRising || e < r.minAvgEscalations) return null;
    return {
      persistence: Math.min(1, e),
      figure: `${round(e, 2)} escalations per run and rising`,
      explanation: `Escalations per run are rising (Mann–Kendall, p ≤ ${r.alpha}) and average ${round(e, 2)} per run recently.`,
      evidence: [
        ev("ESCALATION_BURDEN_RISING", "escalations_rising", true, "=", true, m.friction.runs),
        ev("ESCALATION_BURDEN_RISING", "escalations_per_run", e, "≥", r.minAvgEscalations, m.friction.runs),
      ],
      ...taskFields(m.topBottleneck),
    };
  },
  RISK_CLUSTER_FORMING(m, r) {
    const share = m.risk.riskRunShare;
    if (share < r.minRiskRunShare || share === 0) return null;
    return {
      persistence: share,
      figure: `${round(share * 100, 0)} % of runs risk-flagged`,
      explanation: `${round(share * 100, 1)} % of runs are risk-flagged (≥ ${round(r.minRiskRunShare * 100, 1)} %); ${round(m.risk.weightedRiskPerRun, 2)} severity-weighted risk events per run.`,
      evidence: [ev("RISK_CLUSTER_FORMING", "risk_run_share", share, "≥", r.minRiskRunShare, m.runsAnalyzed)],
      ...taskFields(m.tasks.find((t) => t.riskEvents > 0) ?? m.topBottleneck),
    };
  },
  AUTONOMY_REGRESSION(m, _r, rules) {
    const a = m.autonomy;
    if (!a.regression || !survives(m, m.alarmQ?.touches)) return null;
    const reg = rules.autonomy.regression;
    const evidence =
      reg.method === "level_below"
        ? [ev("AUTONOMY_REGRESSION", "autonomy_score", a.score, "<", reg.threshold, m.runsAnalyzed)]
        : rateEvidence(m, reg);
    const touches = m.friction.interventionsPerRun + m.friction.escalationsPerRun;
    return {
      // The condition is a property of the whole recent window (rate test) or of the current level.
      persistence: 1,
      figure:
        a.recentTouchRate !== undefined
          ? `human touches per run up from ${round(a.earlyTouchRate ?? 0, 2)} to ${round(a.recentTouchRate, 2)}`
          : `autonomy score ${a.score}, ${round(touches, 2)} interventions and escalations per run`,
      explanation: `Autonomy regression: ${a.description}`,
      evidence,
      ...taskFields(m.topBottleneck),
    };
  },
  STABILITY_DROPPING(m, r) {
    if (m.stability.score >= r.maxStability) return null;
    return {
      persistence: 0.5,
      figure: `stability ${round(m.stability.score, 0)}/100 (${m.stability.label})`,
      explanation: `Stability score ${m.stability.score} is below ${r.maxStability}: ${m.stability.description}`,
      evidence: [
        ev("STABILITY_DROPPING", "stability_score", m.stability.score, "<", r.maxStability, m.runsAnalyzed),
      ],
      ...taskFields(m.topBottleneck),
    };
  },
  REPEATED_BOTTLENECK(m, r, rules) {
    const t = m.topBottleneck;
    if (!t || !r.statuses.includes(t.status) || t.standsOut === false) return null;
    const standOut = rules.bottleneck.method === "lost_time" ? rules.bottleneck.standOut : undefined;
    return {
      detail: `${t.taskId}:${t.driver}`,
      taskId: t.taskId,
      persistence: t.status === "persistent" ? 1 : t.status === "recurring" ? 0.67 : 0.33,
      figure: `${t.status} ${t.driver.replace("_", " ")}, ${round(t.avgDelayMinutes, 1)} min delay and ${round(t.avgOverrunMinutes, 1)} min overrun per run`,
      explanation: `Top bottleneck ${t.taskId} (${t.taskName}) is ${t.status}: friction in ${t.frictionRuns} of the last ${t.persistenceWindow} runs; driver ${t.driver}.`,
      evidence: [
        ev(
          "REPEATED_BOTTLENECK",
          "bottleneck_status",
          t.status,
          "in",
          r.statuses.join("|"),
          t.persistenceWindow,
        ),
        ev(
          "REPEATED_BOTTLENECK",
          "bottleneck_score",
          t.score,
          "highest in mission, next",
          round(m.tasks.find((x) => x.taskId !== t.taskId)?.score ?? 0, 4),
          t.samples,
        ),
        ...(standOut
          ? [
              ev("REPEATED_BOTTLENECK", "bottleneck_score", t.score, "≥ floor", standOut.floor, t.samples),
              ev(
                "REPEATED_BOTTLENECK",
                "score_vs_median_of_other_tasks",
                t.standOutRatio ?? null,
                "≥",
                standOut.ratio,
                t.samples,
              ),
            ]
          : []),
      ],
    };
  },
  KPI_EXCURSION(m) {
    const x = m.excursion;
    if (!x || x.direction !== "worse") return null;
    return {
      persistence: 0.25,
      figure: `latest ${kpiName(m)} ${round(x.value, 2)} against a usual ${round(x.median, 2)}`,
      explanation: `The latest run's ${kpiName(m)} (${round(x.value, 2)}) is ${round(x.score, 1)} robust deviations from the other runs (median ${round(x.median, 2)}): an unconfirmed excursion, left out of the trend until the next run confirms or clears it.`,
      evidence: [ev("KPI_EXCURSION", "hampel_score_last_run", x.score, ">", x.threshold, m.kpiRuns)],
      ...taskFields(m.topBottleneck),
    };
  },
  OPEN_HIGH_RISK(m) {
    const open = m.risk.openHighRiskEvents;
    if (open.length === 0) return null;
    const first = open[0]!;
    const types = [...new Set(open.map((e) => e.riskType.replace(/_/g, " ")))].join(", ");
    return {
      persistence: 1,
      figure: `${open.length} open high-severity risk event${open.length === 1 ? "" : "s"} (${types})`,
      explanation: `${open.length} high-severity risk event${open.length === 1 ? " is" : "s are"} still open (${types}; first ${first.eventId}, detected ${first.detectedAt.slice(0, 10)}): the mission cannot be on track until ${open.length === 1 ? "it is" : "they are"} closed or mitigated.`,
      evidence: [ev("OPEN_HIGH_RISK", "open_high_severity_risk_events", open.length, "≥", 1, m.runsAnalyzed)],
      ...(first.taskId !== undefined ? { taskId: first.taskId } : taskFields(m.topBottleneck)),
    };
  },
  TRAJECTORY_OFF_TRACK(m) {
    if (m.trajectory.status !== "off_track") return null;
    return {
      persistence: 1,
      figure:
        typeof m.figures?.remainingGapToTargetPct === "number"
          ? `${round(m.figures.remainingGapToTargetPct, 1)} % from target`
          : "off track",
      explanation: `Trajectory off track: ${m.trajectory.description}`,
      evidence: [
        ev("TRAJECTORY_OFF_TRACK", "trajectory", m.trajectory.status, "=", "off_track", m.runsAnalyzed),
      ],
      ...taskFields(m.topBottleneck),
    };
  },
};

/**
 * Applies every enabled trigger rule of the ruleset to a mission's metrics, in the schema's order.
 *
 * @example missionTriggers(m002Metrics, seedV3).map((t) => t.id) // → ["RISK_CLUSTER_FORMING", "AUTONOMY_REGRESSION", "REPEATED_BOTTLENECK"]
 */
export function missionTriggers(metrics: MissionMetrics, rules: Ruleset): Trigger[] {
  const fired: Trigger[] = [];
  const kpiImpact = metrics.figures?.remainingGapToTargetPct ?? 0;
  // Judged alone (a replay step, a single mission): the family is the mission's own tests.
  const m =
    metrics.alarmQ || !rules.multiplicity ? metrics : (adjustAlarms([metrics], rules)[0] as MissionMetrics);
  for (const id of TRIGGER_IDS) {
    const config = rules.triggers[id];
    if (!config?.enabled) continue;
    const rule = RULES[id] as (
      m: MissionMetrics,
      r: NonNullable<typeof config>,
      rules: Ruleset,
    ) => Draft | null;
    const draft = rule(m, config, rules);
    if (draft)
      fired.push({ id, missionId: metrics.missionId, severity: config.severity, kpiImpact, ...draft });
  }
  return fired;
}
