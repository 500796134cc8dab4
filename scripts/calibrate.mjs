#!/usr/bin/env node
/**
 * `npm run calibrate`: the seeded calibration simulation suite (lib/src/calibrate). For each
 * scenario it simulates missions or portfolios with a fixed seed, evaluates them with a ruleset
 * (default: `default`), and reports the rate of the scenario's outcome with its Wilson 95 %
 * interval against the target; then writes docs/calibration.md atomically and prints a summary.
 *
 * Flags: --rules <name|path>   ruleset (built-in name or JSON/YAML file; default "default")
 *        --fast                the fast subset (fewer trials per scenario, as in npm test)
 *        --only <id,…>         only these scenarios
 *        --out <path>          where to write the Markdown (default docs/calibration.md)
 *        --check               exit 1 when a target is not met
 * Progress goes to stderr when it is a TTY.
 */
import { createRequire } from "node:module";
import { dirname, join, relative, resolve } from "node:path";
import { fileURLToPath } from "node:url";

const root = resolve(dirname(fileURLToPath(import.meta.url)), "..");
const require = createRequire(import.meta.url);
const dist = join(root, "lib", "dist");
const { loadRuleset } = require(join(dist, "rules", "load-ruleset.js"));
const { runCalibration, selectScenarios } = require(join(dist, "calibrate", "run-calibration.js"));
const { writeCalibrationMarkdown } = require(join(dist, "calibrate", "calibration-markdown.js"));
const { Presets, SingleBar } = require(require.resolve("cli-progress", { paths: [join(root, "lib")] }));

function usage(message) {
  console.error(`calibrate: ${message}`);
  console.error(
    "usage: npm run calibrate -- [--rules <name|path>] [--fast] [--only <id,…>] [--out <path>] [--check]",
  );
  process.exit(2);
}

function parseArgs(argv) {
  const out = {
    rules: "default",
    size: "full",
    only: undefined,
    out: join(root, "docs", "calibration.md"),
    check: false,
  };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    const value = () => {
      const v = argv[++i];
      if (v === undefined || v.startsWith("--")) usage(`${arg} needs a value`);
      return v;
    };
    if (arg === "--rules") out.rules = value();
    else if (arg === "--fast") out.size = "fast";
    else if (arg === "--only")
      out.only = value()
        .split(",")
        .map((s) => s.trim())
        .filter(Boolean);
    else if (arg === "--out") out.out = resolve(value());
    else if (arg === "--check") out.check = true;
    else usage(`unknown argument ${arg}`);
  }
  return out;
}

const pct = (x) => `${(x * 100).toFixed(1)} %`;

async function main() {
  const args = parseArgs(process.argv.slice(2));
  try {
    selectScenarios(args.only);
  } catch (err) {
    usage(err.message);
  }
  const rules = await loadRuleset(args.rules);
  const tty = process.stderr.isTTY === true;
  let bar;
  const onProgress = (done, total, id) => {
    if (!tty) return;
    if (!bar) {
      bar = new SingleBar(
        {
          format: "calibrate {bar} {percentage}% | {value}/{total} trials | {scenario} | {duration}s",
          hideCursor: true,
        },
        Presets.shades_classic,
      );
      bar.start(total, 0, { scenario: id });
    }
    if (done % 25 === 0 || done === total) bar.update(done, { scenario: id });
  };
  let report;
  try {
    report = runCalibration({ rules, size: args.size, only: args.only, onProgress });
  } finally {
    bar?.stop();
  }
  const command = [
    "npm run calibrate",
    ...(process.argv.length > 2 ? ["--", ...process.argv.slice(2)] : []),
  ].join(" ");
  await writeCalibrationMarkdown(args.out, report, { command });
  const width = Math.max(...report.results.map((r) => r.scenario.id.length));
  for (const r of report.results) {
    const target = `${r.scenario.comparison === "at_most" ? "≤" : "≥"} ${pct(r.scenario.target)}`;
    console.log(
      `${r.scenario.id.padEnd(width)}  ${pct(r.rate).padStart(7)}  [${pct(r.interval[0])} – ${pct(r.interval[1])}]  target ${target.padEnd(9)}  ${r.met ? "met" : "NOT MET"}  (${r.trials} trials, ${r.seconds.toFixed(1)} s)`,
    );
  }
  const met = report.results.filter((r) => r.met).length;
  console.log(
    `${met} of ${report.results.length} targets met (ruleset ${report.ruleset.id} ${report.ruleset.version}, ${report.size}); ${report.seconds.toFixed(1)} s; wrote ${relative(process.cwd(), args.out) || args.out}`,
  );
  if (args.check && met < report.results.length) process.exitCode = 1;
}

main().catch((err) => {
  console.error(`calibrate: ${err instanceof Error ? err.message : String(err)}`);
  process.exit(1);
});
