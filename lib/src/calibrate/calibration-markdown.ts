/**
 * `docs/calibration.md`: the calibration report as Markdown — how the simulation works, then one
 * table per scenario group — and its atomic write.
 */
import { writeFileAtomic } from "../io/atomic-file";
import type { CalibrationReport, ScenarioResult } from "./run-calibration";
import { CALIBRATION_GROUPS } from "./scenarios";

/** Options of {@link calibrationMarkdown}. */
export interface CalibrationMarkdownOptions {
  /** The command line that produced the report, shown verbatim. */
  readonly command: string;
}

function pct(share: number): string {
  return `${(share * 100).toFixed(1)} %`;
}

function cell(text: string): string {
  return text.replace(/\|/g, "\\|").replace(/\n/g, " ");
}

function simulated(r: ScenarioResult): string {
  if (r.scenario.unit === "mission") return `${r.trials} missions`;
  return `${r.trials} portfolios of ${r.scenario.portfolioSize}`;
}

const HOW_IT_WORKS = `## How the simulation works

Every scenario simulates many independent missions (or portfolios of missions) from a fixed seed
per scenario and trial — the project's seeded generator (sfc32), never \`Math.random\` — so the
same command gives the same figures. Each simulated mission is evaluated on its own (a portfolio:
all its missions together) as of its last run, and the scenario counts how often the outcome in
"What is measured" happens.

- **KPI values**: a level, times (1 + a linear trend per run or per calendar day), times
  (1 + noise). The noise is AR(1): each run keeps a share *phi* of the previous run's deviation,
  scaled so that the spread of every value is the stated share of the level (phi 0 is
  independent noise). Some scenarios add a level step at a given run, or one excursion (the last
  value multiplied, in the bad direction), or leave out a share of KPI values at random.
- **Run start times**: daily; irregular (gaps drawn from an exponential distribution with a mean
  of one day, as if runs were triggered by random events); or given explicitly (bunched runs).
- **Human touches** (interventions plus escalations, 30 % of touches being escalations): a
  Poisson count per run, or a negative binomial one whose variance is a stated multiple of its
  mean (bursty human work), optionally with the mean changing from a given run on.
- **Tasks**: 2–4 per mission with estimates of 10–30 minutes; actual minutes are log-normal
  around 90 % of the estimate (85 % with a wider spread in the realistic portfolios); every second
  task needs an approval with a short wait (about 1.5 minutes). Friction is small and spread
  evenly; there are no risk events. Missions have an owner, an AI role and an escalation path.

The rate is the share of trials with the outcome; the interval is the Wilson score 95 %
interval of that share; "met?" compares the rate itself with the target (the interval shows how
precisely the rate is known).`;

/**
 * The report as Markdown: title, the command, how the simulation works, one table per group
 * (scenario, what is measured, missions or portfolios simulated, rate, Wilson 95 % interval,
 * target, met?) and a count of targets met. Deterministic for a given report (no timings).
 *
 * @example calibrationMarkdown(report, { command: "npm run calibrate" }).startsWith("# Calibration") // → true
 */
export function calibrationMarkdown(report: CalibrationReport, options: CalibrationMarkdownOptions): string {
  const lines: string[] = [
    "# Calibration of the evaluator",
    "",
    `Ruleset \`${report.ruleset.id}\` ${report.ruleset.version}, ${report.size === "full" ? "full suite" : "fast subset"}.`,
    `Produced by \`${options.command}\`; do not edit by hand.`,
    "",
    `**${report.results.filter((r) => r.met).length} of ${report.results.length} targets met.**`,
    "",
    HOW_IT_WORKS,
  ];
  const groups = [...new Set(report.results.map((r) => r.scenario.group))];
  for (const group of groups) {
    lines.push("", `## ${group}. ${CALIBRATION_GROUPS[group] ?? "Scenarios"}`, "");
    lines.push("| Scenario | What is measured | Simulated | Rate | Wilson 95 % interval | Target | Met? |");
    lines.push("| --- | --- | --- | ---: | --- | --- | --- |");
    for (const r of report.results.filter((x) => x.scenario.group === group)) {
      const s = r.scenario;
      lines.push(
        `| \`${s.id}\`: ${cell(s.description)} | ${cell(s.measures)} | ${simulated(r)} | ${pct(r.rate)} | ` +
          `${pct(r.interval[0])} – ${pct(r.interval[1])} | ${s.comparison === "at_most" ? "≤" : "≥"} ${pct(s.target)} | ` +
          `${r.met ? "yes" : "**no**"} |`,
      );
    }
  }
  return `${lines.join("\n")}\n`;
}

/**
 * Writes {@link calibrationMarkdown} to `path` atomically (a temporary file, then a rename),
 * creating the folder if needed.
 *
 * @throws the file system's error when the folder cannot be created or written; an existing file
 *   is then left untouched.
 * @example await writeCalibrationMarkdown("docs/calibration.md", report, { command: "npm run calibrate" }) // → resolves
 */
export async function writeCalibrationMarkdown(
  path: string,
  report: CalibrationReport,
  options: CalibrationMarkdownOptions,
): Promise<void> {
  await writeFileAtomic(path, calibrationMarkdown(report, options));
}
