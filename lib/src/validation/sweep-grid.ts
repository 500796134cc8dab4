/**
 * Threshold sweep grids: `--param <ruleset path>=<from>:<to>:<step>` (or a comma list of values)
 * expanded into settings, and the rulesets they make.
 */
import { withRulesetValues } from "../rules/parse-ruleset";
import { RulesetError } from "../rules/ruleset-error";
import type { Ruleset } from "../rules/schema";

/** One swept setting and its values. */
export interface SweepParam {
  /** Dotted ruleset path, e.g. `trend.alpha`. */
  readonly path: string;
  readonly values: readonly number[];
}

/**
 * Most settings a sweep may evaluate.
 *
 * @example SWEEP_MAX_POINTS // → 10000
 */
export const SWEEP_MAX_POINTS = 10_000;

/**
 * Raised for a malformed `--param` (the message says what was expected).
 *
 * @example parseSweepParam("trend.alpha") // throws SweepParamError
 */
export class SweepParamError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "SweepParamError";
  }
}

function decimals(text: string): number {
  const m = /\.(\d+)$/.exec(text.trim());
  return m ? (m[1] as string).length : 0;
}

function number(text: string, spec: string, what: string): number {
  const v = Number(text);
  if (text.trim() === "" || !Number.isFinite(v))
    throw new SweepParamError(`--param ${spec}: ${what} is not a number (found ${JSON.stringify(text)})`);
  return v;
}

/**
 * Parses `path=from:to:step` (inclusive range; values rounded to the inputs' decimals so 0.1 steps
 * stay exact) or `path=v1,v2,…`.
 *
 * @throws SweepParamError when the shape is wrong, a bound is not a number, step ≤ 0, from > to,
 *   or the range has more than {@link SWEEP_MAX_POINTS} values.
 * @example parseSweepParam("trend.alpha=0.01:0.05:0.02") // → { path: "trend.alpha", values: [0.01, 0.03, 0.05] }
 */
export function parseSweepParam(spec: string): SweepParam {
  const eq = spec.indexOf("=");
  const path = eq < 0 ? "" : spec.slice(0, eq).trim();
  const range = eq < 0 ? "" : spec.slice(eq + 1).trim();
  if (!/^[A-Za-z_][\w]*(\.[A-Za-z_][\w]*)*$/.test(path) || range === "") {
    throw new SweepParamError(
      `--param ${JSON.stringify(spec)}: expected <ruleset path>=<from>:<to>:<step> or <path>=<v1>,<v2>,… (e.g. trend.alpha=0.01:0.1:0.01)`,
    );
  }
  if (range.includes(",")) {
    const values = range.split(",").map((v, i) => number(v, spec, `value ${i + 1}`));
    return { path, values: [...new Set(values)] };
  }
  const parts = range.split(":");
  if (parts.length !== 3) {
    throw new SweepParamError(
      `--param ${spec}: expected <from>:<to>:<step> (found ${parts.length} part${parts.length === 1 ? "" : "s"})`,
    );
  }
  const [fromText, toText, stepText] = parts as [string, string, string];
  const from = number(fromText, spec, "from");
  const to = number(toText, spec, "to");
  const step = number(stepText, spec, "step");
  if (step <= 0) throw new SweepParamError(`--param ${spec}: step must be positive (found ${step})`);
  if (from > to) throw new SweepParamError(`--param ${spec}: from (${from}) is above to (${to})`);
  const count = Math.floor((to - from) / step + 1e-9) + 1;
  if (count > SWEEP_MAX_POINTS)
    throw new SweepParamError(`--param ${spec}: ${count} values, more than ${SWEEP_MAX_POINTS}`);
  const d = Math.max(decimals(fromText), decimals(toText), decimals(stepText));
  const f = 10 ** d;
  const values = Array.from({ length: count }, (_, i) => Math.round((from + i * step) * f) / f);
  return { path, values };
}

/**
 * Every combination of the parameters' values (the first parameter varies slowest).
 *
 * @throws SweepParamError when a path repeats or the grid exceeds {@link SWEEP_MAX_POINTS}.
 * @example sweepGrid([{ path: "a", values: [1, 2] }, { path: "b", values: [5] }]) // → [{ a: 1, b: 5 }, { a: 2, b: 5 }]
 */
export function sweepGrid(params: readonly SweepParam[]): Record<string, number>[] {
  const paths = params.map((p) => p.path);
  const dup = paths.find((p, i) => paths.indexOf(p) !== i);
  if (dup) throw new SweepParamError(`--param ${dup} is given twice`);
  const size = params.reduce((n, p) => n * p.values.length, 1);
  if (size > SWEEP_MAX_POINTS)
    throw new SweepParamError(`the grid has ${size} settings, more than ${SWEEP_MAX_POINTS}`);
  let grid: Record<string, number>[] = [{}];
  for (const p of params) grid = grid.flatMap((g) => p.values.map((v) => ({ ...g, [p.path]: v })));
  return params.length === 0 ? [] : grid;
}

/**
 * The ruleset of each setting: `base` with all of the setting's values replaced at once, then
 * validated (field ranges and relations). Every setting is validated before any is returned, so a
 * sweep never starts on a grid it cannot finish.
 *
 * @throws RulesetError for the first setting whose path does not exist or whose values break the
 *   schema; its source names the setting ("setting 3 of 10: health.bands.watch=85, …") and its
 *   issues are the schema's.
 * @example sweepRulesets(rules, [{ "trend.alpha": 0.1 }])[0].trend // → { …, alpha: 0.1 }
 */
export function sweepRulesets(base: Ruleset, grid: readonly Record<string, number>[]): Ruleset[] {
  return grid.map((setting, i) => {
    try {
      return withRulesetValues(base, setting);
    } catch (e) {
      if (!(e instanceof RulesetError)) throw e;
      const values = Object.entries(setting)
        .map(([path, value]) => `${path}=${value}`)
        .join(", ");
      throw new RulesetError(`${base.id}, setting ${i + 1} of ${grid.length}: ${values}`, e.issues);
    }
  });
}
