/**
 * A cache of exact Mann–Kendall null distributions by tie structure, filled by a fast exact
 * algorithm — for replays that test a sliding window at every run, where tied KPI values make the
 * tie structure change often (a 60-run window of one-decimal KPI values has a new structure every
 * few runs, and the convolution algorithm of `mann-kendall-exact.ts` costs ≈ 3 ms per structure).
 *
 * The inversion count of a random arrangement of a multiset with tie groups t₁…t_k has generating
 * function Π_g [T_g; t_g]_q (T_g = t₁ + … + t_g). Each Gaussian binomial [T; t]_q =
 * Π_{i=1..t} (1 − q^{a_i})/(1 − q^i), where a_1…a_t are T − t + 1 … T matched to 1…t so that i
 * divides a_i (found by augmenting paths), and each factor (1 − q^a)/(1 − q^i) = 1 + q^i + … + q^{a−i} is a "stride box": the law of an
 * independent uniform on {0, i, …, a − i}. So the distribution is a product of n stride boxes,
 * each applied in O(length) with running sums per residue class — O(n³) in all instead of O(n⁴).
 * Every intermediate is symmetric, so only its left half is computed (where a running sum only
 * drops its oldest, smallest terms) and the right half is mirrored: tails as small as 1/n! keep
 * their relative accuracy. The result agrees with `inversionProbabilities` (positive-term
 * convolutions) to ~1e-14 relative at every index.
 *
 * A divisor matching always exists for t ≤ 2 but not always beyond ({5, 6, 7, 8} with
 * {1, 2, 3, 4}); such a group's Gaussian binomial is built by Pascal's recurrence (positive terms)
 * and convolved — cheap, because the groups are placed largest first, while the product is short.
 * Cost ≈ n³/12 additions (≈ 0.1 ms at n = 60).
 */

/**
 * Most distributions kept; least recently used ones are dropped beyond it.
 *
 * @example MANN_KENDALL_NULL_CACHE_SIZE // → 512
 */
export const MANN_KENDALL_NULL_CACHE_SIZE = 512;

const cache = new Map<string, Float64Array>();

/**
 * Applies the stride box (1/r)·(1 + q^i + … + q^{(r−1)i}) to the symmetric distribution c[0..deg]
 * (the law of the sum with an independent uniform on {0, i, …, (r − 1)i}), writing out[0..deg +
 * (r − 1)i]; `acc` is scratch of length ≥ i. Returns the new degree.
 */
function timesStrideBox(
  c: Float64Array,
  deg: number,
  i: number,
  r: number,
  out: Float64Array,
  acc: Float64Array,
): number {
  const outDeg = deg + (r - 1) * i;
  const half = outDeg >> 1;
  const span = r * i;
  // Running sums: out[k] = (c[k] + c[k − i] + … + c[k − (r − 1)i]) / r, c = 0 outside 0..deg.
  const addEnd = Math.min(deg, half);
  if (i === 1) {
    let a = 0;
    let k = 0;
    for (; k <= addEnd && k < span; k++) out[k] = (a += c[k] as number) / r;
    for (; k <= addEnd; k++) out[k] = (a += (c[k] as number) - (c[k - span] as number)) / r;
    for (; k <= half; k++) out[k] = (a -= k >= span ? (c[k - span] as number) : 0) / r;
  } else {
    acc.fill(0, 0, i);
    for (let k = 0, res = 0; k <= half; k++, res = res + 1 === i ? 0 : res + 1) {
      let a = acc[res] as number;
      if (k <= deg) a += c[k] as number;
      if (k >= span) a -= c[k - span] as number;
      acc[res] = a;
      out[k] = a / r;
    }
  }
  for (let k = half + 1; k <= outDeg; k++) out[k] = out[outDeg - k] as number;
  return outDeg;
}

/**
 * Matches T − t + 1 … T to 1 … t so that each divisor divides its partner (augmenting paths);
 * null when impossible. Returns the partner of each divisor 1…t (index d − 1).
 */
function divisorMatching(T: number, t: number): number[] | null {
  const partnerOf = new Array<number>(t).fill(0); // divisor index → numerator (0: none)
  const owner = new Map<number, number>(); // numerator → divisor index
  const tryAssign = (d: number, seen: Set<number>): boolean => {
    for (let a = T - t + 1; a <= T; a++) {
      if (a % (d + 1) !== 0 || seen.has(a)) continue;
      seen.add(a);
      const other = owner.get(a);
      if (other === undefined || tryAssign(other, seen)) {
        owner.set(a, d);
        partnerOf[d] = a;
        return true;
      }
    }
    return false;
  };
  for (let d = t - 1; d >= 0; d--) if (!tryAssign(d, new Set())) return null;
  return partnerOf;
}

/** Probabilities of the Gaussian binomial [T; t]_q by Pascal's rule G(T, t) = G(T−1, t−1) + q^t·G(T−1, t). */
function gaussianBinomial(T: number, t: number): Float64Array {
  // row[j] = G(m, j) for the current m, j = 0..t (as counts; normalised at the end).
  let row: Float64Array[] = [Float64Array.of(1)];
  for (let m = 1; m <= T; m++) {
    const next: Float64Array[] = [];
    for (let j = 0; j <= Math.min(m, t); j++) {
      const out = new Float64Array(j * (m - j) + 1);
      const a = j >= 1 ? row[j - 1] : undefined; // G(m−1, j−1)
      const b = j <= m - 1 ? row[j] : undefined; // G(m−1, j), shifted by j
      if (a) for (let k = 0; k < a.length; k++) out[k] = a[k] as number;
      if (b) for (let k = 0; k < b.length; k++) out[k + j] = (out[k + j] as number) + (b[k] as number);
      next.push(out);
    }
    row = next;
  }
  const g = row[t] as Float64Array;
  let total = 0;
  for (const v of g) total += v;
  return g.map((v) => v / total);
}

/** out[0..da + db] = a[0..da] * b (a convolution of positive terms). Returns the new degree. */
function convolveInto(a: Float64Array, da: number, b: Float64Array, out: Float64Array): number {
  const deg = da + b.length - 1;
  out.fill(0, 0, deg + 1);
  for (let i = 0; i <= da; i++) {
    const ai = a[i] as number;
    for (let j = 0; j < b.length; j++) out[i + j] = (out[i + j] as number) + ai * (b[j] as number);
  }
  return deg;
}

/**
 * Probability of each inversion count 0..P under H0 for the tie-group sizes (any order), as a
 * product of stride boxes (see above).
 *
 * @example inversionProbabilitiesByBoxes([1, 1, 1]) // → Float64Array [1/6, 1/3, 1/3, 1/6]
 */
export function inversionProbabilitiesByBoxes(groupSizes: readonly number[]): Float64Array {
  const sizes = [...groupSizes].sort((a, b) => b - a);
  const n = sizes.reduce((sum, t) => sum + t, 0);
  const capacity = (n * (n - 1)) / 2 + 1;
  // Two buffers used in turn: no allocation per factor.
  let cur = new Float64Array(capacity);
  let next = new Float64Array(capacity);
  const acc = new Float64Array(Math.max(1, n));
  cur[0] = 1;
  let deg = 0;
  let placed = 0;
  for (const t of sizes) {
    const T = placed + t;
    placed = T;
    if (T === t) continue; // the first group: [t; t]_q = 1
    const partners = divisorMatching(T, t);
    if (!partners) {
      deg = convolveInto(cur, deg, gaussianBinomial(T, t), next);
      [cur, next] = [next, cur];
      continue;
    }
    for (let d = 0; d < partners.length; d++) {
      const stride = d + 1;
      const a = partners[d] as number;
      if (a <= stride) continue;
      deg = timesStrideBox(cur, deg, stride, a / stride, next, acc);
      [cur, next] = [next, cur];
    }
  }
  return cur.slice(0, deg + 1);
}

/**
 * The exact null distribution (probability of each inversion count) for a tie structure, from the
 * cache or computed by {@link inversionProbabilitiesByBoxes}. The distribution depends only on the
 * multiset of group sizes, so the sorted sizes are the key. The returned array is shared: read only.
 *
 * @example cachedInversionProbabilities([2, 1, 1])[0] // → 1/12 (no inversion among 4 values, 2 tied)
 */
export function cachedInversionProbabilities(groupSizes: readonly number[]): Float64Array {
  const key = [...groupSizes].sort((a, b) => b - a).join(",");
  const hit = cache.get(key);
  if (hit) {
    cache.delete(key);
    cache.set(key, hit);
    return hit;
  }
  const q = inversionProbabilitiesByBoxes(groupSizes);
  cache.set(key, q);
  if (cache.size > MANN_KENDALL_NULL_CACHE_SIZE) cache.delete(cache.keys().next().value as string);
  return q;
}
