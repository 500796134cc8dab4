/**
 * Sharing work between rulesets replayed together (threshold sweeps): at each step of a replay,
 * a stage's result is computed once per distinct stage configuration and reused by every ruleset
 * with the same one. Keys are the JSON of the settings a stage reads (computed once per ruleset),
 * so a sweep of `trend.alpha` recomputes only the trend's classification and what depends on it.
 */
import type { Ruleset } from "../rules/schema";

/** Results of one step, by stage key. Create a new one for every step. */
export type StageMemo = Map<string, unknown>;

/** The key of each metric stage for a ruleset. */
export interface StageKeys {
  readonly metrics: string;
  readonly trend: string;
  readonly trajectory: string;
  readonly autonomy: string;
  readonly friction: string;
  readonly bottleneck: string;
  readonly stability: string;
  readonly risk: string;
}

const cache = new WeakMap<Ruleset, StageKeys>();

/**
 * The stage keys of a ruleset (cached per ruleset object).
 *
 * @example stageKeys(withRulesetValue(rules, "trend.alpha", 0.1)).autonomy === stageKeys(rules).autonomy // → true
 */
export function stageKeys(rules: Ruleset): StageKeys {
  const hit = cache.get(rules);
  if (hit) return hit;
  const esc = rules.triggers.ESCALATION_BURDEN_RISING;
  const j = (x: unknown) => JSON.stringify(x);
  const keys: StageKeys = {
    metrics: `metrics:${j([
      rules.ledger,
      rules.trend,
      rules.trajectory,
      rules.level ?? null,
      rules.autonomy,
      rules.friction,
      rules.bottleneck,
      rules.stability,
      rules.risk,
      rules.health.weights,
      rules.health.trendScores,
      rules.health.outcomeMissingScore,
      esc.method === "trend" ? esc.alpha : null,
    ])}`,
    trend: `trend:${j([rules.trend, rules.level ?? null])}`,
    trajectory: `trajectory:${j([rules.trajectory, rules.trend, rules.level ?? null])}`,
    autonomy: `autonomy:${j(rules.autonomy)}`,
    friction: `friction:${j([rules.friction, esc.method === "trend" ? esc.alpha : null])}`,
    bottleneck: `bottleneck:${j(rules.bottleneck)}`,
    stability: `stability:${j(rules.stability)}`,
    risk: `risk:${j(rules.risk)}`,
  };
  cache.set(rules, keys);
  return keys;
}

/**
 * The settings that shape a mission series (run order, severity weights, the seed bottleneck's
 * run ids and task totals): rulesets with the same key can share one series in a replay.
 *
 * @example seriesKey(withRulesetValue(rules, "trend.alpha", 0.1)) === seriesKey(rules) // → true
 */
export function seriesKey(rules: Ruleset): string {
  const b = rules.bottleneck;
  return JSON.stringify([rules.ledger, b.method === "seed_v3" ? b.recentRuns : 0]);
}

/**
 * `compute()`, or its result for `key` in this step's memo (no memo: always computed).
 *
 * @example memoized(memo, "trend:…", () => assessTrend(…)) // → the same object for every ruleset with that trend
 */
export function memoized<T>(memo: StageMemo | undefined, key: string, compute: () => T): T {
  if (!memo) return compute();
  if (memo.has(key)) return memo.get(key) as T;
  const value = compute();
  memo.set(key, value);
  return value;
}
