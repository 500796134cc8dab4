/**
 * One recommended action per mission and for the portfolio, from the ruleset's templates, naming
 * the mission, the task and the figure.
 */
import type { Ruleset } from "../rules/schema";
import type { MissionMetrics, Trigger } from "./types";

/**
 * Fills `{name}` placeholders of a template; unknown placeholders are left as they are.
 *
 * @example fillTemplate("Fix {taskId} in {missionName}", { taskId: "T5", missionName: "Sales" }) // → "Fix T5 in Sales"
 */
export function fillTemplate(template: string, values: Readonly<Record<string, string>>): string {
  return template.replace(/\{(\w+)\}/g, (whole, key: string) => values[key] ?? whole);
}

/**
 * The recommended action for a mission: the template of its strongest trigger, or the ruleset's
 * `noTrigger` sentence.
 *
 * @example missionAction(m002Metrics, autonomyTrigger, seedV3.actions) // → "Reduce interventions and escalations in T5 within the next execution cycle; re-scope or add capacity to restore autonomy."
 */
export function missionAction(
  metrics: MissionMetrics,
  driver: Trigger | undefined,
  rules: Ruleset["actions"],
): string {
  const task = driver?.taskId ? metrics.tasks.find((t) => t.taskId === driver.taskId) : metrics.topBottleneck;
  const values: Record<string, string> = {
    missionName: metrics.missionName,
    missionId: metrics.missionId,
    taskId: task?.taskId ?? "its slowest task",
    taskName: task?.taskName ?? "no task data",
    figure: driver?.figure ?? "",
  };
  const template = driver ? (rules.templates[driver.id] ?? rules.noTrigger) : rules.noTrigger;
  return fillTemplate(template, values);
}
