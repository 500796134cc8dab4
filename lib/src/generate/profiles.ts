/**
 * Story profiles: parameter sets of the synthetic mission process. A mission's KPI, human
 * touches, approval waits, overruns, risks and failures are all driven by one profile, so a
 * "story" (improving, plateau, …) is a property of the process, never of hand-written rows.
 *
 * Trajectories are expressed against the mission's own history: `t` runs from 0 at the first run
 * to 1 at the last, so a story stays equally visible with 12 runs or 1,000.
 */
import type { Rng } from "../stats/random";

/** The named stories, plus `random` (every parameter drawn from the seed) for scale data sets. */
export type StoryName =
  | "improving_autonomous"
  | "improving_dependent"
  | "plateau"
  | "worsening"
  | "too_little_history"
  | "on_track"
  | "random";

/** Every {@link StoryName}, the six designed stories first. */
export const STORY_NAMES: readonly StoryName[] = [
  "improving_autonomous",
  "improving_dependent",
  "plateau",
  "worsening",
  "too_little_history",
  "on_track",
  "random",
];

/** A quantity that moves linearly from its value at the first run to its value at the last. */
export interface Trend {
  readonly start: number;
  readonly end: number;
}

/** Parameters of the synthetic process behind one mission. */
export interface StoryProfile {
  readonly story: StoryName;
  /**
   * Remaining gap to target of the primary KPI, as a fraction of |baseline − target|
   * (1 = at baseline, 0 = at target, > 1 = worse than baseline), at the first and last run.
   */
  readonly kpiGap: Trend;
  /** Bend of the KPI curve: 0 linear; > 0 fast early progress that levels off (learning curve). */
  readonly kpiCurvature: number;
  /** Run-to-run noise of the KPI: standard deviation as a fraction of |baseline − target|. */
  readonly kpiNoise: number;
  /** Mean human interventions per run (Poisson), first → last run. */
  readonly interventions: Trend;
  /** Mean escalations per run (Poisson), first → last run. */
  readonly escalations: Trend;
  /** Mean human wait of an ordinary approval, minutes, first → last run. */
  readonly approvalDelay: Trend;
  /** Mean actual ÷ estimated duration of an ordinary task, first → last run (1 = on estimate). */
  readonly overrun: Trend;
  /** Mean risk events per run (Poisson), first → last run. */
  readonly riskRate: Trend;
  /** Probability that a run fails; half as likely again each to abort or end partial. */
  readonly failureRate: number;
  /** Probability that an approval is rejected once and the task reworked. */
  readonly rejectionRate: number;
  /** When set, the mission has exactly this many runs whatever the options say. */
  readonly fixedRuns?: number;
}

const trend = (start: number, end: number): Trend => ({ start, end });

/** The designed stories' parameters (`random` is drawn per mission by {@link randomProfile}). */
export const STORY_PROFILES: Readonly<Record<Exclude<StoryName, "random">, StoryProfile>> = {
  // KPI closes ~75 % of the gap; humans step in less and less.
  improving_autonomous: {
    story: "improving_autonomous",
    kpiGap: trend(1, 0.25),
    kpiCurvature: 0.3,
    kpiNoise: 0.04,
    interventions: trend(2.6, 0.3),
    escalations: trend(0.8, 0.05),
    approvalDelay: trend(45, 20),
    overrun: trend(1.15, 1.02),
    riskRate: trend(0.3, 0.08),
    failureRate: 0.03,
    rejectionRate: 0.08,
  },
  // KPI improves, but only because people prop it up: interventions and escalations rise.
  improving_dependent: {
    story: "improving_dependent",
    kpiGap: trend(1, 0.3),
    kpiCurvature: 0,
    kpiNoise: 0.04,
    interventions: trend(0.5, 2.6),
    escalations: trend(0.1, 0.9),
    approvalDelay: trend(30, 55),
    overrun: trend(1.05, 1.1),
    riskRate: trend(0.15, 0.35),
    failureRate: 0.03,
    rejectionRate: 0.1,
  },
  // KPI flat and far from target; friction unchanged.
  plateau: {
    story: "plateau",
    kpiGap: trend(0.85, 0.85),
    kpiCurvature: 0,
    kpiNoise: 0.04,
    interventions: trend(1.3, 1.3),
    escalations: trend(0.35, 0.35),
    approvalDelay: trend(60, 60),
    overrun: trend(1.12, 1.12),
    riskRate: trend(0.35, 0.35),
    failureRate: 0.05,
    rejectionRate: 0.1,
  },
  // KPI drifts away from target; overruns, failures and risks grow (approvals stay quick: the
  // friction is in the work itself).
  worsening: {
    story: "worsening",
    kpiGap: trend(0.9, 1.6),
    kpiCurvature: 0,
    kpiNoise: 0.05,
    interventions: trend(0.8, 2),
    escalations: trend(0.2, 0.6),
    approvalDelay: trend(8, 12),
    overrun: trend(1.08, 1.3),
    riskRate: trend(0.3, 0.8),
    failureRate: 0.08,
    rejectionRate: 0.12,
  },
  // Barely started: two runs, nothing can be concluded.
  too_little_history: {
    story: "too_little_history",
    kpiGap: trend(1, 0.95),
    kpiCurvature: 0,
    kpiNoise: 0.05,
    interventions: trend(1.2, 1.2),
    escalations: trend(0.2, 0.2),
    approvalDelay: trend(45, 45),
    overrun: trend(1.1, 1.1),
    riskRate: trend(0.2, 0.2),
    failureRate: 0.03,
    rejectionRate: 0.08,
    fixedRuns: 2,
  },
  // Steady improvement that reaches the target, with little human friction throughout.
  on_track: {
    story: "on_track",
    kpiGap: trend(0.8, -0.02),
    kpiCurvature: 0.8,
    kpiNoise: 0.03,
    interventions: trend(0.4, 0.1),
    escalations: trend(0.08, 0.02),
    approvalDelay: trend(15, 10),
    overrun: trend(1.03, 0.98),
    riskRate: trend(0.08, 0.03),
    failureRate: 0.01,
    rejectionRate: 0.04,
  },
};

/**
 * A profile with every parameter drawn independently from the seed, spanning the range of the
 * designed stories (KPI may improve, stall or worsen; friction may rise or fall).
 *
 * @example randomProfile(createRng(1)).story // → "random"
 */
export function randomProfile(rng: Rng): StoryProfile {
  const r = (a: number, b: number): number => rng.uniform(a, b);
  return {
    story: "random",
    kpiGap: trend(r(0.8, 1.1), r(-0.05, 1.5)),
    kpiCurvature: r(0, 1.5),
    kpiNoise: r(0.02, 0.1),
    interventions: trend(r(0.1, 3), r(0.1, 3)),
    escalations: trend(r(0, 0.8), r(0, 0.8)),
    approvalDelay: trend(r(10, 90), r(10, 90)),
    overrun: trend(r(0.95, 1.3), r(0.95, 1.3)),
    riskRate: trend(r(0.02, 0.5), r(0.02, 0.5)),
    failureRate: r(0.005, 0.08),
    rejectionRate: r(0.02, 0.15),
  };
}

/**
 * The profile for a story: the designed parameters, or a fresh draw for `random`.
 *
 * @example profileFor("plateau", createRng(1)).kpiGap // → { start: 0.85, end: 0.85 }
 */
export function profileFor(story: StoryName, rng: Rng): StoryProfile {
  return story === "random" ? randomProfile(rng) : STORY_PROFILES[story];
}

/**
 * Value of a {@link Trend} at history position `t` (0 = first run, 1 = last; clamped).
 *
 * @example trendAt({ start: 2, end: 4 }, 0.25) // → 2.5
 */
export function trendAt(tr: Trend, t: number): number {
  const u = Math.min(1, Math.max(0, t));
  return tr.start + (tr.end - tr.start) * u;
}

/**
 * Remaining KPI gap at `t` along the profile's curve: `start + (end − start)·s(t)` with
 * `s(t) = (1 − e^(−k·t)) / (1 − e^(−k))` for curvature k > 0 (s = t when k = 0).
 *
 * @example kpiGapAt(STORY_PROFILES.improving_autonomous, 0) // → 1
 */
export function kpiGapAt(profile: StoryProfile, t: number): number {
  const u = Math.min(1, Math.max(0, t));
  const k = profile.kpiCurvature;
  const s = k > 1e-9 ? (1 - Math.exp(-k * u)) / (1 - Math.exp(-k)) : u;
  return profile.kpiGap.start + (profile.kpiGap.end - profile.kpiGap.start) * s;
}
