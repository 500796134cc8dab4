/**
 * Argument checks shared by the statistics module (internal; not exported from the package
 * entry). Every check throws a `RangeError` naming the offending argument.
 */

/** Throws unless every element of `values` is a finite number. */
export function assertFiniteArray(values: readonly number[], name: string): void {
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (typeof v !== "number" || !Number.isFinite(v)) {
      throw new RangeError(`${name}[${i}] must be a finite number, got ${String(v)}`);
    }
  }
}

/** Throws unless `values` has at least `min` elements. */
export function assertMinLength(values: readonly unknown[], min: number, name: string): void {
  if (values.length < min) {
    throw new RangeError(`${name} needs at least ${min} value${min === 1 ? "" : "s"}, got ${values.length}`);
  }
}

/** Throws unless `value` is a finite number. */
export function assertFinite(value: number, name: string): void {
  if (typeof value !== "number" || !Number.isFinite(value)) {
    throw new RangeError(`${name} must be a finite number, got ${String(value)}`);
  }
}

/** Throws unless `value` is a non-negative safe integer. */
export function assertCount(value: number, name: string): void {
  if (!Number.isSafeInteger(value) || value < 0) {
    throw new RangeError(`${name} must be a non-negative integer, got ${String(value)}`);
  }
}

/** Throws unless `value` is a probability in [0, 1]. */
export function assertProbability(value: number, name: string): void {
  if (typeof value !== "number" || !(value >= 0 && value <= 1)) {
    throw new RangeError(`${name} must be a probability in [0, 1], got ${String(value)}`);
  }
}

/** Throws unless `value` lies strictly between 0 and 1 (a confidence level). */
export function assertOpenUnit(value: number, name: string): void {
  if (typeof value !== "number" || !(value > 0 && value < 1)) {
    throw new RangeError(`${name} must lie strictly between 0 and 1, got ${String(value)}`);
  }
}

/** Returns a sorted (ascending) copy of `values` as a Float64Array; the input is not touched. */
export function sortedCopy(values: readonly number[]): Float64Array {
  const out = Float64Array.from(values);
  out.sort();
  return out;
}
