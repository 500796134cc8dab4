/**
 * The trend statistics of a sliding window of KPI values, kept up to date as values enter and
 * leave: the sorted multiset of pairwise slopes, the Mann–Kendall S, the tie groups and the sorted
 * |values|. Moving the window by one run costs O(pairs + window) instead of recomputing
 * Mann–Kendall (O(n log n) plus the null distribution) and Sen's slope (O(n²) slopes and a
 * selection) from scratch — what makes a replay of a 60-run trend window cheap at every run.
 *
 * The figures equal `mannKendall(window)` and `senSlope(window, { ciLevel })` exactly: a pairwise
 * slope is (yⱼ − yᵢ)/(j − i) however the window was built, S is an integer sum of signs, the
 * ties feed the same `mannKendallFromStatistic`, and the Sen interval follows `senSlope`'s
 * convention (ranks round((N ∓ C)/2) and round((N + C)/2) + 1, halves to even, clamped to 1..N).
 */
import { kendallVarianceS } from "../stats/kendall-ties";
import { mannKendallFromStatistic, type MannKendallResult } from "../stats/mann-kendall";
import { normalQuantile } from "../stats/normal";
import { quantileSorted } from "../stats/quantile";

/** Sen's slope figures the trend uses (as `senSlope` returns them). */
export interface SlidingSen {
  readonly slope: number;
  readonly lower: number;
  readonly upper: number;
  /** median(yᵢ − slope·xᵢ) with x = 1..n. */
  readonly intercept: number;
}

const EMPTY = new Float64Array(0);

const quantiles = new Map<number, number>();
/** z_{1−(1−level)/2}, cached by level. */
function zOf(ciLevel: number): number {
  let z = quantiles.get(ciLevel);
  if (z === undefined) {
    z = normalQuantile(1 - (1 - ciLevel) / 2);
    quantiles.set(ciLevel, z);
  }
  return z;
}

/** Round half to even, as `senSlope` rounds ranks (R's `round`). */
function roundHalfEven(v: number): number {
  const r = Math.round(v);
  return Math.abs(v % 1) === 0.5 && r % 2 !== 0 ? r - 1 : r;
}

/** Index of the first element ≥ v in sorted `a`. */
function lowerBound(a: readonly number[], v: number): number {
  let lo = 0;
  let hi = a.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if ((a[mid] as number) < v) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/**
 * A window of at most `capacity` values with its trend statistics.
 *
 * @example const w = new SlidingTrendWindow(3); [1, 3, 2, 5].forEach((v) => w.push(v)); w.values // → [3, 2, 5]
 */
export class SlidingTrendWindow {
  private readonly ys: number[] = [];
  /** Sorted pairwise slopes (first `count` entries) and a spare buffer for merges. */
  private slopes: Float64Array;
  private spare: Float64Array;
  private count = 0;
  private s = 0;
  private readonly ties = new Map<number, number>();
  /** Tie-group sizes, computed on demand after a change. */
  private groups: number[] | undefined;
  private readonly absSorted: number[] = [];
  /** Scratch for the slopes leaving and entering at each push. */
  private readonly leaving: Float64Array;
  private readonly entering: Float64Array;

  constructor(readonly capacity: number) {
    const pairs = (capacity * (capacity - 1)) / 2;
    this.slopes = new Float64Array(pairs);
    this.spare = new Float64Array(pairs);
    this.leaving = new Float64Array(Math.max(0, capacity - 1));
    this.entering = new Float64Array(capacity);
  }

  /** The window's values, oldest first (read-only view). */
  get values(): readonly number[] {
    return this.ys;
  }

  /** Replaces the window by the last `capacity` of `values`. */
  reset(values: readonly number[]): void {
    this.ys.length = 0;
    this.count = 0;
    this.s = 0;
    this.ties.clear();
    this.groups = undefined;
    this.absSorted.length = 0;
    for (const v of values.slice(-this.capacity)) this.push(v);
  }

  /** Appends a value, dropping the oldest when the window is full. */
  push(v: number): void {
    let removed: Float64Array = EMPTY;
    if (this.ys.length === this.capacity) {
      const u = this.ys[0] as number;
      removed = this.leaving.subarray(0, this.ys.length - 1);
      for (let j = 1; j < this.ys.length; j++) {
        const y = this.ys[j] as number;
        removed[j - 1] = (y - u) / j;
        this.s -= Math.sign(y - u);
      }
      this.ys.shift();
      this.untie(u);
    }
    const n = this.ys.length;
    const added = this.entering.subarray(0, n);
    for (let i = 0; i < n; i++) {
      const y = this.ys[i] as number;
      added[i] = (v - y) / (n - i);
      this.s += Math.sign(v - y);
    }
    this.ys.push(v);
    this.ties.set(v, (this.ties.get(v) ?? 0) + 1);
    this.groups = undefined;
    this.absSorted.splice(lowerBound(this.absSorted, Math.abs(v)), 0, Math.abs(v));
    this.merge(removed.sort(), added.sort());
  }

  /** Mann–Kendall of the window, as `mannKendall(values)`. */
  mannKendall(): MannKendallResult {
    return mannKendallFromStatistic(this.ys.length, this.s, this.groupSizes());
  }

  /** Sen's slope, interval and intercept of the window, as `senSlope(values, { ciLevel })`. */
  sen(ciLevel: number): SlidingSen {
    const n = this.ys.length;
    const pairs = this.count;
    const varS = kendallVarianceS(n, this.groupSizes());
    const c = zOf(ciLevel) * Math.sqrt(varS);
    const lowerRank = Math.max(1, roundHalfEven((pairs - c) / 2));
    const upperRank = Math.min(pairs, roundHalfEven((pairs + c) / 2) + 1);
    const at = (rank: number) => this.slopes[rank] as number;
    const slope = pairs % 2 === 1 ? at((pairs - 1) / 2) : 0.5 * (at(pairs / 2 - 1) + at(pairs / 2));
    const residuals = Float64Array.from(this.ys, (y, i) => y - slope * (i + 1));
    residuals.sort();
    return {
      slope,
      lower: at(lowerRank - 1),
      upper: at(upperRank - 1),
      intercept: quantileSorted(residuals, 0.5),
    };
  }

  /** Median of |values| (the trend's typical level). */
  medianAbs(): number {
    return quantileSorted(this.absSorted, 0.5);
  }

  private groupSizes(): number[] {
    return (this.groups ??= [...this.ties.values()]);
  }

  private untie(u: number): void {
    const c = this.ties.get(u) as number;
    if (c === 1) this.ties.delete(u);
    else this.ties.set(u, c - 1);
    this.absSorted.splice(lowerBound(this.absSorted, Math.abs(u)), 1);
  }

  /** slopes := slopes − removed + added (multisets, all sorted ascending), in one pass. */
  private merge(removed: Float64Array, added: Float64Array): void {
    const src = this.slopes;
    const out = this.spare;
    let i = 0;
    let r = 0;
    let a = 0;
    let k = 0;
    while (i < this.count) {
      const x = src[i] as number;
      while (r < removed.length && (removed[r] as number) < x) r++;
      if (r < removed.length && removed[r] === x) {
        r++;
        i++;
        continue;
      }
      while (a < added.length && (added[a] as number) < x) out[k++] = added[a++] as number;
      out[k++] = x;
      i++;
    }
    while (a < added.length) out[k++] = added[a++] as number;
    this.slopes = out;
    this.spare = src;
    this.count = k;
  }
}
