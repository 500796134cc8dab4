/**
 * Direction-aware comparisons of KPI values with a relative tolerance — the reference engine's
 * `better` and `flat` (SEED-V3-RULES.md, "Per mission").
 */
import type { KpiDirection } from "../model/dataset";

/**
 * True when `a` is better than `b` by more than the relative tolerance `tol`.
 *
 * @example isBetter(2.1, 2.6, "lower_is_better", 0.05) // → true (2.1 < 2.6 × 0.95 = 2.47)
 */
export function isBetter(a: number, b: number, direction: KpiDirection, tol: number): boolean {
  if (direction === "lower_is_better") return b === 0 ? a < b : a < b * (1 - tol);
  return b === 0 ? a > b : a > b * (1 + tol);
}

/**
 * True when `a` and `b` differ by at most `tol` relative to the larger magnitude.
 *
 * @example isFlat(10, 10.4, 0.05) // → true (0.4 / 10.4 = 3.8 %)
 */
export function isFlat(a: number, b: number, tol: number): boolean {
  if (a === b) return true;
  return Math.abs(a - b) / Math.max(Math.abs(a), Math.abs(b), 1e-9) <= tol;
}

/**
 * Signed improvement of `value` over `reference` in percent of `reference`: positive = better in
 * the KPI's direction; null when the reference is 0.
 *
 * @example improvementPct(3.2, 12, "lower_is_better") // → 73.333…
 */
export function improvementPct(value: number, reference: number, direction: KpiDirection): number | null {
  if (reference === 0) return null;
  const delta = direction === "lower_is_better" ? reference - value : value - reference;
  return (100 * delta) / Math.abs(reference);
}

/**
 * True when `value` meets or beats `target` in the KPI's direction.
 *
 * @example meetsTarget(3.2, 4, "lower_is_better") // → true
 */
export function meetsTarget(value: number, target: number, direction: KpiDirection): boolean {
  return direction === "lower_is_better" ? value <= target : value >= target;
}

/** Rounds to `decimals` places (half away from zero), avoiding binary artefacts like 73.33000001. */
export function round(value: number, decimals = 2): number {
  const f = 10 ** decimals;
  return (Math.sign(value) * Math.round(Math.abs(value) * f + Number.EPSILON * f)) / f;
}

/**
 * A p-value for prose: "= 0.0312", or "< 0.0001" when smaller.
 *
 * @example formatP(0.00001) // → "< 0.0001"
 */
export function formatP(p: number): string {
  return p < 0.0001 ? "< 0.0001" : `= ${round(p, 4)}`;
}
