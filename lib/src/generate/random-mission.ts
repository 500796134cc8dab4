/**
 * Draws the plan of one random mission (the `random` preset): domain, names, KPIs, a task plan
 * with dependencies and approvals, an optional recurring bottleneck, governance gaps and a story.
 * Each mission depends only on the master seed and its index.
 */
import type { KpiSpec, Mission, TaskDefinition } from "../model/dataset";
import { DOMAIN_TEMPLATES, REGIONS, type KpiTemplate, type TaskTemplate } from "./catalog";
import type { Bottleneck, KpiPlan, MissionPlan, TaskPlan } from "./mission-plan";
import type { GenerateOptions } from "./options";
import { profileFor } from "./profiles";
import { createRng, type Rng } from "../stats/random";
import { pickUniform } from "./random";

const round = (x: number, decimals: number): number => {
  const f = 10 ** decimals;
  return Math.round(x * f) / f;
};

/** Lower-case, hyphenated form of a name, for ids ("Match to PO" → "match-to-po"). */
function slugify(name: string): string {
  return name
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "");
}

/** The date `days` days after `isoDate` (both YYYY-MM-DD, UTC). */
function addDays(isoDate: string, days: number): string {
  return new Date(Date.parse(`${isoDate}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
}

function kpiPlan(rng: Rng, missionId: string, t: KpiTemplate, primary: boolean, targetDate: string): KpiPlan {
  const baseline = round(rng.uniform(t.baseline[0], t.baseline[1]), t.decimals);
  const target =
    t.direction === "lower_is_better"
      ? round(baseline * rng.uniform(0.35, 0.7), t.decimals)
      : round(baseline + (t.max - baseline) * rng.uniform(0.3, 0.6), t.decimals);
  const spec: KpiSpec = {
    missionId,
    kpi: t.kpi,
    direction: t.direction,
    unit: t.unit,
    baseline,
    target,
    targetDate,
    primary,
  };
  const progressShare = primary ? 1 : round(rng.uniform(0.4, 0.9), 2);
  return { spec, decimals: t.decimals, min: t.min, max: t.max, progressShare };
}

/** `count` distinct indices of 0 … n − 1 in increasing order (count ≤ n). */
function orderedSubset(rng: Rng, n: number, count: number): number[] {
  const pool = Array.from({ length: n }, (_, i) => i);
  for (let i = 0; i < count; i++) {
    const j = rng.int(i, n - 1);
    const tmp = pool[i] as number;
    pool[i] = pool[j] as number;
    pool[j] = tmp;
  }
  return pool.slice(0, count).sort((a, b) => a - b);
}

function taskTemplates(rng: Rng, templates: readonly TaskTemplate[], count: number): TaskTemplate[] {
  const chosen = orderedSubset(rng, templates.length, Math.min(count, templates.length)).map(
    (i) => templates[i] as TaskTemplate,
  );
  for (let k = chosen.length + 1; k <= count; k++) {
    chosen.push({ name: `Review step ${k}`, minutes: [5, 15], approval: 0.2 });
  }
  return chosen;
}

function taskPlans(rng: Rng, missionId: string, templates: readonly TaskTemplate[]): TaskPlan[] {
  const ids = templates.map((_, k) => `T${String(k + 1).padStart(2, "0")}`);
  const approvals = templates.map((t) => rng.bernoulli(t.approval));
  if (templates.length >= 3 && !approvals.includes(true)) approvals[Math.floor(templates.length / 2)] = true;
  let previousBranched = false;
  return templates.map((t, k) => {
    let dependsOn: string[] = [];
    if (k >= 1) {
      if (previousBranched) {
        dependsOn = [ids[k - 2] as string, ids[k - 1] as string];
        previousBranched = false;
      } else if (k >= 2 && rng.bernoulli(0.25)) {
        dependsOn = [ids[k - 2] as string];
        previousBranched = true;
      } else {
        dependsOn = [ids[k - 1] as string];
      }
    }
    const definition: TaskDefinition = {
      missionId,
      taskId: ids[k] as string,
      name: t.name,
      order: k + 1,
      dependsOn,
      estimatedMinutes: 5 * Math.round(rng.uniform(t.minutes[0], t.minutes[1]) / 5) || 5,
      requiresApproval: approvals[k] as boolean,
    };
    const slug = slugify(t.name);
    return { definition, agents: [`${slug}-agent-a`, `${slug}-agent-b`] };
  });
}

function bottleneckFor(rng: Rng, tasks: readonly TaskPlan[]): Bottleneck | undefined {
  if (!rng.bernoulli(0.35)) return undefined;
  const approvalTasks = tasks.filter((t) => t.definition.requiresApproval);
  if (approvalTasks.length > 0 && rng.bernoulli(0.6)) {
    const start = rng.uniform(60, 180);
    return {
      taskId: pickUniform(rng, approvalTasks).definition.taskId,
      kind: "approval",
      level: { start: round(start, 0), end: round(start + rng.uniform(60, 240), 0) },
    };
  }
  const start = rng.uniform(1.3, 1.8);
  return {
    taskId: pickUniform(rng, tasks).definition.taskId,
    kind: "overrun",
    level: { start: round(start, 2), end: round(start + rng.uniform(0.2, 0.8), 2) },
  };
}

/**
 * Plans random mission number `index` (0-based) of a `random`-preset portfolio.
 *
 * @param options resolved generator options (seed, runs, tasks, start, stories)
 * @param index position of the mission, 0 ≤ index < options.missions; the id is `M` + index + 1,
 *   zero-padded to at least three digits
 * @example planRandomMission(resolveGenerateOptions({ seed: 1 }), 0).mission.missionId // → "M001"
 */
export function planRandomMission(options: GenerateOptions, index: number): MissionPlan {
  const rng = createRng(options.seed).derive(`mission ${index}`);
  const width = Math.max(3, String(options.missions).length);
  const missionId = `M${String(index + 1).padStart(width, "0")}`;
  const domain = pickUniform(rng, DOMAIN_TEMPLATES);
  const [baseName, description] = pickUniform(rng, domain.missions);
  const region = pickUniform(rng, REGIONS);
  const mission: Mission = {
    missionId,
    name: `${baseName} — ${region}`,
    description: `${description} (${region})`,
    ...(rng.bernoulli(0.08) ? {} : { businessOwner: `${pickUniform(rng, domain.owners)}, ${region}` }),
    ...(rng.bernoulli(0.04) ? {} : { aiRole: pickUniform(rng, domain.aiRoles) }),
    ...(rng.bernoulli(0.08) ? {} : { escalationPath: pickUniform(rng, domain.escalationPaths) }),
  };
  const startOffsetDays = rng.int(0, 13);
  const targetDate = addDays(options.start, rng.int(180, 540));
  const primaryIndex = rng.int(0, domain.kpis.length - 1);
  const kpis = [kpiPlan(rng, missionId, domain.kpis[primaryIndex] as KpiTemplate, true, targetDate)];
  if (domain.kpis.length > 1 && rng.bernoulli(0.4)) {
    const others = domain.kpis.filter((_, i) => i !== primaryIndex);
    kpis.push(kpiPlan(rng, missionId, pickUniform(rng, others), false, targetDate));
  }
  const tasks = taskPlans(rng, missionId, taskTemplates(rng, domain.tasks, options.tasks));
  const bottleneck = bottleneckFor(rng, tasks);
  const story = pickUniform(rng, options.stories);
  const profile = profileFor(story, rng);
  const runCount = profile.fixedRuns ?? rng.int(options.runs.min, options.runs.max);
  return {
    mission,
    domain: domain.domain,
    story,
    profile,
    kpis,
    tasks,
    ...(bottleneck ? { bottleneck } : {}),
    riskTypes: domain.riskTypes,
    runCount,
    startOffsetDays,
  };
}
