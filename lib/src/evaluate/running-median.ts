/**
 * A multiset of numbers with O(log n) insertion and removal and O(1) median — two heaps with lazy
 * deletion. The median is computed exactly as the type-7 `median` of the stats module
 * (`lo + 0.5·(hi − lo)` for an even count), so it gives the same number as sorting the values.
 */

/** A binary heap of numbers; `before(a, b)` true when a belongs nearer the top. */
class Heap {
  private readonly items: number[] = [];
  constructor(private readonly before: (a: number, b: number) => boolean) {}

  get size(): number {
    return this.items.length;
  }

  top(): number | undefined {
    return this.items[0];
  }

  push(value: number): void {
    const a = this.items;
    a.push(value);
    let i = a.length - 1;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (!this.before(a[i] as number, a[parent] as number)) break;
      [a[i], a[parent]] = [a[parent] as number, a[i] as number];
      i = parent;
    }
  }

  pop(): number | undefined {
    const a = this.items;
    const first = a[0];
    const last = a.pop();
    if (a.length === 0 || last === undefined) return first;
    a[0] = last;
    let i = 0;
    for (;;) {
      const l = 2 * i + 1;
      const r = l + 1;
      let best = i;
      if (l < a.length && this.before(a[l] as number, a[best] as number)) best = l;
      if (r < a.length && this.before(a[r] as number, a[best] as number)) best = r;
      if (best === i) break;
      [a[i], a[best]] = [a[best] as number, a[i] as number];
      i = best;
    }
    return first;
  }
}

/**
 * Running median of a multiset that grows and shrinks. Values must be finite.
 *
 * @example const m = new RunningMedian(); m.add(3); m.add(1); m.add(2); m.remove(3); m.median() // → 1.5
 */
export class RunningMedian {
  /** Lower half (max-heap) and upper half (min-heap), possibly holding lazily deleted values. */
  private readonly low = new Heap((a, b) => a > b);
  private readonly high = new Heap((a, b) => a < b);
  /** Values deleted but still inside a heap, with their multiplicity. */
  private readonly pending = new Map<number, number>();
  /** Live (not deleted) values in each heap. */
  private lowLive = 0;
  private highLive = 0;

  /** Number of values held. */
  get size(): number {
    return this.lowLive + this.highLive;
  }

  /** Adds a value. */
  add(value: number): void {
    this.prune();
    const lowTop = this.low.top();
    if (lowTop === undefined || value <= lowTop) {
      this.low.push(value);
      this.lowLive++;
    } else {
      this.high.push(value);
      this.highLive++;
    }
    this.rebalance();
  }

  /**
   * Removes one occurrence of `value`.
   *
   * @throws Error when the value is not held (a caller bug).
   */
  remove(value: number): void {
    this.prune();
    const lowTop = this.low.top();
    if (lowTop !== undefined && value <= lowTop) this.lowLive--;
    else this.highLive--;
    if (this.lowLive < 0 || this.highLive < 0) throw new Error(`RunningMedian: ${value} is not held`);
    this.pending.set(value, (this.pending.get(value) ?? 0) + 1);
    this.rebalance();
  }

  /** Median of the values (mean of the two middle ones for an even count); 0 when empty. */
  median(): number {
    this.prune();
    const lo = this.low.top();
    if (lo === undefined) return 0;
    if (this.lowLive > this.highLive) return lo;
    const hi = this.high.top() as number;
    return lo + 0.5 * (hi - lo);
  }

  /** Drops lazily deleted values from both tops. */
  private prune(): void {
    for (const heap of [this.low, this.high]) {
      for (;;) {
        const top = heap.top();
        if (top === undefined) break;
        const count = this.pending.get(top);
        if (!count) break;
        heap.pop();
        if (count === 1) this.pending.delete(top);
        else this.pending.set(top, count - 1);
      }
    }
  }

  /** Keeps lowLive = highLive or highLive + 1. */
  private rebalance(): void {
    for (;;) {
      this.prune();
      if (this.lowLive > this.highLive + 1) {
        this.high.push(this.low.pop() as number);
        this.lowLive--;
        this.highLive++;
      } else if (this.highLive > this.lowLive) {
        this.low.push(this.high.pop() as number);
        this.highLive--;
        this.lowLive++;
      } else {
        return;
      }
    }
  }
}
