/**
 * The per-run series of a simulated mission: AR(1) noise, KPI values, run start offsets and human
 * touches. Pure apart from advancing the stream they are given; inputs are never modified.
 */
import type { Rng } from "../stats/random";
import { countDraw, exponentialDraw } from "./draws";
import type { KpiModel, RunSpacing, TouchModel } from "./mission-model";

/**
 * A stationary AR(1) series of length `n`: e_0 ~ N(0, sd²), e_i = phi·e_(i−1) + N(0, sd²(1 − phi²)),
 * so every e_i has marginal SD `sd` and lag-1 autocorrelation `phi` (phi = 0: iid normal noise).
 *
 * @throws RangeError when `n` is not a non-negative integer, `sd` < 0, or phi ∉ (−1, 1).
 * @example ar1Noise(createRng("a"), 3, 0.5, 0).join(",") // → "0,0,0"
 */
export function ar1Noise(rng: Rng, n: number, phi: number, sd: number): number[] {
  if (!Number.isSafeInteger(n) || n < 0) throw new RangeError(`n must be an integer ≥ 0, got ${n}`);
  if (!(phi > -1 && phi < 1)) throw new RangeError(`phi must be in (−1, 1), got ${String(phi)}`);
  if (!(sd >= 0 && Number.isFinite(sd))) throw new RangeError(`sd must be ≥ 0, got ${String(sd)}`);
  const innovation = sd * Math.sqrt(1 - phi * phi);
  const out: number[] = [];
  let e = 0;
  for (let i = 0; i < n; i++) {
    e = i === 0 ? rng.normal(0, sd) : phi * e + rng.normal(0, innovation);
    out.push(e);
  }
  return out;
}

/**
 * Day offsets of `n` run starts from the first run (the first is 0), for the given spacing.
 *
 * @throws RangeError when explicit offsets do not number `n`, are not finite, or decrease; or
 *   when an irregular mean gap is not > 0.
 * @example runStartDays(createRng("d"), { kind: "daily" }, 3).join(",") // → "0,1,2"
 */
export function runStartDays(rng: Rng, spacing: RunSpacing, n: number): number[] {
  if (spacing.kind === "daily") return Array.from({ length: n }, (_, i) => i);
  if (spacing.kind === "explicit") {
    const days = spacing.days;
    if (days.length !== n) throw new RangeError(`explicit spacing gives ${days.length} runs, expected ${n}`);
    days.forEach((d, i) => {
      if (!Number.isFinite(d) || (i > 0 && d < (days[i - 1] as number))) {
        throw new RangeError(`explicit run offsets must be finite and non-decreasing (at ${i}: ${d})`);
      }
    });
    const first = days[0] ?? 0;
    return days.map((d) => d - first);
  }
  const out: number[] = [];
  let t = 0;
  for (let i = 0; i < n; i++) {
    if (i > 0) t += exponentialDraw(rng, spacing.meanDays);
    out.push(t);
  }
  return out;
}

/**
 * Primary KPI values of runs starting at `days` (offsets from the first run), following
 * {@link KpiModel}; `null` where the run does not report the KPI. Draws, in order: the AR(1)
 * noise, then one uniform per run for missing values when `missingShare` > 0.
 *
 * @throws RangeError when the noise parameters are invalid or `missingShare` ∉ [0, 1].
 * @example kpiValues(createRng("k"), { direction: "lower_is_better", level: 10, noise: { sd: 0 } }, [0, 1]).join(",") // → "10,10"
 */
export function kpiValues(rng: Rng, model: KpiModel, days: readonly number[]): (number | null)[] {
  const n = days.length;
  const noise = ar1Noise(rng, n, model.noise.phi ?? 0, model.noise.sd);
  const missing = model.missingShare ?? 0;
  if (!(missing >= 0 && missing <= 1)) throw new RangeError(`missingShare must be in [0, 1], got ${missing}`);
  return noise.map((e, i) => {
    const level = model.step && i >= model.step.atRun ? model.step.level : model.level;
    const x = model.trend?.per === "day" ? (days[i] as number) : i;
    const mean = level * (1 + (model.trend?.slope ?? 0) * x);
    let value = mean * (1 + e);
    if (i === n - 1 && model.excursion) value *= model.excursion.factor;
    if (missing > 0 && rng.bernoulli(missing)) return null;
    return value;
  });
}

/**
 * Human touches of `n` runs, split into interventions and escalations, following
 * {@link TouchModel}.
 *
 * @throws RangeError when a mean is negative, the variance ratio is below 1, or the escalation
 *   share is outside [0, 1].
 * @example touchCounts(createRng("t"), { mean: 0, escalationShare: 0.3 }, 2).interventions.join(",") // → "0,0"
 */
export function touchCounts(
  rng: Rng,
  model: TouchModel,
  n: number,
): { interventions: number[]; escalations: number[] } {
  const interventions: number[] = [];
  const escalations: number[] = [];
  for (let i = 0; i < n; i++) {
    const mean = model.change && i >= model.change.atRun ? model.change.mean : model.mean;
    const touches = countDraw(rng, mean, model.varianceRatio ?? 1);
    let esc = 0;
    for (let k = 0; k < touches; k++) if (rng.bernoulli(model.escalationShare)) esc++;
    interventions.push(touches - esc);
    escalations.push(esc);
  }
  return { interventions, escalations };
}
