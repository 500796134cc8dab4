/**
 * Small, independent statistics for checking generated stories in tests (deliberately not the
 * library's own implementations): least-squares slope, Mann–Kendall S with the tie-corrected
 * normal approximation, means of thirds.
 */

/** Least-squares slope of ys against 0, 1, 2, … */
export function olsSlope(ys: readonly number[]): number {
  const n = ys.length;
  const mx = (n - 1) / 2;
  const my = ys.reduce((s, y) => s + y, 0) / n;
  let sxy = 0;
  let sxx = 0;
  ys.forEach((y, i) => {
    sxy += (i - mx) * (y - my);
    sxx += (i - mx) * (i - mx);
  });
  return sxy / sxx;
}

/** Standard normal upper tail via the complementary error function (Numerical Recipes erfc). */
function upperTail(z: number): number {
  const x = Math.abs(z) / Math.SQRT2;
  const t = 1 / (1 + 0.5 * x);
  const erfc =
    t *
    Math.exp(
      -x * x -
        1.26551223 +
        t *
          (1.00002368 +
            t *
              (0.37409196 +
                t *
                  (0.09678418 +
                    t *
                      (-0.18628806 +
                        t *
                          (0.27886807 +
                            t * (-1.13520398 + t * (1.48851587 + t * (-0.82215223 + t * 0.17087277)))))))),
    );
  const tail = erfc / 2;
  return z >= 0 ? tail : 1 - tail;
}

/** Mann–Kendall: S, and one-sided p-values (normal approximation, tie and continuity corrected). */
export function mannKendall(ys: readonly number[]): {
  s: number;
  pIncreasing: number;
  pDecreasing: number;
  pTwoSided: number;
} {
  const n = ys.length;
  let s = 0;
  for (let i = 0; i < n; i++)
    for (let j = i + 1; j < n; j++) s += Math.sign((ys[j] as number) - (ys[i] as number));
  const counts = new Map<number, number>();
  for (const y of ys) counts.set(y, (counts.get(y) ?? 0) + 1);
  let tieTerm = 0;
  for (const t of counts.values()) tieTerm += t * (t - 1) * (2 * t + 5);
  const varS = (n * (n - 1) * (2 * n + 5) - tieTerm) / 18;
  const sd = Math.sqrt(varS);
  const z = s > 0 ? (s - 1) / sd : s < 0 ? (s + 1) / sd : 0;
  const pIncreasing = upperTail(z);
  const pDecreasing = upperTail(-z);
  return { s, pIncreasing, pDecreasing, pTwoSided: Math.min(1, 2 * Math.min(pIncreasing, pDecreasing)) };
}

/** Mean of a list. */
export function mean(xs: readonly number[]): number {
  return xs.reduce((s, x) => s + x, 0) / xs.length;
}

/** First and last third (floor(n/3) items each). */
export function thirds<T>(xs: readonly T[]): [T[], T[]] {
  const k = Math.floor(xs.length / 3);
  return [xs.slice(0, k), xs.slice(xs.length - k)];
}
