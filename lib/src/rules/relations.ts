/**
 * Relations between ruleset fields that a field's own range cannot state: health weights summing
 * to 1, ordered bands, windows no shorter than the minimum they must hold. Each relation is its
 * own function taking the parsed ruleset and the zod refinement context, so a schema change in one
 * section does not touch the others; {@link checkRulesetRelations} runs them all and is attached
 * to the schema with `superRefine` (see `RulesetDocumentSchema` in `schema.ts`).
 *
 * Every issue is reported at the path of the field that breaks the relation (the parser adds
 * "found <value>") and names the other field and its value.
 */
import type { z } from "zod";
import type { Ruleset } from "./schema";

/** How far the health weights' sum may be from 1. */
export const WEIGHT_SUM_TOLERANCE = 1e-9;

type Ctx = z.RefinementCtx;

function report(ctx: Ctx, path: readonly (string | number)[], message: string): void {
  ctx.addIssue({ code: "custom", path: [...path], message });
}

/**
 * `health.weights` must sum to 1 (within {@link WEIGHT_SUM_TOLERANCE}); all zero is refused too.
 *
 * @example checkHealthWeights({ health: { weights: { outcome: 5, trajectory: 0, friction: 0, risk: 0, stability: 0 } } } as Ruleset, ctx)
 *   // → an issue at health.weights: "the weights must sum to 1 (they sum to 5)"
 */
export function checkHealthWeights(rules: Ruleset, ctx: Ctx): void {
  const weights = Object.values(rules.health.weights);
  const sum = weights.reduce((s, w) => s + w, 0);
  if (!(Math.abs(sum - 1) <= WEIGHT_SUM_TOLERANCE)) {
    report(ctx, ["health", "weights"], `the weights must sum to 1 (they sum to ${sum})`);
  }
}

/**
 * `health.bands.onTrack` must be above `health.bands.watch`.
 *
 * @example checkHealthBands({ health: { bands: { onTrack: 60, watch: 70 } } } as Ruleset, ctx)
 *   // → an issue at health.bands.onTrack: "must be above health.bands.watch (70)"
 */
export function checkHealthBands(rules: Ruleset, ctx: Ctx): void {
  const { onTrack, watch } = rules.health.bands;
  if (!(onTrack > watch)) {
    report(ctx, ["health", "bands", "onTrack"], `must be above health.bands.watch (${watch})`);
  }
}

/**
 * The stability bands' `below` must be strictly increasing, band after band.
 *
 * @example checkStabilityBands({ stability: { bands: [{ below: 0.2 }, { below: 0.1 }] } } as Ruleset, ctx)
 *   // → an issue at stability.bands.1.below: "must be above stability.bands.0.below (0.2)"
 */
export function checkStabilityBands(rules: Ruleset, ctx: Ctx): void {
  const bands = rules.stability.bands;
  for (let i = 1; i < bands.length; i++) {
    const previous = (bands[i - 1] as { below: number }).below;
    const current = (bands[i] as { below: number }).below;
    if (!(current > previous)) {
      report(
        ctx,
        ["stability", "bands", i, "below"],
        `must be above stability.bands.${i - 1}.below (${previous}): bands are listed from the most stable up`,
      );
    }
  }
}

/**
 * Confidence: `lowBelowRuns` must not exceed `mediumBelowRuns` (both methods).
 *
 * @example checkConfidenceRuns({ confidence: { method: "run_count", lowBelowRuns: 12, mediumBelowRuns: 6 } } as Ruleset, ctx)
 *   // → an issue at confidence.lowBelowRuns: "must not exceed confidence.mediumBelowRuns (6)"
 */
export function checkConfidenceRuns(rules: Ruleset, ctx: Ctx): void {
  const c = rules.confidence;
  const [runs, base] =
    c.method === "run_count" ? [c, ["confidence"]] : [c.sampleSize, ["confidence", "sampleSize"]];
  if (runs.lowBelowRuns > runs.mediumBelowRuns) {
    report(
      ctx,
      [...base, "lowBelowRuns"],
      `must not exceed ${base.join(".")}.mediumBelowRuns (${runs.mediumBelowRuns})`,
    );
  }
}

/**
 * Mann–Kendall trend: `minRuns` must not exceed `maxWindowRuns` (the window could never hold
 * enough observations).
 *
 * @example checkTrendWindow({ trend: { method: "mann_kendall", minRuns: 80, maxWindowRuns: 60 } } as Ruleset, ctx)
 *   // → an issue at trend.minRuns: "must not exceed trend.maxWindowRuns (60)"
 */
export function checkTrendWindow(rules: Ruleset, ctx: Ctx): void {
  const t = rules.trend;
  if (t.method === "mann_kendall" && t.minRuns > t.maxWindowRuns) {
    report(ctx, ["trend", "minRuns"], `must not exceed trend.maxWindowRuns (${t.maxWindowRuns})`);
  }
}

/**
 * Change points need room: two segments of `trend.changePoint.minSegmentRuns` must fit in the
 * trend window; the touch test's `minRuns` must fit in its `windowRuns`; the fitted level's
 * `excursionBand` must not be ON_TRACK (an excursion that caps nothing is no rule).
 *
 * @example checkSegmentWindows({ trend: { method: "mann_kendall", maxWindowRuns: 10, changePoint: { minSegmentRuns: 6 } } } as Ruleset, ctx)
 *   // → an issue at trend.changePoint.minSegmentRuns: "two segments of 6 runs must fit in trend.maxWindowRuns (10)"
 */
export function checkSegmentWindows(rules: Ruleset, ctx: Ctx): void {
  const t = rules.trend;
  if (t.method === "mann_kendall" && t.changePoint && 2 * t.changePoint.minSegmentRuns > t.maxWindowRuns) {
    report(
      ctx,
      ["trend", "changePoint", "minSegmentRuns"],
      `two segments of ${t.changePoint.minSegmentRuns} runs must fit in trend.maxWindowRuns (${t.maxWindowRuns})`,
    );
  }
  const reg = rules.autonomy.regression;
  if (reg.method === "touch_trend" && reg.minRuns > reg.windowRuns) {
    report(
      ctx,
      ["autonomy", "regression", "minRuns"],
      `must not exceed autonomy.regression.windowRuns (${reg.windowRuns})`,
    );
  }
  if (rules.level?.method === "fitted" && rules.level.excursionBand === "ON_TRACK") {
    report(ctx, ["level", "excursionBand"], "must be WATCH or ATTENTION_REQUIRED (ON_TRACK caps nothing)");
  }
}

/** Every relation, in the order they are checked. */
export const RULESET_RELATIONS: readonly ((rules: Ruleset, ctx: Ctx) => void)[] = [
  checkHealthWeights,
  checkHealthBands,
  checkStabilityBands,
  checkConfidenceRuns,
  checkTrendWindow,
  checkSegmentWindows,
];

/**
 * Runs every relation of {@link RULESET_RELATIONS}; for `superRefine`.
 *
 * @example RulesetSchema.superRefine(checkRulesetRelations).safeParse(doc).success // → false for inverted bands
 */
export function checkRulesetRelations(rules: Ruleset, ctx: Ctx): void {
  for (const relation of RULESET_RELATIONS) relation(rules, ctx);
}
