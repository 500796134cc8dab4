/**
 * Welford's running moments, kept per prefix length so that a mission series can truncate and
 * extend them (see `mission-series.ts`).
 */

/**
 * Pushes the running sum, mean and M2 (sum of squared deviations) after the (i + 1)-th value `x`,
 * given the arrays hold i + 1 entries (index 0: the empty prefix). The population variance of the
 * first n values is m2[n] / n.
 *
 * @example const s = [0], m = [0], q = [0]; welford(s, m, q, 0, 2); welford(s, m, q, 1, 4); q[2] / 2 // → 1
 */
export function welford(sum: number[], mean: number[], m2: number[], i: number, x: number): void {
  welfordAt(sum, mean, m2, i, i, x);
}

/**
 * {@link welford} where the prefix at index `i` holds `count` values (fewer than i when some
 * entries carried no value and only repeated the previous moments).
 *
 * @example const s = [0, 0], m = [0, 0], q = [0, 0]; welfordAt(s, m, q, 1, 0, 5); m[2] // → 5
 */
export function welfordAt(
  sum: number[],
  mean: number[],
  m2: number[],
  i: number,
  count: number,
  x: number,
): void {
  const n = count + 1;
  const m = mean[i] as number;
  const delta = x - m;
  const next = m + delta / n;
  sum.push((sum[i] as number) + x);
  mean.push(next);
  m2.push((m2[i] as number) + delta * (x - next));
}
