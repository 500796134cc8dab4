/**
 * Order statistics of the pairwise slopes (yⱼ − yᵢ)/(xⱼ − xᵢ), i < j, xᵢ ≠ xⱼ, without
 * necessarily storing all of them (internal; the engine of Sen's slope).
 *
 * Small problems (≤ 50 000 slopes) store every slope and select the ranks in place. Larger ones
 * stream: a deterministic random sample of 16 384 pair slopes brackets the wanted ranks (they
 * sit in a narrow band around the median), then one pass over all pairs counts the slopes below
 * the bracket and keeps only those inside it, and the ranks are selected within that band.
 * Memory is O(band) instead of 8 bytes per pair, which avoids allocating (and collecting) tens of
 * megabytes per call. If the bracket misses a wanted rank (improbable) the slopes are stored and
 * selected in full, so the answer is always exact.
 */
import { selectRanks } from "./order-statistics";

const STREAM_FROM = 50_000;
const SAMPLE_SIZE = 16_384;
/** 4 standard deviations of a sample count at p = ½, in sample positions, plus slack. */
const SAMPLE_MARGIN = Math.ceil(2 * Math.sqrt(SAMPLE_SIZE)) + 2;

function allSlopes(y: readonly number[], x: readonly number[], pairs: number): Float64Array {
  const n = y.length;
  const slopes = new Float64Array(pairs);
  let m = 0;
  for (let i = 0; i < n - 1; i++) {
    const xi = x[i] as number;
    const yi = y[i] as number;
    for (let j = i + 1; j < n; j++) {
      const dx = (x[j] as number) - xi;
      if (dx !== 0) slopes[m++] = ((y[j] as number) - yi) / dx;
    }
  }
  return slopes;
}

/** Sorted slopes of SAMPLE_SIZE random pairs (deterministic LCG), or undefined if x is too tied. */
function sampleSlopes(y: readonly number[], x: readonly number[]): Float64Array | undefined {
  const n = y.length;
  const sample = new Float64Array(SAMPLE_SIZE);
  let state = 0x2545f491;
  const uniformIndex = (): number => {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0; // LCG; high bits pick the index
    return Math.floor((state / 4294967296) * n);
  };
  let filled = 0;
  for (let attempts = 0; filled < SAMPLE_SIZE; attempts++) {
    if (attempts > 50 * SAMPLE_SIZE) return undefined;
    const i = uniformIndex();
    const j = uniformIndex();
    const dx = (x[j] as number) - (x[i] as number);
    if (dx !== 0) sample[filled++] = ((y[j] as number) - (y[i] as number)) / dx;
  }
  sample.sort();
  return sample;
}

/**
 * Values of the given 0-based ranks among the `pairs` ascending pairwise slopes.
 * @internal Inputs are validated by the caller; `pairs` must be the number of pairs with xᵢ ≠ xⱼ
 *   and every rank must lie in 0..pairs−1. Inputs are not modified.
 */
export function pairwiseSlopeRanks(
  y: readonly number[],
  x: readonly number[],
  pairs: number,
  ranks: readonly number[],
): Map<number, number> {
  const sample = pairs > STREAM_FROM ? sampleSlopes(y, x) : undefined;
  if (sample === undefined) return selectRanks(allSlopes(y, x, pairs), pairs, ranks);

  const wanted = [...new Set(ranks)].sort((a, b) => a - b);
  const rMin = wanted[0] as number;
  const rMax = wanted[wanted.length - 1] as number;
  const loIndex = Math.floor((rMin / pairs) * SAMPLE_SIZE) - SAMPLE_MARGIN;
  const hiIndex = Math.ceil(((rMax + 1) / pairs) * SAMPLE_SIZE) + SAMPLE_MARGIN;
  const lo = loIndex < 0 ? -Infinity : (sample[loIndex] as number);
  const hi = hiIndex >= SAMPLE_SIZE ? Infinity : (sample[hiIndex] as number);

  const n = y.length;
  let band = new Float64Array(Math.max(1024, Math.ceil(((hiIndex - loIndex) / SAMPLE_SIZE) * pairs * 1.25)));
  let inBand = 0;
  let below = 0;
  for (let i = 0; i < n - 1; i++) {
    const xi = x[i] as number;
    const yi = y[i] as number;
    for (let j = i + 1; j < n; j++) {
      const dx = (x[j] as number) - xi;
      if (dx === 0) continue;
      const slope = ((y[j] as number) - yi) / dx;
      if (slope < lo) below++;
      else if (slope <= hi) {
        if (inBand === band.length) {
          const grown = new Float64Array(band.length * 2);
          grown.set(band);
          band = grown;
        }
        band[inBand++] = slope;
      }
    }
  }
  if (below > rMin || below + inBand <= rMax) return selectRanks(allSlopes(y, x, pairs), pairs, ranks);

  const inner = selectRanks(
    band,
    inBand,
    wanted.map((r) => r - below),
  );
  const found = new Map<number, number>();
  for (const r of wanted) found.set(r, inner.get(r - below) as number);
  return found;
}
