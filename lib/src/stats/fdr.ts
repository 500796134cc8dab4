/**
 * False-discovery-rate adjusted p-values (q-values) for many simultaneous tests, as R's
 * `p.adjust(p, "BH")` and `p.adjust(p, "BY")`.
 */

/** Positions of the non-NaN p-values, sorted by p-value descending; checks the range. */
function descendingOrder(pValues: readonly number[]): number[] {
  const present: number[] = [];
  pValues.forEach((p, i) => {
    if (Number.isNaN(p)) return;
    if (typeof p !== "number" || !(p >= 0 && p <= 1)) {
      throw new RangeError(`pValues[${i}] must be a probability in [0, 1] or NaN, got ${String(p)}`);
    }
    present.push(i);
  });
  return present.sort((a, b) => (pValues[b] as number) - (pValues[a] as number));
}

/** Step-up adjustment min_{j ≥ i}(min(1, factor·m/j·p₍ⱼ₎)) over the non-NaN p-values. */
function stepUp(pValues: readonly number[], factor: (m: number) => number): number[] {
  const out = pValues.map(() => Number.NaN);
  const order = descendingOrder(pValues);
  const m = order.length;
  const c = factor(m);
  let running = 1;
  order.forEach((index, position) => {
    const rank = m - position; // 1-based rank in ascending order
    running = Math.min(running, (c * m * (pValues[index] as number)) / rank);
    out[index] = running;
  });
  return out;
}

/**
 * Benjamini–Hochberg (1995) adjusted p-values: with the m p-values sorted ascending,
 * q₍ᵢ₎ = min_{j ≥ i} min(1, m·p₍ⱼ₎/j), returned in the input order — equal to R's
 * `p.adjust(p, "BH")` (controls the FDR under independence or positive dependence). NaN entries
 * stay NaN and are not counted in m (R's `p.adjust` with NA). Dimensionless; O(m log m); ties
 * need no special handling. The input is not modified.
 *
 * @throws RangeError if a non-NaN entry is outside [0, 1].
 * @example benjaminiHochberg([0.01, 0.04, 0.03, 0.2]) // → [0.04, 0.0533…, 0.0533…, 0.2]
 */
export function benjaminiHochberg(pValues: readonly number[]): number[] {
  return stepUp(pValues, () => 1);
}

/**
 * Benjamini–Yekutieli (2001) adjusted p-values: the Benjamini–Hochberg step-up with m replaced by
 * m·c(m), c(m) = Σ_{i=1}^{m} 1/i, so q₍ᵢ₎ = min_{j ≥ i} min(1, c(m)·m·p₍ⱼ₎/j) — equal to R's
 * `p.adjust(p, "BY")` (controls the FDR under any dependence). NaN entries stay NaN and are not
 * counted in m. Dimensionless; O(m log m). The input is not modified.
 *
 * @throws RangeError if a non-NaN entry is outside [0, 1].
 * @example benjaminiYekutieli([0.01, 0.02]) // → [0.03, 0.03] (c(2) = 1.5)
 */
export function benjaminiYekutieli(pValues: readonly number[]): number[] {
  return stepUp(pValues, (m) => {
    let c = 0;
    for (let i = m; i >= 1; i--) c += 1 / i;
    return c;
  });
}
