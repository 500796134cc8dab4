/**
 * Section 5 — the key focus area: the mission of the primary issue, its bottleneck task, what
 * drives that bottleneck, and the recommended action.
 */
import type { BriefContext, BriefFact } from "../brief-types";
import { driverText, formatCount, triggerText } from "../format";
import { html, type SafeHtml } from "../html";
import { factsHtml, sectionHtml } from "./parts";

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
      facts: [{ label: "Focus", value: "No rule fired: no focus area stands out." }],
    };
  }
  const task =
    (d.taskId !== undefined ? mission.metrics.tasks.find((t) => t.taskId === d.taskId) : undefined) ??
    mission.metrics.topBottleneck ??
    undefined;
  const taskText = task
    ? task.taskName && task.taskName !== task.taskId
      ? `${task.taskId} — ${task.taskName}`
      : task.taskId
    : null;
  const driver = task ? driverText(task.driver, task.status) : null;
  const friction = task
    ? `${formatCount(task.avgDelayMinutes, 1)} min delay and ${formatCount(task.avgOverrunMinutes, 1)} min overrun per run on average` +
      `; friction in ${task.frictionRuns} of the last ${task.persistenceWindow} run${task.persistenceWindow === 1 ? "" : "s"}`
    : null;
  const facts: BriefFact[] = [
    { label: "Mission", value: `${mission.missionName} (${mission.missionId})` },
    { label: "Issue", value: triggerText(d.trigger) },
    { label: "Bottleneck task", value: taskText ?? "no task data" },
  ];
  if (driver) facts.push({ label: "Driver", value: driver });
  if (friction) facts.push({ label: "Friction", value: friction });
  return {
    missionId: mission.missionId,
    missionName: mission.missionName,
    task: taskText,
    driver,
    friction,
    action: p.recommendedAction,
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
    "Key focus area",
    html`${factsHtml(m.facts, "facts facts-grid")}
<p class="action"><span class="label-inline">Recommended action:</span> ${m.action}</p>`,
  );
}
