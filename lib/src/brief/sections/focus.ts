/**
 * Section 5 — the key focus area: the mission of the primary issue, its bottleneck task, what
 * drives that bottleneck, and the recommended action.
 */
import type { BriefContext, BriefFact } from "../brief-types";
import { driverText, formatCount, plural, triggerText } from "../format";
import { html, type SafeHtml } from "../html";
import { factsHtml, sectionHtml } from "./parts";
import { actionEffect, taskWords, type ActionEffect } from "./plain";

/** The focus section's content. */
export interface FocusModel {
  readonly missionId: string | null;
  readonly missionName: string | null;
  /** e.g. "T5 — Draft personalized outreach email"; null when the mission has no task data. */
  readonly task: string | null;
  /** e.g. "recurring task overrun". */
  readonly driver: string | null;
  /** Friction figures of the task, e.g. "4.5 min approval delay and 2 min overrun per run on average; friction in 1 of the last 2 runs". */
  readonly friction: string | null;
  readonly action: string;
  /** What the action would buy, from the ledger, with its basis; null without task data. */
  readonly effect: ActionEffect | null;
  /** Mission, issue, bottleneck task, driver, friction, as facts (rendered as a grid). */
  readonly facts: readonly BriefFact[];
}

/**
 * The key focus area: where the primary issue is and what to do.
 *
 * @example focusModel(ctx).task // → "T5 — Draft personalized outreach email" (seed portfolio)
 */
export function focusModel(ctx: BriefContext): FocusModel {
  const p = ctx.result.portfolio;
  const d = p.primaryDriver;
  const mission = d ? p.missions.find((m) => m.missionId === d.missionId) : undefined;
  if (!d || !mission) {
    return {
      missionId: null,
      missionName: null,
      task: null,
      driver: null,
      friction: null,
      action: p.recommendedAction,
      effect: null,
      facts: [{ label: "Focus", value: "No rule fired: no focus area stands out." }],
    };
  }
  const task =
    (d.taskId !== undefined ? mission.metrics.tasks.find((t) => t.taskId === d.taskId) : undefined) ??
    mission.metrics.topBottleneck ??
    undefined;
  const taskText = task ? taskWords(task) : null;
  const driver = task ? driverText(task.driver, task.status) : null;
  const friction = task
    ? `${formatCount(task.avgDelayMinutes, 1)} min delay and ${formatCount(task.avgOverrunMinutes, 1)} min overrun per run over the ${plural(task.samples, "run")} it ran in among the most recent runs` +
      `; friction in ${task.frictionRuns} of the last ${task.persistenceWindow} run${task.persistenceWindow === 1 ? "" : "s"}`
    : null;
  const facts: BriefFact[] = [
    { label: "Mission", value: `${mission.missionName} (${mission.missionId})` },
    { label: "Issue", value: triggerText(d.trigger) },
    { label: "Bottleneck task", value: taskText ?? "no task data" },
  ];
  if (driver) facts.push({ label: "Driver", value: driver });
  const effect = actionEffect(mission, ctx.result.ledger.byMission[mission.missionId] ?? [], task?.taskId);
  return {
    missionId: mission.missionId,
    missionName: mission.missionName,
    task: taskText,
    driver,
    friction,
    action: p.recommendedAction,
    effect,
    facts,
  };
}

/**
 * The section as HTML (`<section id="focus">`).
 *
 * @example String(focusHtml(model.focus)).startsWith('<section id="focus"') // → true
 */
export function focusHtml(m: FocusModel): SafeHtml {
  return sectionHtml(
    "focus",
    "The action",
    html`<p class="action"><span class="label-inline">Recommended action:</span> ${m.action}</p>
${m.effect ? html`<p class="effect"><span class="label-inline">What it would buy:</span> ${m.effect.sentence}</p><p class="small muted">${m.effect.basis}</p>` : ""}
${factsHtml(m.facts, "facts facts-grid")}`,
  );
}
