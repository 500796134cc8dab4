/**
 * Is a series better described by one mean shift (a step) or by a straight line? Least-squares
 * fits of both, compared by BIC.
 */
import { assertFiniteArray, assertMinLength } from "./checks";

/** Relative floor on a residual sum of squares: RSS below 1e-12·Σ(y − ȳ)² counts as rounding. */
const RSS_RELATIVE_FLOOR = 1e-12;

/** The best single-mean-shift fit of {@link stepVersusLine}. Levels in the units of the values. */
export interface StepFit {
  /** Last index (1-based) of the first segment, 2..n−2. */
  readonly location: number;
  /** Mean of values 1..location. */
  readonly before: number;
  /** Mean of values location+1..n. */
  readonly after: number;
  /** Residual sum of squares about the two means (units²), after the floor. */
  readonly rss: number;
  /** n·ln(RSS/n) + 4·ln(n). */
  readonly bic: number;
}

/** The least-squares line of {@link stepVersusLine}: y = intercept + slope·x. */
export interface LineFit {
  /** Value units. */
  readonly intercept: number;
  /** Value units per x-unit. */
  readonly slope: number;
  /** Residual sum of squares (units²), after the floor. */
  readonly rss: number;
  /** n·ln(RSS/n) + 3·ln(n). */
  readonly bic: number;
}

/** Result of {@link stepVersusLine}. */
export interface StepVersusLine {
  readonly step: StepFit;
  readonly line: LineFit;
  /** The fit with the lower BIC; "line" on a tie (fewer parameters). */
  readonly preferred: "step" | "line";
}

/**
 * Least-squares fits of (a) a single mean shift — two constant levels split after `location`,
 * the best of every split with at least 2 points on each side (first best on ties), location
 * being the 1-based last index of the first segment in input (time) order — and (b) a straight
 * line y = a + b·x over x (default 1..n), compared by BIC = n·ln(RSS/n) + p·ln(n) with p = 4 for
 * the step (two means, σ², the location) and p = 3 for the line (intercept, slope, σ²);
 * `preferred` is the lower BIC (the line on a tie).
 *
 * RSS guard: an RSS of 0 would make ln(RSS/n) = −∞, so each RSS is floored at
 * 1e-12·Σ(yᵢ − ȳ)² (below it the difference is rounding noise), or at Number.MIN_VALUE for a
 * constant series; two floored fits then tie on the RSS term and the BIC penalty decides.
 * O(n): the step uses prefix sums of the centred values, RSS(t) = Σ(y − ȳ)² − A_t²·n/(t(n − t))
 * with A_t = Σ_{i≤t}(yᵢ − ȳ). Inputs are not modified.
 *
 * @param values the series in time order, at least 4 values.
 * @param x positions for the line (same length, not all equal); default 1..n. The step is always
 *   located by index.
 * @throws RangeError if fewer than 4 values, a value or position is not finite, x has another
 *   length, or all x are equal.
 * @example stepVersusLine([1, 1, 1, 5, 5, 5]).preferred // → "step" (location 3, before 1, after 5, RSS floored)
 */
export function stepVersusLine(values: readonly number[], x?: readonly number[]): StepVersusLine {
  assertMinLength(values, 4, "values");
  assertFiniteArray(values, "values");
  const n = values.length;
  const xs = x ?? Array.from({ length: n }, (_, i) => i + 1);
  if (xs.length !== n) throw new RangeError(`x has ${xs.length} values but values has ${n}`);
  assertFiniteArray(xs, "x");

  let total = 0;
  for (const v of values) total += v;
  const mean = total / n;
  let sst = 0;
  for (const v of values) sst += (v - mean) * (v - mean);
  const floor = sst > 0 ? RSS_RELATIVE_FLOOR * sst : Number.MIN_VALUE;
  const bic = (rss: number, p: number): number => n * Math.log(rss / n) + p * Math.log(n);

  // Step: maximise the explained sum of squares A_t²·n/(t(n − t)) over t = 2..n−2.
  let prefix = 0;
  let bestGain = -1;
  let location = 2;
  let bestPrefix = 0;
  for (let t = 1; t <= n - 2; t++) {
    prefix += (values[t - 1] as number) - mean;
    if (t < 2) continue;
    const gain = (prefix * prefix * n) / (t * (n - t));
    if (gain > bestGain) {
      bestGain = gain;
      location = t;
      bestPrefix = prefix;
    }
  }
  const stepRss = Math.max(floor, sst - bestGain);
  const step: StepFit = {
    location,
    before: mean + bestPrefix / location,
    after: mean - bestPrefix / (n - location),
    rss: stepRss,
    bic: bic(stepRss, 4),
  };

  // Line: ordinary least squares on centred sums.
  let xTotal = 0;
  for (const v of xs) xTotal += v;
  const xMean = xTotal / n;
  let sxx = 0;
  let sxy = 0;
  for (let i = 0; i < n; i++) {
    const dx = (xs[i] as number) - xMean;
    sxx += dx * dx;
    sxy += dx * ((values[i] as number) - mean);
  }
  if (sxx === 0) throw new RangeError("stepVersusLine needs at least two different x values");
  const slope = sxy / sxx;
  let lineRss = 0;
  for (let i = 0; i < n; i++) {
    const r = (values[i] as number) - mean - slope * ((xs[i] as number) - xMean);
    lineRss += r * r;
  }
  lineRss = Math.max(floor, lineRss);
  const line: LineFit = { intercept: mean - slope * xMean, slope, rss: lineRss, bic: bic(lineRss, 3) };
  return { step, line, preferred: step.bic < line.bic ? "step" : "line" };
}
